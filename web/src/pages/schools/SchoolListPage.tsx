import { Anchor, Button, Group, Loader, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { api, type AreaFlag, type SchoolFilters, type SchoolLevel } from '../../api';
import { ErrorAlert, LevelBadges, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useAsync, useDebounced } from '../../lib/hooks';
import { useCommunes, useProvinces } from '../../lib/reference';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { AREA_FLAGS, OWNERSHIPS, SCHOOL_LEVELS, SCHOOL_MANAGER_ROLES } from '../../lib/vocab';

const PAGE_SIZE = 50;

/** URL parameter names (Vietnamese, readable in a shared link) for each filter. */
const PARAM = { provinceCode: 'tinh', communeCode: 'xa', level: 'cap', ownership: 'loai', flag: 'vung', q: 'q' } as const;

function filtersFrom(search: URLSearchParams): SchoolFilters {
  const f: SchoolFilters = {};
  const tinh = search.get(PARAM.provinceCode);
  const xa = search.get(PARAM.communeCode);
  const cap = search.get(PARAM.level);
  const loai = search.get(PARAM.ownership);
  const vung = search.get(PARAM.flag);
  const q = search.get(PARAM.q);
  if (tinh && /^\d{2}$/.test(tinh)) f.provinceCode = tinh;
  if (xa && /^\d{5}$/.test(xa)) f.communeCode = xa;
  if (cap && (SCHOOL_LEVELS as readonly string[]).includes(cap)) f.level = cap as SchoolLevel;
  if (loai && (OWNERSHIPS as readonly string[]).includes(loai)) f.ownership = loai;
  if (vung && (AREA_FLAGS as readonly string[]).includes(vung)) f.flag = vung as AreaFlag;
  if (q && q.trim()) f.q = q.trim();
  return f;
}

function toSearch(f: SchoolFilters): string {
  const p = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][]) {
    const v = f[key];
    if (v) p.set(name, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export default function SchoolListPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const filterKey = JSON.stringify(filters);

  const [q, setQ] = useState(filters.q ?? '');
  const debouncedQ = useDebounced(q.trim(), 400);
  // cursor stack: cursors[i] is the cursor that opens page i (page 0 has none)
  // (kept per filter set, so a new filter always starts on page 1)
  const [stack, setStack] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = stack.key === filterKey ? stack.cursors : [null];
  const setCursors = (fn: (c: (string | null)[]) => (string | null)[]) => setStack({ key: filterKey, cursors: fn(cursors) });
  const page = cursors.length - 1;

  const provinces = useProvinces();
  const communes = useCommunes(filters.provinceCode);

  const update = (patch: Partial<SchoolFilters>) => {
    const next = { ...filters, ...patch };
    if ('provinceCode' in patch && patch.provinceCode !== filters.provinceCode) delete next.communeCode;
    for (const k of Object.keys(next) as (keyof SchoolFilters)[]) if (!next[k]) delete next[k];
    navigate(`/truong-hoc${toSearch(next)}`, { replace: true });
  };

  useEffect(() => {
    if ((filters.q ?? '') !== debouncedQ) update({ q: debouncedQ || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedQ]);

  const cursor = cursors[cursors.length - 1];
  const list = useAsync(
    (signal) => api.schools.list({ ...filters, cursor: cursor ?? undefined, limit: PAGE_SIZE }, signal),
    [filterKey, cursor],
  );

  const provinceOptions = (provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }));
  const communeOptions = (communes.data ?? []).map((c) => ({ value: c.code, label: c.name }));
  const hasFilters = Object.keys(filters).length > 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('schools.title')}</Title>
          <Text c="dimmed" data-testid="school-total" aria-live="polite">
            {list.data ? t('schools.total', { count: formatNumber(list.data.total) }) : '\u00a0'}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          <Button
            component="a"
            href={api.schools.exportUrl(filters, 'xlsx')}
            download
            variant="light"
            data-testid="export-xlsx"
            aria-label={`${t('schools.export')} ${t('schools.exportXlsx')}`}
          >
            {t('schools.exportXlsx')}
          </Button>
          <Button
            component="a"
            href={api.schools.exportUrl(filters, 'csv')}
            download
            variant="light"
            data-testid="export-csv"
            aria-label={`${t('schools.export')} ${t('schools.exportCsv')}`}
          >
            {t('schools.exportCsv')}
          </Button>
          {hasRole(SCHOOL_MANAGER_ROLES) && (
            <Button component={Link} href="/truong-hoc/moi" data-testid="school-add">
              {t('schools.add')}
            </Button>
          )}
        </Group>
      </Group>

      <Stack gap="sm" component="section" aria-label={t('schools.filters')}>
        <TextInput
          label={t('schools.search')}
          placeholder={t('schools.searchPlaceholder')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="school-search"
          rightSection={list.loading ? <Loader size="xs" /> : null}
        />
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
          <Select
            label={t('schools.province')}
            placeholder={t('common.all')}
            data={provinceOptions}
            value={filters.provinceCode ?? null}
            onChange={(v) => update({ provinceCode: v ?? undefined })}
            searchable
            clearable
            data-testid="filter-province"
          />
          <Select
            label={t('schools.commune')}
            placeholder={filters.provinceCode ? t('common.all') : t('schools.communePickProvince')}
            data={communeOptions}
            value={filters.communeCode ?? null}
            onChange={(v) => update({ communeCode: v ?? undefined })}
            disabled={!filters.provinceCode}
            searchable
            clearable
            data-testid="filter-commune"
            rightSection={communes.loading ? <Loader size="xs" /> : undefined}
          />
          <Select
            label={t('schools.level')}
            placeholder={t('common.all')}
            data={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            value={filters.level || null}
            onChange={(v) => update({ level: (v as SchoolLevel) ?? undefined })}
            clearable
            data-testid="filter-level"
          />
          <Select
            label={t('schools.ownership')}
            placeholder={t('common.all')}
            data={OWNERSHIPS.map((o) => ({ value: o, label: t(`ownership.${o}`) }))}
            value={filters.ownership ?? null}
            onChange={(v) => update({ ownership: v ?? undefined })}
            clearable
            data-testid="filter-ownership"
          />
          <Select
            label={t('schools.flag')}
            placeholder={t('common.all')}
            data={AREA_FLAGS.map((f) => ({ value: f, label: t(`flag.${f}`) }))}
            value={filters.flag || null}
            onChange={(v) => update({ flag: (v as AreaFlag) ?? undefined })}
            clearable
            data-testid="filter-flag"
          />
        </SimpleGrid>
        {hasFilters && (
          <div>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                setQ('');
                navigate('/truong-hoc', { replace: true });
              }}
            >
              {t('schools.clearFilters')}
            </Button>
          </div>
        )}
      </Stack>

      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <PageLoader />}
      {list.data && (
        <Table.ScrollContainer minWidth={900} type="native">
          <Table striped highlightOnHover data-testid="school-table" style={{ opacity: list.loading ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('schools.col.code')}</Table.Th>
                <Table.Th>{t('schools.col.name')}</Table.Th>
                <Table.Th style={{ minWidth: 120 }}>{t('schools.col.levels')}</Table.Th>
                <Table.Th>{t('schools.col.commune')}</Table.Th>
                <Table.Th>{t('schools.col.province')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('schools.col.pupils')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('schools.col.staff')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed">{t('schools.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.items.map((s) => (
                <Table.Tr key={s.id} data-testid="school-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.code}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} href={`/truong-hoc/${s.id}`} size="sm">
                      {s.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <LevelBadges levels={s.levels} />
                  </Table.Td>
                  <Table.Td>{s.communeName}</Table.Td>
                  <Table.Td>{s.provinceName}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.pupils)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.staff)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && (page > 0 || list.data.nextCursor) && (
        <Group justify="space-between" component="nav" aria-label={t('schools.page', { page: page + 1 })}>
          <Button variant="default" disabled={page === 0 || list.loading} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="page-prev">
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
                setCursors((c) => [...c, next]);
                window.scrollTo({ top: 0 });
              }
            }}
            data-testid="page-next"
          >
            {t('schools.next')} →
          </Button>
        </Group>
      )}
    </Stack>
  );
}
