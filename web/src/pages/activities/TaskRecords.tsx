import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { TaskRecords as Records } from '../../../../contracts/plans';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { useActivities } from './api';

/** On a task's page: its countable deliverable as reached ("1 / 2") and the records that serve the task. */
export function TaskRecords({ taskId, records }: { taskId: string; records: Records | null }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useActivities({ taskId, limit: 50 });
  const items = list.data?.items ?? [];
  if (!records && items.length === 0 && !can('activities.create')) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="task-records-title">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4" id="task-records-title">{t('act.onTask')}</Title>
        {can('activities.create') && <Button component={Link} href={`/hoat-dong/moi?nhiem-vu=${taskId}`} variant="light" size="xs" data-testid="task-record-new">{t('act.new')}</Button>}
      </Group>
      {records && (
        <Group gap="xs">
          <Badge size="lg" variant="light" color={records.target && records.count >= records.target ? 'green' : 'blue'} data-testid="task-records-count">
            {records.target ? `${formatNumber(records.count)} / ${formatNumber(records.target)}` : formatNumber(records.count)}
          </Badge>
          <Text size="sm">{records.text}</Text>
        </Group>
      )}
      {items.map((a) => (
        <Text key={a.id} size="sm" data-testid="task-record">
          {formatDate(a.startsOn)} · <Anchor component={Link} href={`/hoat-dong/${a.id}`}>{a.title}</Anchor> · {t(`act.kind.${a.kind}`)} · {t(`act.state.${a.state}`)}
        </Text>
      ))}
      {items.length === 0 && <Text size="sm" c="dimmed">{t('act.noneOnTask')}</Text>}
      {(list.data?.total ?? 0) > items.length && <Anchor component={Link} href={`/hoat-dong?nhiem-vu=${taskId}`} size="sm">{t('act.allOfTask')}</Anchor>}
    </Stack>
  );
}
