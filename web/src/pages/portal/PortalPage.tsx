import { Anchor, Button, Card, Group, Image, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { NEED_CATEGORIES, resourcesApi, type NeedCategory, type PublicContribution, type PublicFilters } from '../../api/resources';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { useProvinces } from '../../lib/reference';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import type { MapLayer } from '../resources/NeedMap';
import { ContributionStatusBadge, formatVnd } from '../resources/shared';

const ValueBarChart = lazy(() => import('./PortalCharts'));
const NeedMap = lazy(() => import('../resources/NeedMap'));

const PAGE = 100;

export function Totals({ totals, testPrefix = 'portal' }: { totals: { count: number; valueVnd: number; receivedVnd: number; acceptedVnd: number }; testPrefix?: string }) {
  const { t } = useI18n();
  const card = (label: string, value: ReactNode, testId: string, raw: number) => (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId} data-value={raw}>
        {value}
      </Text>
    </Card>
  );
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      {card(t('portal.total'), formatVnd(totals.valueVnd), `${testPrefix}-total`, totals.valueVnd)}
      {card(t('portal.received'), formatVnd(totals.receivedVnd), `${testPrefix}-received`, totals.receivedVnd)}
      {card(t('portal.accepted'), formatVnd(totals.acceptedVnd), `${testPrefix}-accepted`, totals.acceptedVnd)}
      {card(t('portal.count'), formatNumber(totals.count), `${testPrefix}-count`, totals.count)}
    </SimpleGrid>
  );
}

