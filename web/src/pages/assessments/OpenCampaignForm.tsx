import { Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { SCHOOL_LEVELS } from '../../../../contracts/common';
import { CampaignInput } from '../../../../contracts/assessments';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { parseVnDate } from '../../lib/format';
import { useRouter } from '../../lib/router';
import { useOpenCampaign, useVersions } from './api';

type Values = { versionId: string; title: string; year: number; provinceCode: string; schoolLevels: string[]; opensOn: string; selfDueOn: string; reviewDueOn: string; publishOn: string; reviewerLevel: 'department' | 'commune' };

/** A Department opens a campaign over its province's schools; the Ministry over any province or the country. */
export function OpenCampaignForm() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { navigate } = useRouter();
  const versions = useVersions();
  const province = user?.organisation?.provinceCode ?? '';
  // a Department opens campaigns for its schools only; the Ministry for the schools or for the Departments
  const offered = (versions.data?.items ?? []).filter((v) => v.appliesTo.kinds.includes('school') || (user?.role === 'ministry' && v.appliesTo.kinds.includes('department')));
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<Values>({
    draftKey: 'assessment-campaign-new',
    initialValues: { versionId: '', title: '', year: 2026, provinceCode: province, schoolLevels: [], opensOn: '', selfDueOn: '', reviewDueOn: '', publishOn: '', reviewerLevel: 'department' },
  });
  const open = useOpenCampaign((c) => {
    clearDraft();
    notifications.show({ color: 'green', message: t('as.open.done') });
    navigate(`/danh-gia/dot/${c.id}`);
  });
  const forDepartments = !!offered.find((v) => v.id === form.values.versionId && !v.appliesTo.kinds.includes('school'));
  const submit = form.onSubmit((typed) => {
    // dates are typed dd/mm/yyyy and sent as YYYY-MM-DD
    const keys = ['opensOn', 'selfDueOn', 'reviewDueOn', 'publishOn'] as const;
    const bad = keys.filter((k) => !parseVnDate(typed[k]));
    if (bad.length) {
      form.setErrors(Object.fromEntries(bad.map((k) => [k, t('date.invalid')])));
      return;
    }
    const v = { ...typed, ...Object.fromEntries(keys.map((k) => [k, parseVnDate(typed[k])!])) };
    // a framework of the Departments (Quyết định 3806) assesses the Departments, reviewed by the Ministry; the others the schools
    const body = forDepartments
      ? { ...v, kinds: ['department' as const], provinceCode: v.provinceCode || null, schoolLevels: [], reviewerLevel: 'department' as const }
      : { ...v, kinds: ['school' as const], provinceCode: v.provinceCode || null, schoolLevels: v.schoolLevels as CampaignInput['schoolLevels'] };
    const parsed = CampaignInput.safeParse(body);
    if (!parsed.success) {
      form.setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    open.mutate(body, { onError: (e) => showServerErrors(form, e) });
  });
  const date = (key: 'opensOn' | 'selfDueOn' | 'reviewDueOn' | 'publishOn') => (
    <TextInput label={t(`as.open.${key}`)} placeholder="dd/mm/yyyy" {...form.getInputProps(key)} data-testid={`as-open-${key}`} />
  );
  return (
    <Card withBorder data-testid="as-open-form">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4">{t('as.open.title')}</Title>
          {restoredAt && <DraftRestored at={restoredAt} onDiscard={() => clearDraft({ ...form.values, versionId: '', title: '' })} onClose={dismissRestored} />}
          {open.error && <ErrorAlert error={open.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('as.open.version')}
              data={offered.map((v) => ({ value: v.id, label: `${v.name} (${v.year}, v${v.version})` }))}
              {...form.getInputProps('versionId')}
              data-testid="as-open-version"
            />
            <TextInput label={t('as.open.campaignTitle')} {...form.getInputProps('title')} data-testid="as-open-title" />
            <NumberInput label={t('as.open.year')} {...form.getInputProps('year')} min={2020} max={2100} data-testid="as-open-year" />
            <TextInput label={t('as.open.province')} {...form.getInputProps('provinceCode')} disabled={user?.role === 'department'} data-testid="as-open-province" />
            {!forDepartments && <Select label={t('asc.reviewerLevel')} data={[{ value: 'department', label: t('asc.reviewer.department') }, { value: 'commune', label: t('asc.reviewer.commune') }]} allowDeselect={false} {...form.getInputProps('reviewerLevel')} data-testid="as-open-reviewer" />}
          </SimpleGrid>
          {forDepartments ? <Text size="sm" c="dimmed" data-testid="as-open-departments">{t('as.open.departments')}</Text> : <Checkbox.Group label={t('as.open.levels')} {...form.getInputProps('schoolLevels')} data-testid="as-open-levels">
            <Group gap="md" mt={4}>
              {SCHOOL_LEVELS.map((l) => <Checkbox key={l} value={l} label={t(`level.${l}`)} />)}
            </Group>
          </Checkbox.Group>}
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            {date('opensOn')}
            {date('selfDueOn')}
            {date('reviewDueOn')}
            {date('publishOn')}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={open.isPending} data-testid="as-open-submit">{t('as.open.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
