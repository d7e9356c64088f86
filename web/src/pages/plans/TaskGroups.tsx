import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import type { Task } from '../../../../contracts/plans';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { TaskTable } from './TaskTable';

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
          <TaskTable tasks={g.tasks} grouped showLead={showLead} />
        </Stack>
      ))}
    </Stack>
  );
}
