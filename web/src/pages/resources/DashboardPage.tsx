import { ProvinceFilter } from '../../components/ProvinceFilter';
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { Dashboard, DashboardGroup } from '../../api/resources';
import { PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { byVndDesc, formatNumber, viCollator } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { useProvinces } from '../../lib/reference';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { ListTable, SignedIn } from './ListTable';
import { canOpenDashboard, canPickDashboardProvince } from './permissions';
import { resourceQueries, useResource } from './queries';
import { downloadCsv, formatVnd, KeyValue } from './shared';

const ValueBarChart = lazy(() => import('../portal/PortalCharts'));

function GroupTable({ rows, label, testId, onExport }: { rows: (DashboardGroup & { name: string; href?: string })[]; label: string; testId: string; onExport: () => void }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="section" aria-label={label}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {label}
        </Title>
        <Button size="xs" variant="light" onClick={onExport} data-testid={`${testId}-csv`}>
          {t('dash.exportCsv')}
        </Button>
      </Group>
      <ListTable
        rows={rows}
        rowKey={(r) => r.name}
        minWidth={640}
        testId={testId}
        empty={t('dash.empty')}
        columns={[
          {
            key: 'name',
            header: label,
            cell: (r) =>
              r.href ? (
                <Anchor component={Link} href={r.href} size="sm">
                  {r.name}
                </Anchor>
              ) : (
                r.name
              ),
          },
          { key: 'count', header: t('dash.needs'), numeric: true, cell: (r) => formatNumber(r.count) },
          { key: 'awaiting', header: t('dash.awaiting'), numeric: true, cell: (r) => formatNumber(r.awaitingVerification) },
          { key: 'value', header: t('dash.value'), numeric: true, cell: (r) => formatVnd(r.value) },
          { key: 'pledged', header: t('dash.pledged'), numeric: true, cell: (r) => formatVnd(r.pledged) },
          { key: 'received', header: t('dash.received'), numeric: true, cell: (r) => formatVnd(r.received) },
        ]}
      />
    </Card>
  );
}

/** `/dieu-phoi`: the coordination dashboard (needs by province and category, the ledger, agreements, donors). */
export default function DashboardPage() {
  const { t } = useI18n();
  const auth = useAuth();
  return <SignedIn>{() => (canOpenDashboard(auth) ? <DashboardLoader /> : <Alert color="yellow">{t('dash.notAllowed')}</Alert>)}</SignedIn>;
}

function DashboardLoader() {
  const search = useSearchParams();
  const tinh = search.get('tinh') ?? undefined;
  const d = useResource(resourceQueries.dashboard(tinh), { keepPrevious: true });
  return <QueryView query={d}>{(x) => <DashboardView x={x} tinh={tinh} />}</QueryView>;
}

