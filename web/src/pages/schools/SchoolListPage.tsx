import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { schoolsApi } from '../../../../contracts/schools';
import { endpointUrl } from '../../api/call';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { PageHeader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useDebounced } from '../../lib/hooks';
import { QueryView, useApi } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { filtersFrom, SchoolFilterBar, toSearch, type SchoolFilterValues } from './SchoolFilters';
import { SchoolTable } from './SchoolTable';

const PAGE_SIZE = 50;

export default function SchoolListPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const pages = useCursorPages(JSON.stringify(filters));

  const [q, setQ] = useState(filters.q ?? '');
  const debouncedQ = useDebounced(q.trim(), 400);

  const update = (patch: Partial<SchoolFilterValues>) => {
    const next = { ...filters, ...patch };
    if ('provinceCode' in patch && patch.provinceCode !== filters.provinceCode) delete next.communeCode;
    for (const k of Object.keys(next) as (keyof SchoolFilterValues)[]) if (!next[k]) delete next[k];
    navigate(`/truong-hoc${toSearch(next)}`, { replace: true });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new search term moves the URL
  useEffect(() => {
    if ((filters.q ?? '') !== debouncedQ) update({ q: debouncedQ || undefined });
  }, [debouncedQ]);

  const list = useApi(schoolsApi.list, { query: { ...filters, cursor: pages.cursor, limit: PAGE_SIZE } }, { keepPrevious: true });
  const exportHref = (format: 'xlsx' | 'csv') => endpointUrl(schoolsApi.list, { query: { ...filters, format } });

  return (
    <Stack gap="md">
      <PageHeader
        title={t('schools.title')}
        actions={
          <Group gap="xs" wrap="wrap">
            <Button component="a" href={exportHref('xlsx')} download variant="light" data-testid="export-xlsx" aria-label={`${t('schools.export')} ${t('schools.exportXlsx')}`}>
              {t('schools.exportXlsx')}
            </Button>
            <Button component="a" href={exportHref('csv')} download variant="light" data-testid="export-csv" aria-label={`${t('schools.export')} ${t('schools.exportCsv')}`}>
              {t('schools.exportCsv')}
            </Button>
            {can('schools.create') && (
              <Button component={Link} href="/truong-hoc/moi" data-testid="school-add">
                {t('schools.add')}
              </Button>
            )}
          </Group>
        }
      >
        <Text c="dimmed" data-testid="school-total" aria-live="polite">
          {list.data ? t('schools.total', { count: formatNumber(list.data.total) }) : '\u00a0'}
        </Text>
      </PageHeader>

      <SchoolFilterBar
        filters={filters}
        q={q}
        onQ={setQ}
        onChange={update}
        onClear={() => {
          setQ('');
          navigate('/truong-hoc', { replace: true });
        }}
        searching={list.isFetching}
      />

      <QueryView query={list}>
        {(data) => (
          <>
            <SchoolTable schools={data.items} stale={list.isPlaceholderData} />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
