import { ProvinceFilter } from '../../components/ProvinceFilter';
import { Button, Loader, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { AreaFlag, Ownership, SchoolLevel } from '../../../../contracts/common';
import { useI18n } from '../../i18n';
import { useCommunes, } from '../../lib/reference';
import { AREA_FLAGS, OWNERSHIPS, SCHOOL_LEVELS } from '../../lib/vocab';

/** The filters of the school list, as kept in the page's URL. */
export interface SchoolFilterValues {
  provinceCode?: string;
  communeCode?: string;
  level?: SchoolLevel;
  ownership?: Ownership;
  flag?: AreaFlag;
  q?: string;
}

/** URL parameter names (Vietnamese, readable in a shared link) for each filter. */
const PARAM = { provinceCode: 'tinh', communeCode: 'xa', level: 'cap', ownership: 'loai', flag: 'vung', q: 'q' } as const;

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v && (list as readonly string[]).includes(v) ? (v as T) : undefined);

export function filtersFrom(search: URLSearchParams): SchoolFilterValues {
  const f: SchoolFilterValues = {};
  const tinh = search.get(PARAM.provinceCode);
  const xa = search.get(PARAM.communeCode);
  const q = search.get(PARAM.q);
  if (tinh && /^\d{2}$/.test(tinh)) f.provinceCode = tinh;
  if (xa && /^\d{5}$/.test(xa)) f.communeCode = xa;
  f.level = oneOf(SCHOOL_LEVELS, search.get(PARAM.level));
  f.ownership = oneOf(OWNERSHIPS, search.get(PARAM.ownership));
  f.flag = oneOf(AREA_FLAGS, search.get(PARAM.flag));
  if (q?.trim()) f.q = q.trim();
  for (const k of Object.keys(f) as (keyof SchoolFilterValues)[]) if (!f[k]) delete f[k];
  return f;
}

export function toSearch(f: SchoolFilterValues): string {
  const p = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][]) {
    const v = f[key];
    if (v) p.set(name, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function SchoolFilterBar({
  filters,
  q,
  onQ,
  onChange,
  onClear,
  searching,
}: {
  filters: SchoolFilterValues;
  q: string;
  onQ: (q: string) => void;
  onChange: (patch: Partial<SchoolFilterValues>) => void;
  onClear: () => void;
  searching: boolean;
}) {
  const { t } = useI18n();
  const communes = useCommunes(filters.provinceCode);
  const communeOptions = (communes.data ?? []).map((c) => ({ value: c.code, label: c.name }));
  const hasFilters = Object.keys(filters).length > 0;

  return (
    <Stack gap="sm" component="section" aria-label={t('schools.filters')}>
      <TextInput
        label={t('schools.search')}
        placeholder={t('schools.searchPlaceholder')}
        type="search"
        value={q}
        onChange={(e) => onQ(e.currentTarget.value)}
        data-testid="school-search"
        rightSection={searching ? <Loader size="xs" /> : null}
      />
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <ProvinceFilter value={filters.provinceCode} onChange={(v) => onChange({ provinceCode: v })} testId="filter-province" />
        <Select
          label={t('schools.commune')}
          placeholder={filters.provinceCode ? t('common.all') : t('schools.communePickProvince')}
          data={communeOptions}
          value={filters.communeCode ?? null}
          onChange={(v) => onChange({ communeCode: v ?? undefined })}
          disabled={!filters.provinceCode}
          searchable
          clearable
          data-testid="filter-commune"
          rightSection={communes.isFetching ? <Loader size="xs" /> : undefined}
        />
        <Select
          label={t('schools.level')}
          placeholder={t('common.all')}
          data={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
          value={filters.level ?? null}
          onChange={(v) => onChange({ level: oneOf(SCHOOL_LEVELS, v) })}
          clearable
          data-testid="filter-level"
        />
        <Select
          label={t('schools.ownership')}
          placeholder={t('common.all')}
          data={OWNERSHIPS.map((o) => ({ value: o, label: t(`ownership.${o}`) }))}
          value={filters.ownership ?? null}
          onChange={(v) => onChange({ ownership: oneOf(OWNERSHIPS, v) })}
          clearable
          data-testid="filter-ownership"
        />
        <Select
          label={t('schools.flag')}
          placeholder={t('common.all')}
          data={AREA_FLAGS.map((f) => ({ value: f, label: t(`flag.${f}`) }))}
          value={filters.flag ?? null}
          onChange={(v) => onChange({ flag: oneOf(AREA_FLAGS, v) })}
          clearable
          data-testid="filter-flag"
        />
      </SimpleGrid>
      {hasFilters && (
        <div>
          <Button variant="subtle" size="compact-sm" onClick={onClear}>
            {t('schools.clearFilters')}
          </Button>
        </div>
      )}
    </Stack>
  );
}