function DashboardView({ x, tinh }: { x: Dashboard; tinh: string | undefined }) {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const provinces = useProvinces();
  const byProvince = x.needsByProvince.map((r) => ({ ...r, name: r.provinceName, href: `/nhu-cau?tinh=${r.provinceCode}` })).sort((a, b) => viCollator.compare(a.name, b.name));
  const byCategory = x.needsByCategory.map((r) => ({ ...r, name: t(`need.category.${r.category}`), href: `/nhu-cau?hangmuc=${r.category}` })).sort((a, b) => byVndDesc(a.value, b.value));
  const header = [t('dash.needs'), t('dash.awaiting'), t('dash.value'), t('dash.pledged'), t('dash.received')];
  const csvRows = (rows: (DashboardGroup & { name: string })[]) => rows.map((r) => [r.name, r.count, r.awaitingVerification, r.value, r.pledged, r.received]);
  const series = [
    { name: 'value', label: t('dash.value'), color: 'blue.6' },
    { name: 'pledged', label: t('dash.pledged'), color: 'yellow.6' },
    { name: 'received', label: t('dash.received'), color: 'teal.6' },
  ];
  const provinceName = x.provinceCode ? provinces.data?.find((p) => p.code === x.provinceCode)?.name ?? x.provinceCode : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('dash.title')}</Title>
          <Text c="dimmed" size="sm">
            {provinceName ? t('dash.scopeProvince', { name: provinceName }) : t('dash.scopeNation')}
          </Text>
          <Group gap="md" mt={4}>
            <Anchor component={Link} href="/van-ban-ky-ket" size="sm">
              {t('agreement.nav')}
            </Anchor>
            <Anchor component={Link} href="/nha-tai-tro" size="sm">
              {t('donor.nav')}
            </Anchor>
            <Anchor component={Link} href="/nhu-cau/cho-xac-minh" size="sm">
              {t('need.queue.title')}
            </Anchor>
            <Anchor component={Link} href="/ke-hoach-29" size="sm">
              {t('p29.nav')}
            </Anchor>
          </Group>
        </div>
        {canPickDashboardProvince(auth) && (
          <ProvinceFilter value={tinh} onChange={(v) => navigate(`/dieu-phoi${v ? `?tinh=${v}` : ''}`, { replace: true })} w={240} testId="dash-filter-province" />
        )}
      </Group>
      <Card withBorder component="section" aria-label={t('dash.ledger')}>
        <Title order={2} size="h4" mb="sm">
          {t('dash.ledger')}
        </Title>
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          <KeyValue label={t('pledge.status.pledged')} value={formatVnd(x.ledger.pledged)} testId="dash-pledged" />
          <KeyValue label={t('pledge.status.delivered')} value={formatVnd(x.ledger.delivered)} testId="dash-delivered" />
          <KeyValue label={t('pledge.status.received')} value={formatVnd(x.ledger.received)} testId="dash-received" />
          <KeyValue label={t('pledge.status.accepted')} value={formatVnd(x.ledger.accepted)} testId="dash-accepted" />
          <KeyValue label={t('pledge.status.cancelled')} value={formatVnd(x.ledger.cancelled)} />
        </SimpleGrid>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-label={t('dash.agreements')}>
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('dash.agreements')}
            </Title>
            <Anchor component={Link} href="/van-ban-ky-ket" size="sm">
              {t('dash.open')}
            </Anchor>
          </Group>
          <SimpleGrid cols={2}>
            <KeyValue label={t('dash.agreementCount')} value={formatNumber(x.agreements.count)} />
            <KeyValue label={t('dash.behind')} value={formatNumber(x.agreements.behindSchedule)} />
            <KeyValue label={t('agreement.committed')} value={formatVnd(x.agreements.committed)} />
            <KeyValue label={t('agreement.delivered')} value={formatVnd(x.agreements.delivered)} />
          </SimpleGrid>
        </Card>
        <Card withBorder component="section" aria-label={t('dash.donors')}>
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('dash.donors')}
            </Title>
            <Anchor component={Link} href="/nha-tai-tro" size="sm">
              {t('dash.open')}
            </Anchor>
          </Group>
          <KeyValue label={t('dash.donorsPending')} value={formatNumber(x.donorsAwaitingVetting)} testId="dash-donors-pending" />
          <Anchor component={Link} href="/nhu-cau/cho-xac-minh" size="sm" mt="sm" display="block">
            {t('need.queue.title')}
          </Anchor>
        </Card>
      </SimpleGrid>
      <Suspense fallback={<PageLoader />}>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <ValueBarChart title={t('dash.byProvince')} data={byProvince.map((r) => ({ name: r.name, value: r.value, pledged: r.pledged, received: r.received }))} dataKey="name" series={series} horizontal empty={t('dash.empty')} />
          <ValueBarChart title={t('dash.byCategory')} data={byCategory.map((r) => ({ name: r.name, value: r.value, pledged: r.pledged, received: r.received }))} dataKey="name" series={series} horizontal empty={t('dash.empty')} />
        </SimpleGrid>
      </Suspense>
      <GroupTable rows={byProvince} label={t('dash.byProvince')} testId="dash-province" onExport={() => downloadCsv('nhu-cau-theo-tinh.csv', [t('schools.province'), ...header], csvRows(byProvince))} />
      <GroupTable rows={byCategory} label={t('dash.byCategory')} testId="dash-category" onExport={() => downloadCsv('nhu-cau-theo-hang-muc.csv', [t('need.category'), ...header], csvRows(byCategory))} />
    </Stack>
  );
}
