import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { ACTIVITY_KIND_LIST, twinningApi, type Dashboard, type GroupCount, type LiveCount } from '../../../../contracts/twinning';
import { PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { QueryView, useApi } from '../../lib/query';
import { useNavigate, useSearchParams } from '../../lib/router';
import { GroupCountTable } from './GroupCountTable';
import { SubmissionsTable } from './SubmissionsTable';
import { formatVnd, HeaderYearSelect, kindShort, PhaseStrip, Stat, thisYear, TwinningPageHeader } from './shared';

const TwinningMap = lazy(() => import('./TwinningMap'));
const KindBarChart = lazy(() => import('./TwinningCharts'));

function CountTable({ title, rows, compliance, testId }: { title: string; rows: (LiveCount & { label?: string })[]; compliance: GroupCount[]; testId: string }) {
  const { t } = useI18n();
  const missing = new Map(compliance.map((g) => [g.key, g.withoutActivity]));
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tw.pairs.empty')}
        </Text>
      ) : (
        <GroupCountTable rows={rows.map((g) => ({ key: g.key, label: g.label ?? g.key, pairs: g.pairs, missing: missing.get(g.key) ?? 0 }))} testId={testId} />
      )}
    </Card>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const { t } = useI18n();
  // pairs outside a cluster come with the server's key and no id; they are labelled in the reader's language
  const byCluster = useMemo(() => d.live.byCluster.map((g) => ({ ...g, label: g.id === null ? t('tw.comp.noCluster') : g.key })), [d, t]);
  const byProvince = d.live.byProvince;
  const live = useMemo(() => d.live.byProvince.reduce((n, g) => n + g.pairs, 0), [d]);
  const kindData = useMemo(() => ACTIVITY_KIND_LIST.map((k) => ({ kind: kindShort(t, k), count: d.figures.byKind[k] ?? 0 })), [d, t]);
  return (
    <>
      <PhaseStrip year={d.year} phases={d.calendar} reportDue={d.reportDue} />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="dashboard-figures">
        <Stat label={t('tw.fig.pairs')} value={formatNumber(d.figures.pairs)} detail={t('tw.fig.pairsDetail', { active: formatNumber(d.figures.pairsActive) })} />
        <Stat label={t('tw.fig.newPairs')} value={formatNumber(d.figures.newPairs)} />
        <Stat label={t('tw.fig.activities')} value={formatNumber(d.figures.activities)} detail={t('tw.fig.activitiesDetail', { confirmed: formatNumber(d.figures.activitiesConfirmed) })} />
        <Stat label={t('tw.fig.participants')} value={formatNumber(d.figures.teachers + d.figures.pupils)} detail={t('tw.fig.participantsDetail', { teachers: formatNumber(d.figures.teachers), pupils: formatNumber(d.figures.pupils) })} />
        <Stat label={t('tw.fig.support')} value={formatVnd(d.figures.supportValue)} />
        <Stat label={t('tw.fig.without')} value={formatNumber(d.compliance.withoutActivity)} />
      </SimpleGrid>

      <Card withBorder component="section" aria-labelledby="tw-map-title">
        <Title order={2} size="h4" id="tw-map-title">
          {t('tw.dash.map')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('tw.dash.mapHelp')}
        </Text>
        <Suspense fallback={<PageLoader />}>
          <TwinningMap live={live} />
        </Suspense>
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <CountTable title={t('tw.dash.byCluster')} rows={byCluster} compliance={d.compliance.byCluster} testId="dashboard-by-cluster" />
        <CountTable title={t('tw.dash.byProvince')} rows={byProvince} compliance={d.compliance.byProvince} testId="dashboard-by-province" />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder component="section" aria-labelledby="tw-kind-title" data-testid="dashboard-by-kind">
          <Title order={2} size="h5" id="tw-kind-title" mb="xs">
            {t('tw.dash.byKind')}
          </Title>
          {d.figures.activities === 0 ? (
            <Text size="sm" c="dimmed">
              {t('tw.dash.noActivities')}
            </Text>
          ) : (
            <Suspense fallback={<PageLoader />}>
              <KindBarChart data={kindData} seriesLabel={t('tw.dash.activitiesSeries')} />
            </Suspense>
          )}
          {/* the same figures as text, for screen readers and print */}
          <Text size="xs" c="dimmed" mt="xs">
            {ACTIVITY_KIND_LIST.map((k) => `${kindShort(t, k)}: ${formatNumber(d.figures.byKind[k] ?? 0)}`).join(' · ')}
          </Text>
        </Card>
        <Card withBorder component="section" aria-labelledby="tw-support-title" data-testid="dashboard-support">
          <Title order={2} size="h5" id="tw-support-title" mb="xs">
            {t('tw.dash.support')}
          </Title>
          <Table>
            <Table.Tbody>
              {Object.entries(d.figures.supportByForm).map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td>{t(`tw.fig.form.${k}` as 'tw.fig.form.money')}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(v)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fw={700}>{t('tw.fig.support')}</Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap', fontWeight: 700 }}>{formatVnd(d.figures.supportValue)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>

      {d.submissions.length > 0 && <SubmissionsTable items={d.submissions} />}
    </>
  );
}

export default function DashboardPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const year = Number(search.get('nam')) || thisYear();
  const dash = useApi(twinningApi.dashboard, { query: { year } }, { keepPrevious: true });

  return (
    <Stack gap="md">
      <TwinningPageHeader title={t('tw.dash.title')} help={t('tw.dash.help')}>
        <HeaderYearSelect
          year={year}
          onChange={(v) => navigate(v === String(thisYear()) ? '/ket-nghia/theo-doi' : `/ket-nghia/theo-doi?nam=${v}`, { replace: true })}
          testId="dashboard-year"
        />
      </TwinningPageHeader>
      <QueryView query={dash}>{(d) => <DashboardBody d={d} />}</QueryView>
    </Stack>
  );
}
