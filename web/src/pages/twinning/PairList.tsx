import { Anchor, Badge, Button, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { BORDER_PROVINCES, HANOI, PAIR_STATUSES, twinningApi, type Pair, type PairStatus } from '../../../../contracts/twinning';
import type { Organisation } from '../../api';
import { endpointUrl } from '../../api/call';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { usePairPages } from './queries';
import { PairStatusBadge, thisYear, yearOptions } from './shared';

export interface PairFilters {
  year: number;
  status: PairStatus | '';
  provinceCode: string;
  clusterId: string;
  /** one school's pairs (from its home) */
  schoolId?: string;
  /** active pairs without an activity in the year */
  idle?: boolean;
}

function PairCard({ p, year }: { p: Pair; year: number }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm" data-testid="pair-row" data-pair-id={p.id}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} href={`/ket-nghia/${p.id}`} fw={600}>
            {p.hanoiSide}
          </Anchor>
          <PairStatusBadge status={p.status} />
        </Group>
        <Text size="sm">↔ {p.borderSchoolName}</Text>
        <Text size="xs" c="dimmed">
          {p.borderCommuneName}, {p.borderProvinceName} · {t('tw.pair.since', { year: p.startYear })}
        </Text>
        <Text size="xs" c={p.activitiesThisYear === 0 && p.status === 'active' ? 'red.8' : 'dimmed'}>
          {t('tw.activitiesCount', { count: formatNumber(p.activitiesThisYear), year })}
        </Text>
      </Stack>
    </Card>
  );
}

function PairTable({ items, year, dim }: { items: Pair[]; year: number; dim: boolean }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="pairs-table" style={{ opacity: dim ? 0.6 : 1 }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tw.col.hanoi')}</Table.Th>
            <Table.Th>{t('tw.col.border')}</Table.Th>
            <Table.Th>{t('tw.col.province')}</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('tw.col.since')}</Table.Th>
            <Table.Th>{t('tw.col.status')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('tw.col.activities', { year })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} data-testid="pair-row" data-pair-id={p.id}>
              <Table.Td>
                <Anchor component={Link} href={`/ket-nghia/${p.id}`} size="sm" fw={600}>
                  {p.hanoiSide}
                </Anchor>
                <Group gap={4}>
                  {p.hanoiClusterName && !p.onBehalfOfCluster && (
                    <Text size="xs" c="dimmed">
                      {p.hanoiClusterName}
                    </Text>
                  )}
                  {p.onBehalfOfCluster && (
                    <Badge size="xs" variant="outline" style={{ textTransform: 'none' }} styles={{ label: { overflow: 'visible' } }}>
                      {t('tw.onBehalfOfCluster')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.borderSchoolName}</Text>
                <Text size="xs" c="dimmed">
                  {p.borderCommuneName}
                </Text>
              </Table.Td>
              <Table.Td>{p.borderProvinceName}</Table.Td>
              <Table.Td>{p.startYear}</Table.Td>
              <Table.Td>
                <PairStatusBadge status={p.status} />
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', color: p.activitiesThisYear === 0 && p.status === 'active' ? 'var(--mantine-color-red-8)' : undefined }}>
                {formatNumber(p.activitiesThisYear)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The pairs with their filters (kept in the address), the CSV download and "load more". */
export function PairList({ filters, setParam, clusters, provinceNames }: { filters: PairFilters; setParam: (key: string, value: string) => void; clusters: Organisation[]; provinceNames: Record<string, string> }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  const { year, status, provinceCode, clusterId, schoolId, idle } = filters;
  const query = { year, status: status || undefined, provinceCode: provinceCode || undefined, clusterId: clusterId || undefined, schoolId: schoolId || undefined, idle: idle ? ('true' as const) : undefined };
  const list = usePairPages(query);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <Stack gap="sm" component="section" aria-labelledby="tw-pairs-title">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} size="h3" id="tw-pairs-title">
          {t('tw.pairs.title')}
        </Title>
        <Button component="a" href={endpointUrl(twinningApi.pairs, { query: { ...query, format: 'csv' } })} download variant="subtle" aria-label={t('tw.csvLabel')} data-testid="pairs-csv">
          {t('tw.csv')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" role="group" aria-label={t('tw.filters')}>
        <NativeSelect label={t('tw.year')} value={String(year)} onChange={(e) => setParam('nam', e.currentTarget.value === String(thisYear()) ? '' : e.currentTarget.value)} data={yearOptions()} data-testid="filter-year" />
        <NativeSelect
          label={t('tw.filter.status')}
          value={status}
          onChange={(e) => setParam('trang-thai', e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...PAIR_STATUSES.map((s) => ({ value: s, label: t(`tw.status.${s}`) }))]}
          data-testid="filter-status"
        />
        <NativeSelect
          label={t('tw.filter.province')}
          value={provinceCode}
          onChange={(e) => setParam('tinh', e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...[HANOI, ...BORDER_PROVINCES].map((c) => ({ value: c, label: provinceNames[c] ?? c }))]}
          data-testid="filter-province"
        />
        <NativeSelect
          label={t('tw.filter.cluster')}
          value={clusterId}
          onChange={(e) => setParam('cum', e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...clusters.map((c) => ({ value: c.id, label: c.shortName ?? c.name }))]}
          data-testid="filter-cluster"
        />
      </SimpleGrid>
      <Checkbox label={t('tw.filter.idle')} checked={!!idle} onChange={(e) => setParam('chua-hoat-dong', e.currentTarget.checked ? '1' : '')} data-testid="filter-idle" />

      {list.error && !list.data && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {!list.data && !list.error && <PageLoader />}
      {list.data && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="pairs-count">
            {t('tw.pairs.count', { count: formatNumber(total) })}
          </Text>
          {items.length === 0 && <Text c="dimmed">{t('tw.pairs.empty')}</Text>}
          {phone ? (
            <Stack gap="sm" data-testid="pairs-table">
              {items.map((p) => (
                <PairCard key={p.id} p={p} year={year} />
              ))}
            </Stack>
          ) : (
            items.length > 0 && <PairTable items={items} year={year} dim={list.isPlaceholderData} />
          )}
          {list.error && <ErrorAlert error={list.error} onRetry={() => void list.fetchNextPage()} />}
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="pairs-more">
                {t('tw.pairs.more', { shown: formatNumber(items.length), total: formatNumber(total) })}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
