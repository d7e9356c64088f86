import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { casesApi } from '../../../../contracts/cases';
import { endpointUrl } from '../../api/call';
import { useState } from 'react';
import type { CaseStatistics, Count } from '../../../../contracts/cases';
import { PageHeader } from '../../components/common';
import { useI18n, type MessageKey } from '../../i18n';
import { QueryView } from '../../lib/query';
import { SignedIn } from '../resources/ListTable';
import { KeyValue } from '../resources/shared';
import { useStatistics } from './api';

/** `/cong-tac-xa-hoi/thong-ke`: statistics without identities for the Department and the Ministry (counts under 5 shown as "<5"). */
export default function CaseStatisticsPage() {
  return <SignedIn>{() => <Stats />}</SignedIn>;
}

const show = (c: Count) => String(c);

function Stats() {
  const { t } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const stats = useStatistics(year);
  return (
    <Stack gap="md">
      <PageHeader title={t('stats.title')} help={t('stats.intro')} actions={
          <Group gap="xs" align="flex-end">
            <NumberInput label={t('stats.year')} value={year} onChange={(v) => setYear(Number(v) || year)} min={2018} max={2100} w={120} data-testid="stats-year" />
            <Button component="a" variant="light" href={endpointUrl(casesApi.statisticsDocument, { query: { year, format: 'docx' } })} download data-testid="stats-docx">{t('stats.docx')}</Button>
            <Button component="a" variant="light" href={endpointUrl(casesApi.statisticsDocument, { query: { year, format: 'xlsx' } })} download data-testid="stats-xlsx">{t('schools.exportXlsx')}</Button>
          </Group>
        }
      />
      <QueryView query={stats}>{(s) => <Tables s={s} />}</QueryView>
    </Stack>
  );
}

function Tables({ s }: { s: CaseStatistics }) {
  const { t } = useI18n();
  const block = (title: MessageKey, rows: { key: string; count: Count; name?: string }[], label: (k: string) => string) => (
    <Card withBorder>
      <Title order={2} size="h5">{t(title)}</Title>
      <Table data-testid={`stats-${title}`}>
        <Table.Tbody>
          {rows.map((r) => <Table.Tr key={r.key}><Table.Td>{r.name ?? label(r.key)}</Table.Td><Table.Td style={{ textAlign: 'right' }}>{show(r.count)}</Table.Td></Table.Tr>)}
        </Table.Tbody>
      </Table>
    </Card>
  );
  return (
    <Stack gap="md">
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <KeyValue label={t('stats.total')} value={show(s.total)} testId="stats-total" />
          <KeyValue label={t('stats.toAction')} value={s.hoursToFirstAction.median === null ? '—' : `${s.hoursToFirstAction.median} h`} />
          <KeyValue label={t('stats.toReferral')} value={s.hoursToReferral.median === null ? '—' : `${s.hoursToReferral.median} h`} />
          <KeyValue label={t('stats.urgent')} value={`${show(s.urgentWithinClock.within)} / ${show(s.urgentWithinClock.late)}`} />
        </SimpleGrid>
      </Card>
      <Text size="sm" c="dimmed">{t('stats.suppressed')}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {block('stats.byCategory', s.byCategory, (k) => t(`cases.cat.${k}` as MessageKey))}
        {block('stats.byStep', s.byStep, (k) => t(`cases.step.${k}` as MessageKey))}
        {block('stats.byRisk', s.byRisk, (k) => t(`cases.risk.${k}` as MessageKey))}
        {block('stats.byOutcome', s.byOutcome, (k) => t(`cases.outcome.${k}` as MessageKey))}
        {block('stats.byProvince', s.byProvince, (k) => k)}
        {block('stats.byProviderKind', s.referralsByProviderKind, (k) => t(`prov.kind.${k}` as MessageKey))}
        {block('stats.byLevel', s.bySchoolLevel, (k) => t(`level.${k}` as MessageKey))}
      </SimpleGrid>
    </Stack>
  );
}
