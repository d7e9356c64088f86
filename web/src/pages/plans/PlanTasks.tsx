import { Button, Card, Collapse, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { plansApi, TASK_STATUSES, type PlanDetail, type PlanTaskFilters, type Task, type TaskStatus } from '../../../../contracts/plans';
import { endpointUrl } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useDebounced } from '../../lib/hooks';
import type { usePagedApi } from './paged';
import { TaskImport } from './TaskImport';
import { TaskTable } from './TaskTable';

export type FilterPatch = Partial<PlanTaskFilters> & { asOf?: string | undefined };

interface Props {
  plan: PlanDetail;
  asOf: string | undefined;
  filters: PlanTaskFilters;
  setParams: (patch: FilterPatch) => void;
  tasks: ReturnType<typeof usePagedApi<typeof plansApi.tasks>>;
}

/** The plan's tasks: search and filters kept in the address, exports of the filtered list, the issuer's import. */
export function PlanTasks({ plan, asOf, filters, setParams, tasks }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState(filters.q ?? '');
  const debouncedQ = useDebounced(q.trim(), 400);
  const [importOpen, { toggle: toggleImport }] = useDisclosure(false);
  const { query } = tasks;
  const items: Task[] = tasks.items;

  // the search box writes to the address once typing pauses
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the debounced text changes only
  useEffect(() => {
    if ((filters.q ?? '') !== debouncedQ) setParams({ q: debouncedQ || undefined });
  }, [debouncedQ]);

  const exportUrl = (format: 'csv' | 'xlsx') => endpointUrl(plansApi.tasks, { params: { id: plan.key }, query: { ...filters, asOf, format } });
  const hasFilters = Object.keys(filters).length > 0;
  const sectionOptions = plan.sections.map((s) => ({ value: s.code, label: `${s.code}. ${s.title}` }));
  const unitOptions = plan.byUnit.map((u) => ({ value: u.id, label: u.name }));

  return (
    <Card withBorder component="section" aria-labelledby="nhiem-vu-title" id="nhiem-vu" style={{ scrollMarginTop: 70 }}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <div>
            <Title order={2} size="h4" id="nhiem-vu-title">
              {t('plan.tasks')}
            </Title>
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="plan-task-count">
              {query.data ? t('plan.tasksShown', { count: formatNumber(tasks.total) }) : '\u00a0'}
            </Text>
          </div>
          <Group gap="xs" wrap="wrap" role="group" aria-label={t('plan.tasksExport')}>
            <Button component="a" size="xs" variant="light" href={exportUrl('xlsx')} download data-testid="plan-tasks-xlsx" aria-label={`${t('plan.tasksExport')}: ${t('plans.exportXlsx')}`}>
              {t('plans.exportXlsx')}
            </Button>
            <Button component="a" size="xs" variant="light" href={exportUrl('csv')} download data-testid="plan-tasks-csv" aria-label={`${t('plan.tasksExport')}: ${t('plans.exportCsv')}`}>
              {t('plans.exportCsv')}
            </Button>
            {plan.can.importTasks && (
              <Button size="xs" variant={importOpen ? 'filled' : 'default'} onClick={toggleImport} aria-expanded={importOpen} data-testid="plan-import">
                {t('plan.import')}
              </Button>
            )}
          </Group>
        </Group>
        {plan.can.importTasks && (
          <Collapse expanded={importOpen}>
            <TaskImport planKey={plan.key} />
          </Collapse>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput
            label={t('plan.filter.search')}
            placeholder={t('plan.filter.searchPlaceholder')}
            type="search"
            value={q}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setQ(v);
            }}
            data-testid="plan-task-search"
          />
          <Select label={t('plan.filter.section')} placeholder={t('common.all')} data={sectionOptions} value={filters.section ?? null} onChange={(v) => setParams({ section: v ?? undefined })} clearable searchable data-testid="plan-filter-section" />
          <Select
            label={t('plan.filter.status')}
            placeholder={t('common.all')}
            data={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
            value={filters.status ?? null}
            onChange={(v) => setParams({ status: (v as TaskStatus | null) ?? undefined })}
            clearable
            data-testid="plan-filter-status"
          />
          <Select label={t('plan.filter.unit')} placeholder={t('common.all')} data={unitOptions} value={filters.unitId ?? null} onChange={(v) => setParams({ unitId: v ?? undefined })} clearable searchable data-testid="plan-filter-unit" />
        </SimpleGrid>
        {hasFilters && (
          <div>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                setQ('');
                setParams({ section: undefined, status: undefined, unitId: undefined, q: undefined });
              }}
            >
              {t('plan.filter.clear')}
            </Button>
          </div>
        )}
        {query.error && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
        {query.isPending && <Loader size="sm" />}
        {query.data && (
          <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
            <TaskTable tasks={items} />
          </div>
        )}
        {query.hasNextPage && (
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('plans.loadedOf', { shown: formatNumber(items.length), total: formatNumber(tasks.total) })}
            </Text>
            <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="plan-tasks-more">
              {t('plans.more')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
