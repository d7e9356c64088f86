import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { resourcesApi } from '../../api/resources';
import { PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { NEED_LIST_PAGE } from '../../lib/early-data';
import { CursorPager as Pager, useCursorPages } from '../../components/CursorPager';
import { NeedCard } from './need/NeedCard';
import { filtersFrom, NeedFilterBar, toSearch, type ListFilters } from './need/NeedFilterBar';
import { canCreateNeed, canOpenNeedQueue, canSeeOwnNeeds } from './permissions';
import { resourceQueries, useResource } from './queries';

const NeedMap = lazy(() => import('./NeedMap'));

const PAGE_SIZE = NEED_LIST_PAGE;

/** `/nhu-cau`: published needs as cards (or on a map), filtered by the address. */
export default function NeedListPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const { view, ...apiFilters } = filters;
  const pages = useCursorPages(JSON.stringify(apiFilters));
  const [mapCount, setMapCount] = useState<number | null>(null);
  // the search box updates the address after a pause: it patches the filters current by then
  const latest = useRef(filters);
  latest.current = filters;

  const update = (patch: Partial<ListFilters>) => {
    const now = latest.current;
    const next = { ...now, ...patch };
    if ('provinceCode' in patch && patch.provinceCode !== now.provinceCode) delete next.communeCode;
    for (const k of Object.keys(next) as (keyof ListFilters)[]) if (!next[k]) delete next[k];
    navigate(`/nhu-cau${toSearch(next)}`, { replace: true });
  };

  const list = useResource(resourceQueries.needs({ ...apiFilters, sort: apiFilters.sort ?? 'urgency', cursor: pages.cursor, limit: PAGE_SIZE }), {
    enabled: view !== 'map',
    keepPrevious: true,
  });
  const { sort: _sort, ...exportFilters } = apiFilters;
  const total = view === 'map' ? (mapCount != null ? t('need.map.count', { count: formatNumber(mapCount) }) : '\u00a0') : list.data ? t(list.data.totalCapped ? 'need.list.totalCapped' : 'need.list.total', { count: formatNumber(list.data.total) }) : '\u00a0';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('need.list.title')}</Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('need.list.intro')}
          </Text>
          <Text c="dimmed" data-testid="need-total" aria-live="polite">
            {total}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          <Button component="a" href={resourcesApi.needs.exportUrl(exportFilters, 'xlsx')} download variant="light" data-testid="export-xlsx">
            {t('schools.exportXlsx')}
          </Button>
          <Button component="a" href={resourcesApi.needs.exportUrl(exportFilters, 'csv')} download variant="light" data-testid="export-csv">
            {t('schools.exportCsv')}
          </Button>
          {canSeeOwnNeeds(auth) && (
            <Button component={Link} href="/nhu-cau/cua-toi" variant="default">
              {t('need.mine.title')}
            </Button>
          )}
          {canOpenNeedQueue(auth) && (
            <Button component={Link} href="/nhu-cau/cho-xac-minh" variant="default" data-testid="need-queue-link">
              {t('need.queue.title')}
            </Button>
          )}
          {canCreateNeed(auth) && (
            <Button component={Link} href="/nhu-cau/moi" data-testid="need-add">
              {t('need.add')}
            </Button>
          )}
        </Group>
      </Group>

      <NeedFilterBar filters={filters} update={update} loading={list.isFetching} />

      {view === 'map' ? (
        <Suspense fallback={<PageLoader />}>
          <NeedMap filters={{ provinceCode: filters.provinceCode, category: filters.category, level: filters.level, flag: filters.flag }} onCount={setMapCount} />
        </Suspense>
      ) : (
        <QueryView query={list}>
          {(data) => (
            <>
              {data.items.length === 0 && (
                <Text c="dimmed" data-testid="need-empty">
                  {t('need.list.empty')}
                </Text>
              )}
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }} data-testid="need-list">
                {data.items.map((n) => (
                  <NeedCard key={n.id} need={n} />
                ))}
              </SimpleGrid>
              <Pager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
            </>
          )}
        </QueryView>
      )}
    </Stack>
  );
}
