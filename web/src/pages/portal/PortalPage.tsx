import { ProvinceFilter } from '../../components/ProvinceFilter';
import { Button, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { NEED_CATEGORIES, resourcesApi, type NeedCategory, type PublicFilters, type PublicStats } from '../../api/resources';
import { PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber, vndApprox } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { PORTAL_ROWS_PAGE } from '../../lib/early-data';
import { useNavigate, useSearchParams } from '../../lib/router';
import { resourceQueries, useResource } from '../resources/queries';
import { PortalMap } from './PortalMap';
import { OpenDataLinks, PublicContributionTable, Totals } from './PublicParts';


const ValueBarChart = lazy(() => import('./PortalCharts'));

const PAGE = PORTAL_ROWS_PAGE;

function filtersFrom(s: URLSearchParams): PublicFilters {
  const f: PublicFilters = {};
  const y = Number(s.get('nam'));
  if (Number.isInteger(y) && y >= 2000 && y <= 2100) f.year = y;
  const tinh = s.get('tinh');
  if (tinh && /^\d{2}$/.test(tinh)) f.provinceCode = tinh;
  const hm = s.get('hangmuc');
  if (hm && (NEED_CATEGORIES as readonly string[]).includes(hm)) f.category = hm as NeedCategory;
  return f;
}

/** `/cong-khai`: every contribution made public, with totals, charts, a map and open data. */
export default function PortalPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const [limit, setLimit] = useState(PAGE);
  const stats = useResource(resourceQueries.portalStats(filters), { keepPrevious: true });
  const rows = useResource(resourceQueries.portalContributions({ ...filters, limit }), { keepPrevious: true });

  const update = (patch: Partial<PublicFilters>) => {
    const next = { ...filters, ...patch };
    const p = new URLSearchParams();
    if (next.year) p.set('nam', String(next.year));
    if (next.provinceCode) p.set('tinh', next.provinceCode);
    if (next.category) p.set('hangmuc', next.category);
    setLimit(PAGE);
    const qs = p.toString();
    navigate(`/cong-khai${qs ? `?${qs}` : ''}`, { replace: true });
  };
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - 2020 }, (_, i) => String(thisYear - i));

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('portal.title')}</Title>
        <Text c="dimmed" maw={760}>
          {t('portal.intro')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" component="section" aria-label={t('portal.filters')}>
        <Select
          label={t('portal.year')}
          placeholder={t('common.all')}
          data={years}
          value={filters.year ? String(filters.year) : null}
          onChange={(v) => update({ year: v ? Number(v) : undefined })}
          clearable
          data-testid="portal-filter-year"
        />
        <ProvinceFilter value={filters.provinceCode} onChange={(v) => update({ provinceCode: v })} testId="portal-filter-province" />
        <Select
          label={t('need.category')}
          placeholder={t('common.all')}
          data={NEED_CATEGORIES.map((c) => ({ value: c, label: t(`need.category.${c}`) }))}
          value={filters.category ?? null}
          onChange={(v) => update({ category: (v as NeedCategory) ?? undefined })}
          clearable
          data-testid="portal-filter-category"
        />
      </SimpleGrid>
      <QueryView query={stats}>
        {(s) => (
          <>
            <Totals totals={s.totals} />
            <PortalCharts stats={s} />
          </>
        )}
      </QueryView>
      <PortalMap filters={filters} />

      <Stack gap="xs" component="section" aria-labelledby="portal-table-title">
        <Group justify="space-between" wrap="wrap" align="flex-end">
          <div>
            <Title order={2} size="h4" id="portal-table-title">
              {t('portal.table')}
            </Title>
            {rows.data && (
              <Text size="sm" c="dimmed">
                {t('portal.shown', { count: formatNumber(rows.data.count), total: formatNumber(stats.data?.totals.count ?? rows.data.count) })}
              </Text>
            )}
          </div>
          <Group gap="xs" wrap="wrap">
            <Text size="sm">{t('portal.openData')}:</Text>
            <OpenDataLinks filter={filters} testPrefix="portal" />
            <Button component="a" href={resourcesApi.portal.schemaUrl()} target="_blank" size="xs" variant="subtle" data-testid="portal-schema">
              {t('portal.schema')}
            </Button>
          </Group>
        </Group>
        <QueryView query={rows}>
          {(r) => (
            <>
              <PublicContributionTable items={r.items} />
              {stats.data && r.count < stats.data.totals.count && (
                <div>
                  <Button variant="default" loading={rows.isFetching} onClick={() => setLimit((l) => l + PAGE)} data-testid="portal-more">
                    {t('portal.more')}
                  </Button>
                </div>
              )}
            </>
          )}
        </QueryView>
        <Text size="xs" c="dimmed">
          {t('portal.privacy')}
        </Text>
      </Stack>
    </Stack>
  );
}

function PortalCharts({ stats }: { stats: PublicStats }) {
  const { t } = useI18n();
  const series = [
    { name: 'valueVnd', label: t('portal.total'), color: 'blue.6' },
    { name: 'receivedVnd', label: t('portal.received'), color: 'teal.6' },
  ];
  return (
    <Suspense fallback={<PageLoader />}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ValueBarChart
          title={t('portal.byYear')}
          data={stats.byYear.map((r) => ({ year: String(r.year), valueVnd: vndApprox(r.valueVnd), receivedVnd: vndApprox(r.receivedVnd) }))}
          dataKey="year"
          series={series}
          testId="portal-chart-year"
          empty={t('portal.empty')}
        />
        <ValueBarChart
          title={t('portal.byCategory')}
          data={stats.byCategory.map((r) => ({ category: t(`need.category.${r.category}`), valueVnd: vndApprox(r.valueVnd), receivedVnd: vndApprox(r.receivedVnd) }))}
          dataKey="category"
          series={series}
          horizontal
          testId="portal-chart-category"
          empty={t('portal.empty')}
        />
      </SimpleGrid>
      <ValueBarChart
        title={t('portal.byProvince')}
        data={stats.byProvince.map((r) => ({ province: r.provinceName, valueVnd: vndApprox(r.valueVnd), receivedVnd: vndApprox(r.receivedVnd) }))}
        dataKey="province"
        series={series}
        horizontal
        testId="portal-chart-province"
        empty={t('portal.empty')}
      />
    </Suspense>
  );
}
