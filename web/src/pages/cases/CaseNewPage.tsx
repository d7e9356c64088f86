import { Button, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { CASE_CATEGORIES, CASE_SOURCES, RISK_LEVELS, type CaseCategory, type CaseSource, type RiskLevel } from '../../../../contracts/cases';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useI18n } from '../../i18n';
import { DraftRestored, useDraftForm } from '../../lib/form';
import { useNavigate } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { caseDraftKey, useOpenCase } from './api';

/** A local date-time for the input: now, in the browser's zone, to the minute. */
const nowLocal = () => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 16); };

/** `/cong-tac-xa-hoi/moi`: a school's counsellor opens a case from a report. */
export default function CaseNewPage() {
  return <SignedIn>{(user) => <NewCase schoolId={user.organisation.id} userId={user.id} />}</SignedIn>;
}

function NewCase({ schoolId, userId }: { schoolId: string; userId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  // kept on this device only, for this account and school, until the case is opened (see caseDraftKey)
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({
    draftKey: caseDraftKey(userId, 'open', schoolId),
    initialValues: { fullName: '', className: '', category: 'violence' as CaseCategory, risk: 'high' as RiskLevel, source: 'teacher' as CaseSource, reportedAt: nowLocal(), initialAssessment: '' },
  });
  const open = useOpenCase((c) => {
    clearDraft();
    navigate(`/cong-tac-xa-hoi/${c.id}`);
  });
  const v = form.getValues();
  return (
    <Stack gap="md" maw={720}>
      <PageHeader title={t('cases.new')} help={t('cases.newHelp')} />
      {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft({ ...form.values, fullName: '', className: '', reportedAt: nowLocal(), initialAssessment: '' })} />}
      {open.error && <ErrorAlert error={open.error} />}
      <TextInput label={t('cases.field.pupil')} required {...form.getInputProps('fullName')} data-testid="case-pupil" />
      <TextInput label={t('cases.field.class')} {...form.getInputProps('className')} data-testid="case-class" />
      <Group grow>
        <Select label={t('cases.col.category')} data={CASE_CATEGORIES.map((c) => ({ value: c, label: t(`cases.cat.${c}`) }))} {...form.getInputProps('category')} allowDeselect={false} data-testid="case-category" />
        <Select label={t('cases.field.risk')} data={RISK_LEVELS.map((c) => ({ value: c, label: t(`cases.risk.${c}`) }))} {...form.getInputProps('risk')} allowDeselect={false} data-testid="case-risk" />
        <Select label={t('cases.field.source')} data={CASE_SOURCES.map((c) => ({ value: c, label: t(`cases.source.${c}`) }))} {...form.getInputProps('source')} allowDeselect={false} data-testid="case-source" />
      </Group>
      <TextInput type="datetime-local" label={t('cases.field.reportedAt')} {...form.getInputProps('reportedAt')} data-testid="case-reported" />
      <Textarea label={t('cases.field.assessment')} autosize minRows={3} {...form.getInputProps('initialAssessment')} data-testid="case-assessment" />
      <Group>
        <Button
          loading={open.isPending}
          data-testid="case-open"
          onClick={() => open.mutate({
            schoolId, pupil: { fullName: v.fullName, className: v.className || null }, category: v.category, risk: v.risk, source: v.source,
            reportedAt: new Date(v.reportedAt).toISOString(), initialAssessment: v.initialAssessment || null,
          })}
        >
          {t('cases.open')}
        </Button>
      </Group>
    </Stack>
  );
}