export function PublicContributionTable({ items, showSchool = true, showContributor = true }: { items: PublicContribution[]; showSchool?: boolean; showContributor?: boolean }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table striped data-testid="portal-table" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('pledge.date')}</Table.Th>
            {showContributor && <Table.Th>{t('pledge.contributor')}</Table.Th>}
            {showSchool && <Table.Th>{t('need.school')}</Table.Th>}
            <Table.Th>{t('portal.recipient')}</Table.Th>
            <Table.Th>{t('pledge.description')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('pledge.value')}</Table.Th>
            <Table.Th>{t('pledge.statusCol')}</Table.Th>
            <Table.Th>{t('pledge.evidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>
                <Text c="dimmed">{t('portal.empty')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((c) => (
            <Table.Tr key={c.id} data-testid="portal-row" data-contribution-id={c.id} data-status={c.status}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.pledgedOn)}</Table.Td>
              {showContributor && (
                <Table.Td>
                  {c.contributorId ? (
                    <Anchor component={Link} href={`/cong-khai/nha-tai-tro/${c.contributorId}`} size="sm">
                      {c.contributor}
                    </Anchor>
                  ) : (
                    <Text size="sm" fs="italic">
                      {c.contributor === 'Ẩn danh' ? t('portal.anonymous') : c.contributor}
                    </Text>
                  )}
                </Table.Td>
              )}
              {showSchool && (
                <Table.Td>
                  <Anchor component={Link} href={`/cong-khai/truong/${c.schoolId}`} size="sm">
                    {c.schoolName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {c.provinceName}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>{c.recipient}</Table.Td>
              <Table.Td>
                <Text size="sm">{c.description}</Text>
                <Text size="xs" c="dimmed">
                  {t(`pledge.formValue.${c.form}`)} · {t(`need.category.${c.category}`)}
                  {c.quantity != null ? ` · ${formatNumber(c.quantity)} ${c.unit ?? ''}` : ''}
                </Text>
                {c.needId && (
                  <Anchor component={Link} href={`/nhu-cau/${c.needId}`} size="xs">
                    {t('portal.openNeed')}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(c.valueVnd)}</Table.Td>
              <Table.Td>
                <ContributionStatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {c.evidence.slice(0, 3).map((href, i) => (
                    <a key={href} href={href} target="_blank" rel="noreferrer" aria-label={t('portal.evidenceN', { n: i + 1 })}>
                      <Image src={href} alt={t('portal.evidenceN', { n: i + 1 })} w={40} h={40} radius="sm" fit="cover" loading="lazy" data-testid="portal-evidence" />
                    </a>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

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

export default function PortalPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const key = JSON.stringify(filters);
  const provinces = useProvinces();
  const [limit, setLimit] = useState(PAGE);
  const [showMap, setShowMap] = useState(false);
  const [layer, setLayer] = useState<MapLayer>('needs');
  const stats = useAsync((signal) => resourcesApi.portal.stats(filters, signal), [key]);
  const rows = useAsync((signal) => resourcesApi.portal.contributions({ ...filters, limit }, signal), [key, limit]);

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
  const chartSeries = [
    { name: 'valueVnd', label: t('portal.total'), color: 'blue.6' },
    { name: 'receivedVnd', label: t('portal.received'), color: 'teal.6' },
  ];

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
        <Select
          label={t('schools.province')}
          placeholder={t('common.all')}
          data={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
          value={filters.provinceCode ?? null}
          onChange={(v) => update({ provinceCode: v ?? undefined })}
          searchable
          clearable
          data-testid="portal-filter-province"
        />
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
      {stats.error && <ErrorAlert error={stats.error} onRetry={stats.reload} />}
      {stats.data ? <Totals totals={stats.data.totals} /> : <PageLoader />}

      {stats.data && (
        <Suspense fallback={<PageLoader />}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <ValueBarChart
              title={t('portal.byYear')}
              data={stats.data.byYear.map((r) => ({ year: String(r.year), valueVnd: r.valueVnd, receivedVnd: r.receivedVnd }))}
              dataKey="year"
              series={chartSeries}
              testId="portal-chart-year"
              empty={t('portal.empty')}
            />
            <ValueBarChart
              title={t('portal.byCategory')}
              data={stats.data.byCategory.map((r) => ({ category: t(`need.category.${r.category}`), valueVnd: r.valueVnd, receivedVnd: r.receivedVnd }))}
              dataKey="category"
              series={chartSeries}
              horizontal
              testId="portal-chart-category"
              empty={t('portal.empty')}
            />
          </SimpleGrid>
          <ValueBarChart
            title={t('portal.byProvince')}
            data={stats.data.byProvince.map((r) => ({ province: r.provinceName, valueVnd: r.valueVnd, receivedVnd: r.receivedVnd }))}
            dataKey="province"
            series={chartSeries}
            horizontal
            testId="portal-chart-province"
            empty={t('portal.empty')}
          />
        </Suspense>
      )}

      <Card withBorder component="section" aria-labelledby="portal-map-title">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <div>
            <Title order={2} size="h4" id="portal-map-title">
              {t('portal.map')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('portal.mapHelp')}
            </Text>
          </div>
          {showMap ? (
            <SegmentedControl
              value={layer}
              onChange={(v) => setLayer(v as MapLayer)}
              aria-label={t('portal.mapLayer')}
              data={[
                { value: 'needs', label: t('portal.layer.needs') },
                { value: 'water', label: t('survey.service.water') },
                { value: 'sanitation', label: t('survey.service.sanitation') },
                { value: 'hygiene', label: t('survey.service.hygiene') },
              ]}
              data-testid="portal-map-layer"
            />
          ) : (
            <Button variant="light" onClick={() => setShowMap(true)} data-testid="portal-show-map">
              {t('portal.showMap')}
            </Button>
          )}
        </Group>
        {showMap && (
          <div style={{ marginTop: 12 }}>
            <Suspense fallback={<PageLoader />}>
              <NeedMap filters={{ provinceCode: filters.provinceCode, category: filters.category }} layer={layer} publicLinks />
            </Suspense>
          </div>
        )}
      </Card>

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
            <Button component="a" href={resourcesApi.portal.dataUrl(filters, 'csv')} download size="xs" variant="light" data-testid="portal-csv">
              CSV
            </Button>
            <Button component="a" href={resourcesApi.portal.dataUrl(filters, 'json')} target="_blank" size="xs" variant="light" data-testid="portal-json">
              JSON
            </Button>
            <Button component="a" href={resourcesApi.portal.schemaUrl()} target="_blank" size="xs" variant="subtle" data-testid="portal-schema">
              {t('portal.schema')}
            </Button>
          </Group>
        </Group>
        {rows.error && <ErrorAlert error={rows.error} onRetry={rows.reload} />}
        {rows.loading && !rows.data && <PageLoader />}
        {rows.data && <PublicContributionTable items={rows.data.items} />}
        {rows.data && stats.data && rows.data.count < stats.data.totals.count && (
          <div>
            <Button variant="default" loading={rows.loading} onClick={() => setLimit((l) => l + PAGE)} data-testid="portal-more">
              {t('portal.more')}
            </Button>
          </div>
        )}
        <Text size="xs" c="dimmed">
          {t('portal.privacy')}
        </Text>
      </Stack>
    </Stack>
  );
}
