import { Anchor, Button, Card, Checkbox, Group, Image, Loader, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { AreaFlag, SchoolLevel } from '../../api';
import { fileUrl, NEED_CATEGORIES, resourcesApi, type Need, type NeedCategory, type NeedFilters } from '../../api/resources';
import { ErrorAlert, FlagBadges, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useAsync, useDebounced } from '../../lib/hooks';
import { useCommunes, useProvinces } from '../../lib/reference';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { AREA_FLAGS, SCHOOL_LEVELS } from '../../lib/vocab';
import { formatVnd, NeedProgress, NeedStatusBadge } from './shared';

const NeedMap = lazy(() => import('./NeedMap'));

const PAGE_SIZE = 24;
const LIST_FLAGS = AREA_FLAGS.filter((f) => f === 'border' || f === 'ethnic_minority' || f === 'island' || f === 'extremely_difficult');
type Sort = 'urgency' | 'remaining';

interface ListFilters extends NeedFilters {
  view?: 'map';
}

function filtersFrom(s: URLSearchParams): ListFilters {
  const f: ListFilters = {};
  const tinh = s.get('tinh'), xa = s.get('xa'), hm = s.get('hangmuc'), cap = s.get('cap'), vung = s.get('vung'), q = s.get('q'), sx = s.get('sx');
  if (tinh && /^\d{2}$/.test(tinh)) f.provinceCode = tinh;
  if (xa && /^\d{5}$/.test(xa)) f.communeCode = xa;
  if (hm && (NEED_CATEGORIES as readonly string[]).includes(hm)) f.category = hm as NeedCategory;
  if (cap && (SCHOOL_LEVELS as readonly string[]).includes(cap)) f.level = cap as SchoolLevel;
  if (vung && (AREA_FLAGS as readonly string[]).includes(vung)) f.flag = vung as AreaFlag;
  if (q && q.trim()) f.q = q.trim();
  if (s.get('mo') === '1') f.open = true;
  if (sx === 'remaining') f.sort = 'remaining';
  if (s.get('xem') === 'ban-do') f.view = 'map';
  return f;
}

function toSearch(f: ListFilters): string {
  const p = new URLSearchParams();
  if (f.provinceCode) p.set('tinh', f.provinceCode);
  if (f.communeCode) p.set('xa', f.communeCode);
  if (f.category) p.set('hangmuc', f.category);
  if (f.level) p.set('cap', f.level);
  if (f.flag) p.set('vung', f.flag);
  if (f.q) p.set('q', f.q);
  if (f.open) p.set('mo', '1');
  if (f.sort === 'remaining') p.set('sx', 'remaining');
  if (f.view === 'map') p.set('xem', 'ban-do');
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function NeedCard({ need }: { need: Need }) {
  const { t } = useI18n();
  const photo = need.photos[0];
  return (
    <Card withBorder padding="sm" radius="md" data-testid="need-card" data-need-id={need.id} component="article">
      {photo && (
        <Card.Section>
          <Image src={fileUrl(photo.id)} alt={photo.name} h={140} fit="cover" loading="lazy" />
        </Card.Section>
      )}
      <Stack gap={6} mt={photo ? 'sm' : 0}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed">
            {t(`need.category.${need.category}`)}
          </Text>
          <NeedStatusBadge status={need.status} size="sm" />
        </Group>
        <Anchor component={Link} href={`/nhu-cau/${need.id}`} fw={700} size="md" lh={1.3} data-testid="need-title">
          {need.title}
        </Anchor>
        <Text size="sm">{need.schoolName}</Text>
        <Text size="xs" c="dimmed">
          {need.communeName}, {need.provinceName}
        </Text>
        <FlagBadges flags={need.communeFlags.filter((f) => f !== 'industrial_zone')} />
        {need.priority === 'urgent' && (
          <Text size="xs" c="red" fw={600}>
            {t('need.priority.urgent')}
          </Text>
        )}
        <NeedProgress need={need} compact />
        <Text size="sm" data-testid="need-remaining" data-quantity={need.remainingQuantity} data-value={need.remainingValue}>
          {t('need.remaining', { quantity: formatNumber(need.remainingQuantity), unit: need.unit, value: formatVnd(need.remainingValue) })}
        </Text>
      </Stack>
    </Card>
  );
}

export default function NeedListPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const { view, ...apiFilters } = filters;
  const filterKey = JSON.stringify(apiFilters);
  const [q, setQ] = useState(filters.q ?? '');
  const debouncedQ = useDebounced(q.trim(), 400);
  const [stack, setStack] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = stack.key === filterKey ? stack.cursors : [null];
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const [mapCount, setMapCount] = useState<number | null>(null);

  const provinces = useProvinces();
  const communes = useCommunes(filters.provinceCode);

  const update = (patch: Partial<ListFilters>) => {
    const next = { ...filters, ...patch };
    if ('provinceCode' in patch && patch.provinceCode !== filters.provinceCode) delete next.communeCode;
    for (const k of Object.keys(next) as (keyof ListFilters)[]) if (!next[k]) delete next[k];
    navigate(`/nhu-cau${toSearch(next)}`, { replace: true });
  };
  useEffect(() => {
    if ((filters.q ?? '') !== debouncedQ) update({ q: debouncedQ || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedQ]);

  const list = useAsync(
    (signal) => resourcesApi.needs.list({ ...apiFilters, sort: apiFilters.sort ?? 'urgency', cursor, limit: PAGE_SIZE }, signal),
    [filterKey, cursor],
    view !== 'map',
  );

  const canCreate = user && ['school', 'department', 'admin'].includes(user.role);
  const canQueue = user && ['department', 'admin', 'ministry'].includes(user.role);
  const { sort: _sort, ...exportFilters } = apiFilters;
  void _sort;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('need.list.title')}</Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('need.list.intro')}
          </Text>
          <Text c="dimmed" data-testid="need-total" aria-live="polite">
            {view === 'map'
              ? mapCount != null
                ? t('need.map.count', { count: formatNumber(mapCount) })
                : '\u00a0'
              : list.data
                ? t('need.list.total', { count: formatNumber(list.data.total) })
                : '\u00a0'}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          <Button component="a" href={resourcesApi.needs.exportUrl(exportFilters, 'xlsx')} download variant="light" data-testid="export-xlsx">
            {t('schools.exportXlsx')}
          </Button>
          <Button component="a" href={resourcesApi.needs.exportUrl(exportFilters, 'csv')} download variant="light" data-testid="export-csv">
            {t('schools.exportCsv')}
          </Button>
          {user?.role === 'school' && (
            <Button component={Link} href="/nhu-cau/cua-toi" variant="default">
              {t('need.mine.title')}
            </Button>
          )}
          {canQueue && (
            <Button component={Link} href="/nhu-cau/cho-xac-minh" variant="default" data-testid="need-queue-link">
              {t('need.queue.title')}
            </Button>
          )}
          {canCreate && (
            <Button component={Link} href="/nhu-cau/moi" data-testid="need-add">
              {t('need.add')}
            </Button>
          )}
        </Group>
      </Group>

      <Stack gap="sm" component="section" aria-label={t('need.list.filters')}>
        <TextInput
          label={t('need.list.search')}
          placeholder={t('need.list.searchPlaceholder')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="need-search"
          rightSection={list.loading ? <Loader size="xs" /> : null}
        />
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
          <Select
            label={t('schools.province')}
            placeholder={t('common.all')}
            data={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
            value={filters.provinceCode ?? null}
            onChange={(v) => update({ provinceCode: v ?? undefined })}
            searchable
            clearable
            data-testid="need-filter-province"
          />
          <Select
            label={t('schools.commune')}
            placeholder={filters.provinceCode ? t('common.all') : t('schools.communePickProvince')}
            data={(communes.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            value={filters.communeCode ?? null}
            onChange={(v) => update({ communeCode: v ?? undefined })}
            disabled={!filters.provinceCode}
            searchable
            clearable
            data-testid="need-filter-commune"
          />
          <Select
            label={t('need.category')}
            placeholder={t('common.all')}
            data={NEED_CATEGORIES.map((c) => ({ value: c, label: t(`need.category.${c}`) }))}
            value={filters.category ?? null}
            onChange={(v) => update({ category: (v as NeedCategory) ?? undefined })}
            clearable
            data-testid="need-filter-category"
          />
          <Select
            label={t('schools.level')}
            placeholder={t('common.all')}
            data={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            value={filters.level ?? null}
            onChange={(v) => update({ level: (v as SchoolLevel) ?? undefined })}
            clearable
            data-testid="need-filter-level"
          />
          <Select
            label={t('schools.flag')}
            placeholder={t('common.all')}
            data={LIST_FLAGS.map((f) => ({ value: f, label: t(`flag.${f}`) }))}
            value={filters.flag ?? null}
            onChange={(v) => update({ flag: (v as AreaFlag) ?? undefined })}
            clearable
            data-testid="need-filter-flag"
          />
        </SimpleGrid>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="md" wrap="wrap">
            <Checkbox
              label={t('need.list.openOnly')}
              checked={!!filters.open}
              onChange={(e) => update({ open: e.currentTarget.checked || undefined })}
              data-testid="need-filter-open"
            />
            {view !== 'map' && (
              <Group gap={6} wrap="nowrap">
                <Text size="sm" id="need-sort-label">
                  {t('need.list.sort')}
                </Text>
                <SegmentedControl
                  size="xs"
                  aria-labelledby="need-sort-label"
                  value={(filters.sort as Sort) ?? 'urgency'}
                  onChange={(v) => update({ sort: v === 'remaining' ? 'remaining' : undefined })}
                  data={[
                    { value: 'urgency', label: t('need.list.sortUrgency') },
                    { value: 'remaining', label: t('need.list.sortRemaining') },
                  ]}
                  data-testid="need-sort"
                />
              </Group>
            )}
          </Group>
          <SegmentedControl
            value={view === 'map' ? 'map' : 'list'}
            onChange={(v) => update({ view: v === 'map' ? 'map' : undefined })}
            aria-label={t('need.list.view')}
            data={[
              { value: 'list', label: t('need.list.viewList') },
              { value: 'map', label: t('need.list.viewMap') },
            ]}
            data-testid="need-view"
          />
        </Group>
      </Stack>

      {view === 'map' ? (
        <Suspense fallback={<PageLoader />}>
          <NeedMap filters={{ provinceCode: filters.provinceCode, category: filters.category, level: filters.level, flag: filters.flag }} onCount={setMapCount} />
        </Suspense>
      ) : (
        <>
          {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
          {list.loading && !list.data && <PageLoader />}
          {list.data && list.data.items.length === 0 && (
            <Text c="dimmed" data-testid="need-empty">
              {t('need.list.empty')}
            </Text>
          )}
          {list.data && (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" style={{ opacity: list.loading ? 0.6 : 1 }} data-testid="need-list">
              {list.data.items.map((n) => (
                <NeedCard key={n.id} need={n} />
              ))}
            </SimpleGrid>
          )}
          {list.data && (page > 0 || list.data.nextCursor) && (
            <Group justify="space-between" component="nav" aria-label={t('schools.page', { page: page + 1 })}>
              <Button variant="default" disabled={page === 0 || list.loading} onClick={() => setStack({ key: filterKey, cursors: cursors.slice(0, -1) })}>
                ← {t('schools.prev')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('schools.page', { page: formatNumber(page + 1) })}
              </Text>
              <Button
                variant="default"
                disabled={!list.data.nextCursor || list.loading}
                onClick={() => {
                  const next = list.data?.nextCursor;
                  if (next) {
                    setStack({ key: filterKey, cursors: [...cursors, next] });
                    window.scrollTo({ top: 0 });
                  }
                }}
              >
                {t('schools.next')} →
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
