import { Button, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { CASE_CATEGORIES, CASE_SOURCES, RISK_LEVELS, type CaseCategory, type CaseSource, type RiskLevel } from '../../../../contracts/cases';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useNavigate } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { useOpenCase } from './api';

/** A local date-time for the input: now, in the browser's zone, to the minute. */
const nowLocal = () => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 16); };

/** `/cong-tac-xa-hoi/moi`: a school's counsellor opens a case from a report. */
export default function CaseNewPage() {
  return <SignedIn>{(user) => <NewCase schoolId={user.organisation.id} />}</SignedIn>;
}

function NewCase({ schoolId }: { schoolId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [v, setV] = useState({ fullName: '', className: '', category: 'violence' as CaseCategory, risk: 'high' as RiskLevel, source: 'teacher' as CaseSource, reportedAt: nowLocal(), initialAssessment: '' });
  const open = useOpenCase((c) => navigate(`/cong-tac-xa-hoi/${c.id}`));
  const set = (k: keyof typeof v) => (x: string | null) => setV({ ...v, [k]: x ?? '' });
  return (
    <Stack gap="md" maw={720}>
      <PageHeader title={t('cases.new')} help={t('cases.newHelp')} />
      {open.error && <ErrorAlert error={open.error} />}
      <TextInput label={t('cases.field.pupil')} required value={v.fullName} onChange={(e) => set('fullName')(e.currentTarget.value)} data-testid="case-pupil" />
      <TextInput label={t('cases.field.class')} value={v.className} onChange={(e) => set('className')(e.currentTarget.value)} data-testid="case-class" />
      <Group grow>
        <Select label={t('cases.col.category')} data={CASE_CATEGORIES.map((c) => ({ value: c, label: t(`cases.cat.${c}`) }))} value={v.category} onChange={set('category')} allowDeselect={false} data-testid="case-category" />
        <Select label={t('cases.field.risk')} data={RISK_LEVELS.map((c) => ({ value: c, label: t(`cases.risk.${c}`) }))} value={v.risk} onChange={set('risk')} allowDeselect={false} data-testid="case-risk" />
        <Select label={t('cases.field.source')} data={CASE_SOURCES.map((c) => ({ value: c, label: t(`cases.source.${c}`) }))} value={v.source} onChange={set('source')} allowDeselect={false} data-testid="case-source" />
      </Group>
      <TextInput type="datetime-local" label={t('cases.field.reportedAt')} value={v.reportedAt} onChange={(e) => set('reportedAt')(e.currentTarget.value)} data-testid="case-reported" />
      <Textarea label={t('cases.field.assessment')} autosize minRows={3} value={v.initialAssessment} onChange={(e) => set('initialAssessment')(e.currentTarget.value)} data-testid="case-assessment" />
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
