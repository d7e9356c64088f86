import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Task } from '../../../../contracts/plans';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { Link } from '../../lib/router';
import { leadsText, StatusBadge, taskDeadline, timesText } from './shared';

/**
 * Tasks: a table on wide screens, cards on phones. A plan's own task list by default; `grouped` is the
 * variant used under a plan heading in "my tasks" (titled cards, labelled numbers, lead column optional).
 */
export function TaskTable({ tasks, grouped = false, showLead = true }: { tasks: Task[]; grouped?: boolean; showLead?: boolean }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  const testId = grouped ? undefined : 'plan-tasks';
  if (!tasks.length) return <Text c="dimmed">{t('plan.tasksEmpty')}</Text>;
  if (phone)
    return (
      <Stack gap="xs" data-testid={testId}>
        {tasks.map((task) => (
          <Card key={task.id} withBorder padding="sm" data-testid="task-row">
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Anchor component={Link} href={`/nhiem-vu/${task.id}`} fw={600} size="sm">
                  {grouped ? t('task.title', { number: task.number }) : task.number}
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
    );
  return (
    <Table.ScrollContainer minWidth={grouped ? 760 : 860} type="native">
      <Table striped highlightOnHover verticalSpacing="xs" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('taskCol.number')}</Table.Th>
            <Table.Th>{t('taskCol.content')}</Table.Th>
            {showLead && <Table.Th w={180}>{t('taskCol.lead')}</Table.Th>}
            <Table.Th w={grouped ? 140 : 130}>{t('taskCol.time')}</Table.Th>
            <Table.Th w={100}>{t('taskCol.deadline')}</Table.Th>
            <Table.Th w={140}>{t('taskCol.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <Table.Tr key={task.id} data-testid="task-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor
                  component={Link}
                  href={`/nhiem-vu/${task.id}`}
                  size="sm"
                  fw={600}
                  aria-label={grouped ? t('task.title', { number: task.number }) : undefined}
                >
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
  );
}
