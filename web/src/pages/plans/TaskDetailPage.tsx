import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { plansApi } from '../../../../contracts/plans';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { QueryView, useApi } from '../../lib/query';
import { Link } from '../../lib/router';
import { StatusBadge } from './shared';
import { Assignment, Fields, Row } from './TaskAssignment';
import { UpdateForm } from './UpdateForm';
import { UpdateHistory } from './UpdateHistory';
import { TaskRecords } from '../activities/TaskRecords';
import { TaskAssessments } from '../assessments/TaskAssessments';
import { TaskBudget } from '../budgets/TaskBudget';

export default function TaskDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id;
  const validId = /^[0-9a-f-]{36}$/i.test(id);
  const detail = useApi(plansApi.task, { params: { id }, query: {} }, { enabled: validId });

  const myTasks = (
    <Anchor component={Link} href="/nhiem-vu" size="sm">
      {t('nav.myTasks')}
    </Anchor>
  );
  if (!validId || detail.error?.status === 404 || detail.error?.status === 400 || detail.error?.status === 422)
    return (
      <Stack>
        {myTasks}
        <Alert color="yellow" title={t('task.notFound')}>
          {detail.error?.detail ?? ''}
        </Alert>
      </Stack>
    );

  return (
    <QueryView query={detail}>
      {({ task, updates, can }) => (
        <Stack gap="md">
          <Group gap="xs" wrap="wrap">
            <Anchor component={Link} href={`/ke-hoach/${task.planKey}`} size="sm" data-testid="task-plan-link">
              ← {t('task.backToPlan', { number: task.planNumber || t('plans.noNumber') })}
            </Anchor>
            <Text size="sm" c="dimmed" aria-hidden="true">
              ·
            </Text>
            {myTasks}
          </Group>
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Title order={1} size="h2" data-testid="task-title">
              {t('task.title', { number: task.number })}
            </Title>
            <StatusBadge status={task.status} size="md" />
          </Group>

          <Card withBorder>
            <Fields>
              {task.sectionCode && (
                <Row label={t('task.section')}>
                  {task.sectionCode}. {task.sectionTitle}
                </Row>
              )}
              <Row label={t('task.content')}>
                <Text size="sm" data-testid="task-content" style={{ whiteSpace: 'pre-line' }}>
                  {task.content}
                </Text>
              </Row>
              {task.legalBasis && <Row label={t('task.legalBasis')}>{task.legalBasis}</Row>}
              {task.notes && <Row label={t('task.notes')}>{task.notes}</Row>}
              {task.budget && <Row label={t('task.budget')}>{task.budget}</Row>}
            </Fields>
          </Card>

          <Stack gap="xs" component="section" aria-labelledby="assignments-title">
            <Title order={2} size="h4" id="assignments-title">
              {t('task.assignments', { count: formatNumber(task.assignments.length) })}
            </Title>
            <SimpleGrid cols={{ base: 1, lg: task.assignments.length > 1 ? 2 : 1 }} spacing="sm">
              {task.assignments.map((a, i) => (
                <Assignment key={a.id} a={a} n={i + 1} total={task.assignments.length} />
              ))}
            </SimpleGrid>
          </Stack>

          <TaskRecords taskId={task.id} records={task.records} />

          <TaskAssessments taskId={task.id} />
          <TaskBudget taskId={task.id} />

          {can.postUpdate && <UpdateForm key={task.id} taskId={task.id} taskNumber={task.number} assignments={task.assignments.filter((a) => a.can.postUpdate)} />}

          <UpdateHistory updates={updates} />
        </Stack>
      )}
    </QueryView>
  );
}
