import { ProvinceFilter } from '../../../components/ProvinceFilter';
import { Checkbox, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { AreaFlag, SchoolLevel } from '../../../api';
import { NEED_CATEGORIES, type NeedCategory, type NeedFilters } from '../../../api/resources';
import { useI18n } from '../../../i18n';
import { useCommunes, } from '../../../lib/reference';
import { AREA_FLAGS, SCHOOL_LEVELS } from '../../../lib/vocab';

const LIST_FLAGS = AREA_FLAGS.filter((f) => f === 'border' || f === 'ethnic_minority' || f === 'island' || f === 'extremely_difficult');

export interface ListFilters extends NeedFilters {
  view?: 'map';
}

/** Filters read from the address (`?tinh=&xa=&hangmuc=&cap=&vung=&q=&mo=1&sx=&xem=ban-do`). */
export function filtersFrom(s: URLSearchParams): ListFilters {
  const f: ListFilters = {};
  const tinh = s.get('tinh'), xa = s.get('xa'), hm = s.get('hangmuc'), cap = s.get('cap'), vung = s.get('vung'), q = s.get('q'), sx = s.get('sx');
  if (tinh && /^\d{2}$/.test(tinh)) f.provinceCode = tinh;
  if (xa && /^\d{5}$/.test(xa)) f.communeCode = xa;
  if (hm && (NEED_CATEGORIES as readonly string[]).includes(hm)) f.category = hm as NeedCategory;
  if (cap && (SCHOOL_LEVELS as readonly string[]).includes(cap)) f.level = cap as SchoolLevel;
  if (vung && (AREA_FLAGS as readonly string[]).includes(vung)) f.flag = vung as AreaFlag;
  if (q?.trim()) f.q = q.trim();
  if (s.get('mo') === '1') f.open = true;
  if (sx === 'remaining') f.sort = 'remaining';
  if (s.get('xem') === 'ban-do') f.view = 'map';
  return f;
}

export function toSearch(f: ListFilters): string {
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

/** Search (sent 400 ms after the last key), area, category, level, flag, open only, sort and list/map. */
export function NeedFilterBar({ filters, update, loading }: { filters: ListFilters; update: (patch: Partial<ListFilters>) => void; loading: boolean }) {
  const { t } = useI18n();
  const communes = useCommunes(filters.provinceCode);
  const [q, setQ] = useState(filters.q ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const view = filters.view;
  return (
    <Stack gap="sm" component="section" aria-label={t('need.list.filters')}>
      <TextInput
        label={t('need.list.search')}
        placeholder={t('need.list.searchPlaceholder')}
        type="search"
        value={q}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setQ(v);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => update({ q: v.trim() || undefined }), 400);
        }}
        data-testid="need-search"
        rightSection={loading ? <Loader size="xs" /> : null}
      />
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <ProvinceFilter value={filters.provinceCode} onChange={(v) => update({ provinceCode: v })} testId="need-filter-province" />
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
          <Checkbox label={t('need.list.openOnly')} checked={!!filters.open} onChange={(e) => update({ open: e.currentTarget.checked || undefined })} data-testid="need-filter-open" />
          {view !== 'map' && (
            <Group gap={6} wrap="nowrap">
              <Text size="sm" id="need-sort-label">
                {t('need.list.sort')}
              </Text>
              <SegmentedControl
                size="xs"
                aria-labelledby="need-sort-label"
                value={filters.sort === 'remaining' ? 'remaining' : 'urgency'}
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
  );
}
