import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Task } from '../../../../contracts/plans';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { leadsText, StatusBadge, taskDeadline, timesText } from './shared';

/** Tasks of several plans, grouped by plan (in the order the list gives them). */
interface PlanGroup {
  key: string;
  number: string;
  tasks: Task[];
}

function groupByPlan(tasks: Task[]): PlanGroup[] {
  const groups = new Map<string, PlanGroup>();
  for (const t of tasks) {
    const g = groups.get(t.planKey) ?? groups.set(t.planKey, { key: t.planKey, number: t.planNumber, tasks: [] }).get(t.planKey)!;
    g.tasks.push(t);
  }
  return [...groups.values()];
}

export function TaskGroups({ tasks, showLead, emptyText }: { tasks: Task[]; showLead: boolean; emptyText: string }) {
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
