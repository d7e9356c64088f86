import { Button, Card, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
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

type Values = { versionId: string; title: string; year: number; provinceCode: string; schoolLevels: string[]; opensOn: string; selfDueOn: string; reviewDueOn: string; publishOn: string };

/** A Department opens a campaign over its province's schools; the Ministry over any province or the country. */
export function OpenCampaignForm() {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const { navigate } = useRouter();
  const versions = useVersions();
  const province = user?.organisation?.provinceCode ?? '';
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<Values>({
    draftKey: 'assessment-campaign-new',
    initialValues: { versionId: '', title: '', year: 2026, provinceCode: province, schoolLevels: [], opensOn: '', selfDueOn: '', reviewDueOn: '', publishOn: '' },
  });
  const open = useOpenCampaign((c) => {
    clearDraft();
    notifications.show({ color: 'green', message: t('as.open.done') });
    navigate(`/danh-gia/dot/${c.id}`);
  });
  const submit = form.onSubmit((v) => {
    const body = { ...v, kinds: ['school' as const], provinceCode: v.provinceCode || null, schoolLevels: v.schoolLevels as CampaignInput['schoolLevels'] };
    const parsed = CampaignInput.safeParse(body);
    if (!parsed.success) {
      form.setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    open.mutate(body, { onError: (e) => showServerErrors(form, e) });
  });
  const date = (key: 'opensOn' | 'selfDueOn' | 'reviewDueOn' | 'publishOn') => (
    <DateInput
      label={t(`as.open.${key}`)}
      valueFormat="DD/MM/YYYY"
      dateParser={(input) => parseVnDate(input)}
      locale={lang === 'vi' ? 'vi' : 'en'}
      value={form.values[key] || null}
      onChange={(v) => form.setFieldValue(key, v ? v.slice(0, 10) : '')}
      error={form.errors[key]}
      data-testid={`as-open-${key}`}
      popoverProps={{ withinPortal: true }}
    />
  );
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4">{t('as.open.title')}</Title>
          {restoredAt && <DraftRestored at={restoredAt} onDiscard={() => clearDraft({ ...form.values, versionId: '', title: '' })} onClose={dismissRestored} />}
          {open.error && <ErrorAlert error={open.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('as.open.version')}
              data={(versions.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name} (${v.year}, v${v.version})` }))}
              {...form.getInputProps('versionId')}
              data-testid="as-open-version"
            />
            <TextInput label={t('as.open.campaignTitle')} {...form.getInputProps('title')} data-testid="as-open-title" />
            <NumberInput label={t('as.open.year')} {...form.getInputProps('year')} min={2020} max={2100} data-testid="as-open-year" />
            <TextInput label={t('as.open.province')} {...form.getInputProps('provinceCode')} disabled={user?.role === 'department'} data-testid="as-open-province" />
            <MultiSelect
              label={t('as.open.levels')}
              data={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
              {...form.getInputProps('schoolLevels')}
              data-testid="as-open-levels"
            />
          </SimpleGrid>
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
