import { Alert, Anchor, Button, Card, Group, SegmentedControl, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { tasksApi, type TaskView } from '../../api';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { leadsText, StatusBadge, taskDeadline, timesText } from './shared';

interface PlanGroup {
  key: string;
  number: string;
  tasks: TaskView[];
}

function groupByPlan(tasks: TaskView[]): PlanGroup[] {
  const groups = new Map<string, PlanGroup>();
  for (const t of tasks) {
    const g = groups.get(t.planKey) ?? groups.set(t.planKey, { key: t.planKey, number: t.planNumber, tasks: [] }).get(t.planKey)!;
    g.tasks.push(t);
  }
  return [...groups.values()];
}

function TaskGroups({ tasks, showLead, emptyText }: { tasks: TaskView[]; showLead: boolean; emptyText: string }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  if (!tasks.length) return <Text c="dimmed">{emptyText}</Text>;
  return (
    <Stack gap="lg">
      {groupByPlan(tasks).map((g) => (
        <Stack key={g.key} gap="xs" component="section" aria-labelledby={`plan-${g.key}`} data-testid="task-group" data-plan={g.number}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={2} size="h4" id={`plan-${g.key}`}>
              <Anchor component={Link} href={`/ke-hoach/${g.key}`} inherit>
                {g.number || t('plans.noNumber')}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              {t('myTasks.count', { count: formatNumber(g.tasks.length) })}
            </Text>
          </Group>
          {phone ? (
            <Stack gap="xs">
              {g.tasks.map((task) => (
                <Card key={task.id} withBorder padding="sm" data-testid="task-row">
                  <Stack gap={4}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Anchor component={Link} href={`/nhiem-vu/${task.id}`} fw={600} size="sm">
                        {t('task.title', { number: task.number })}
                      </Anchor>
                      <StatusBadge status={task.status} />
                    </Group>
                    <Text size="sm" lineClamp={4}>
                      {task.content}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {showLead ? `${leadsText(task)} · ` : ''}
                      {timesText(task)} · {t('task.due', { date: formatDate(taskDeadline(task)) })}
                    </Text>
                  </Stack>
                </Card>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={760} type="native">
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{t('taskCol.number')}</Table.Th>
                    <Table.Th>{t('taskCol.content')}</Table.Th>
                    {showLead && <Table.Th w={180}>{t('taskCol.lead')}</Table.Th>}
                    <Table.Th w={140}>{t('taskCol.time')}</Table.Th>
                    <Table.Th w={100}>{t('taskCol.deadline')}</Table.Th>
                    <Table.Th w={140}>{t('taskCol.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {g.tasks.map((task) => (
                    <Table.Tr key={task.id} data-testid="task-row">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Anchor component={Link} href={`/nhiem-vu/${task.id}`} size="sm" fw={600} aria-label={t('task.title', { number: task.number })}>
                          {task.number}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} href={`/nhiem-vu/${task.id}`} size="sm" c="inherit" tabIndex={-1}>
                          <Text size="sm" lineClamp={3} span>
                            {task.content}
                          </Text>
                        </Anchor>
                      </Table.Td>
                      {showLead && (
                        <Table.Td>
                          <Text size="sm">{leadsText(task)}</Text>
                        </Table.Td>
                      )}
                      <Table.Td>
                        <Text size="sm">{timesText(task)}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(taskDeadline(task))}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={task.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

export default function MyTasksPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const tab = search.get('xem') === 'qua-han' ? 'overdue' : 'mine';
  const role = search.get('vai') === 'tat-ca' ? 'any' : 'lead';
  const hasOrg = !!user?.organisation;

  const mine = useAsync((signal) => tasksApi.mine(role, undefined, signal), [role, user?.id], !!user && hasOrg && tab === 'mine');
  const overdue = useAsync((signal) => tasksApi.overdue(undefined, signal), [user?.id], !!user && tab === 'overdue');

  const go = (next: { tab?: string; role?: string }) => {
    const p = new URLSearchParams();
    const nt = next.tab ?? tab;
    const nr = next.role ?? role;
    if (nt === 'overdue') p.set('xem', 'qua-han');
    if (nr === 'any') p.set('vai', 'tat-ca');
    const s = p.toString();
    navigate(`/nhiem-vu${s ? `?${s}` : ''}`, { replace: true });
  };

  if (user === undefined) return <PageLoader />;
  if (!user)
    return (
      <Stack>
        <Title order={1}>{t('myTasks.title')}</Title>
        <Alert color="blue">
          <Stack gap="xs">
            <Text size="sm">{t('common.signInRequired')}</Text>
            <div>
              <Button component={Link} href={signInHref()} size="xs">
                {t('nav.signIn')}
              </Button>
            </div>
          </Stack>
        </Alert>
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
                {mine.data && (
                  <Text size="sm" c="dimmed" aria-live="polite" data-testid="my-tasks-count">
                    {t('myTasks.count', { count: formatNumber(mine.data.items.length) })}
                  </Text>
                )}
              </Group>
              {mine.error && <ErrorAlert error={mine.error} onRetry={mine.reload} />}
              {mine.loading && !mine.data && <PageLoader />}
              {mine.data && (
                <div style={{ opacity: mine.loading ? 0.6 : 1 }}>
                  <TaskGroups tasks={mine.data.items} showLead={role === 'any'} emptyText={t('myTasks.empty')} />
                </div>
              )}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="overdue" pt="md">
          <Stack gap="md">
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed">
                {t('myTasks.overdueHelp')}
              </Text>
              {overdue.data && (
                <Text size="sm" c="dimmed" aria-live="polite">
                  {t('myTasks.count', { count: formatNumber(overdue.data.items.length) })}
                </Text>
              )}
            </Group>
            {overdue.error && <ErrorAlert error={overdue.error} onRetry={overdue.reload} />}
            {overdue.loading && !overdue.data && <PageLoader />}
            {overdue.data && <TaskGroups tasks={overdue.data.items} showLead emptyText={t('myTasks.overdueEmpty')} />}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
