import { Alert, Badge, Button, Group, Loader, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { plansApi, TASK_STATUSES, type TaskStatus } from '../../../../contracts/plans';
import { ErrorAlert, PageLoader, SignInPrompt } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useNavigate, useSearchParams } from '../../lib/router';
import { usePagedApi } from './paged';
import { TaskGroups } from './TaskGroups';

type Paged = ReturnType<typeof usePagedApi<typeof plansApi.mine>>;

/** A paged task list: loader, error with retry, the groups, and "more" while pages remain. */
function PagedTasks({ list, showLead, emptyText, testId }: { list: Paged; showLead: boolean; emptyText: string; testId: string }) {
  const { t } = useI18n();
  const { query } = list;
  if (query.error && !query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoader />;
  return (
    <Stack gap="md" style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
      <TaskGroups tasks={list.items} showLead={showLead} emptyText={emptyText} />
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid={testId}>
            {t('plans.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Count({ list }: { list: Paged }): ReactNode {
  const { t } = useI18n();
  if (!list.query.data) return list.query.isFetching ? <Loader size="xs" /> : null;
  return t('myTasks.count', { count: formatNumber(list.total) });
}

export default function MyTasksPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const tab = search.get('xem') === 'qua-han' ? 'overdue' : 'mine';
  const role = search.get('vai') === 'tat-ca' ? 'any' : 'lead';
  const statusParam = search.get('trang-thai');
  const status = (TASK_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as TaskStatus) : undefined;
  const hasOrg = can('plans.myTasks');

  const mine = usePagedApi(plansApi.mine, { query: { role, status, limit: 100 } }, { enabled: !!user && hasOrg && tab === 'mine' });
  // every overdue task of every plan, each with its units and periods: a page of 30 at a time (a
  // Ministry officer on a phone), "more" below
  const overdue = usePagedApi(plansApi.overdue, { query: { limit: 30 } }, { enabled: !!user && tab === 'overdue' });

  const go = (next: { tab?: string; role?: string; status?: TaskStatus | null }) => {
    const p = new URLSearchParams();
    if ((next.tab ?? tab) === 'overdue') p.set('xem', 'qua-han');
    if ((next.role ?? role) === 'any') p.set('vai', 'tat-ca');
    // the status filter (a home count's link) stays until cleared
    const keep = next.status === undefined ? status : next.status;
    if (keep) p.set('trang-thai', keep);
    const s = p.toString();
    navigate(`/nhiem-vu${s ? `?${s}` : ''}`, { replace: true });
  };

  if (user === undefined) return <PageLoader />;
  if (!user)
    return (
      <Stack>
        <Title order={1}>{t('myTasks.title')}</Title>
        <SignInPrompt />
      </Stack>
    );

  const unit = user.organisation?.shortName ?? user.organisation?.name ?? '';

  return (
    <Stack gap="md" data-testid="my-tasks">
      <div>
        <Title order={1}>{t('myTasks.title')}</Title>
        {hasOrg && <Text c="dimmed">{t('myTasks.help', { unit })}</Text>}
      </div>
      <Tabs value={tab} onChange={(v) => go({ tab: v ?? 'mine' })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="mine" data-testid="tab-mine">
            {t('myTasks.tab.mine')}
          </Tabs.Tab>
          <Tabs.Tab value="overdue" data-testid="tab-overdue">
            {t('myTasks.tab.overdue')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="mine" pt="md">
          {!hasOrg ? (
            <Alert color="yellow">{t('myTasks.noOrg')}</Alert>
          ) : (
            <Stack gap="md">
              <Group justify="space-between" wrap="wrap" gap="sm" align="flex-end">
                <div>
                  <Text size="sm" fw={500} id="my-tasks-role">
                    {t('myTasks.role')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="my-tasks-role"
                    value={role}
                    onChange={(v) => go({ role: v })}
                    data={[
                      { value: 'lead', label: t('myTasks.role.lead') },
                      { value: 'any', label: t('myTasks.role.any') },
                    ]}
                    data-testid="my-tasks-role"
                  />
                </div>
                <Text size="sm" c="dimmed" aria-live="polite" data-testid="my-tasks-count">
                  <Count list={mine} />
                </Text>
              </Group>
              {status && (
                <Group gap="xs" data-testid="my-tasks-filter" role="status">
                  <Text size="sm">{t('myTasks.filteredBy')}</Text>
                  <Badge variant="light" size="lg">
                    {t(`taskStatus.${status}`)}
                  </Badge>
                  <Button variant="subtle" size="compact-sm" onClick={() => go({ status: null })} data-testid="my-tasks-filter-clear">
                    {t('myTasks.clearFilter')}
                  </Button>
                </Group>
              )}
              <PagedTasks list={mine} showLead={role === 'any'} emptyText={t('myTasks.empty')} testId="my-tasks-more" />
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="overdue" pt="md">
          <Stack gap="md">
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed">
                {t('myTasks.overdueHelp')}
              </Text>
              <Text size="sm" c="dimmed" aria-live="polite">
                <Count list={overdue} />
              </Text>
            </Group>
            <PagedTasks list={overdue} showLead emptyText={t('myTasks.overdueEmpty')} testId="overdue-more" />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
