import { Alert, Anchor, Badge, Box, Card, Group, List, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { tasksApi, type AssignmentView, type TaskUpdate, type UnitView } from '../../api';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { dateRange, deadlineOf, StatusBadge } from './shared';
import { UpdateForm } from './UpdateForm';

const STATE_COLORS: Record<string, string> = { in_progress: 'blue', done: 'green', blocked: 'orange' };

/** Label/value pairs: side by side on wide screens, label above value on phones. */
function Fields({ children }: { children: ReactNode }) {
  return (
    <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', rowGap: 10 }}>
      {children}
    </Box>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Box style={{ display: 'grid', gridTemplateColumns: phone ? 'minmax(0, 1fr)' : '190px minmax(0, 1fr)', columnGap: 16, rowGap: 2 }}>
      <Text component="dt" size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Box component="dd" m={0} style={{ fontSize: 'var(--mantine-font-size-sm)' }}>
        {children}
      </Box>
    </Box>
  );
}

function LeadUnit({ u }: { u: UnitView }) {
  const { t } = useI18n();
  return (
    <Stack gap={4} data-testid="assignment-lead">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          {u.shortName ?? u.name}
        </Text>
        {u.status && <StatusBadge status={u.status} size="xs" />}
        {u.period && (
          <Text size="xs" c="dimmed">
            {t('history.period', { period: u.period })}
          </Text>
        )}
      </Group>
      <Group gap="xs" wrap="nowrap" maw={360}>
        <Progress value={u.percent ?? 0} size="sm" style={{ flex: 1 }} color={u.status === 'done' ? 'green' : 'blue'} aria-label={`${u.shortName ?? u.name}: ${formatNumber(u.percent ?? 0)}%`} />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {u.percent != null ? t('task.percent', { percent: formatNumber(u.percent) }) : '—'} ·{' '}
          {u.lastReportedOn ? t('task.lastReport', { date: formatDate(u.lastReportedOn) }) : t('task.noReport')}
        </Text>
      </Group>
      {u.periods && u.periods.length > 1 && (
        <Group gap={4} wrap="wrap" aria-label={t('task.periods')}>
          {u.periods.map((p) => (
            <Badge key={p.key} size="xs" variant="dot" color={p.status === 'done' ? 'green' : p.status === 'overdue' ? 'red' : p.status === 'at_risk' ? 'orange' : p.status === 'on_track' ? 'blue' : 'gray'} style={{ textTransform: 'none' }}>
              {p.key}: {t(`taskStatus.${p.status}`)}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

function Assignment({ a, n, total }: { a: AssignmentView; n: number; total: number }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm" data-testid="assignment">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} size="sm">
            {total > 1 ? t('task.assignment', { n }) : t('task.lead')}: {a.leadText}
          </Text>
          <StatusBadge status={a.status} />
        </Group>
        <Fields>
              <Row label={t('task.leadUnits')}>
                {a.leads.length ? (
                  <Stack gap="sm">
                    {a.leads.map((u) => (
                      <LeadUnit key={u.id} u={u} />
                    ))}
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('task.noUnits')}
                  </Text>
                )}
              </Row>
              <Row label={t('task.partners')}>
                <Text size="sm">{a.partnerText ?? '—'}</Text>
                {a.partners.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {a.partners.map((p) => p.shortName ?? p.name).join(', ')}
                  </Text>
                )}
              </Row>
              <Row label={t('task.time')}>
                <Text size="sm">
                  {t('task.timeWritten')}: <strong>{a.timeText}</strong>
                </Text>
                <Text size="sm">
                  {t('task.timeDates')}: {dateRange(a.window.from, a.window.to)}
                  {a.window.due && a.window.due !== a.window.to ? ` (${t('task.due', { date: formatDate(a.window.due) })})` : ''}
                </Text>
                {a.window.kind === 'every_year' ? (
                  <Text size="xs" c="dimmed">
                    {t('task.everyYear')} · {t('task.due', { date: formatDate(deadlineOf(a)) })}
                  </Text>
                ) : null}
              </Row>
              <Row label={t('task.deliverables')}>
                {a.deliverables.length ? (
                  <List size="sm" spacing={2}>
                    {a.deliverables.map((d) => (
                      <List.Item key={d}>{d}</List.Item>
                    ))}
                  </List>
                ) : (
                  '—'
                )}
              </Row>
        </Fields>
      </Stack>
    </Card>
  );
}

function Multiline({ text }: { text: string | null }) {
  if (!text) return <>—</>;
  return <span style={{ whiteSpace: 'pre-line' }}>{text}</span>;
}

function Files({ u }: { u: TaskUpdate }) {
  if (!u.files.length) return <>—</>;
  return (
    <Stack gap={2}>
      {u.files.map((f) => (
        <Anchor key={f.id} href={tasksApi.fileUrl(f.id)} download={f.name} size="sm" data-testid="update-file-link">
          {f.name}{' '}
          <Text span size="xs" c="dimmed">
            ({formatNumber(Math.max(1, Math.round(f.size / 1024)))} KB)
          </Text>
        </Anchor>
      ))}
    </Stack>
  );
}

function History({ updates }: { updates: TaskUpdate[] }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Card withBorder component="section" aria-labelledby="history-title" data-testid="update-history">
      <Stack gap="sm">
        <Title order={2} size="h4" id="history-title">
          {t('task.history')}
        </Title>
        {updates.length === 0 && <Text c="dimmed">{t('task.historyEmpty')}</Text>}
        {updates.length > 0 && phone && (
          <Stack gap="xs">
            {updates.map((u) => (
              <Card key={u.id} withBorder padding="sm" data-testid="update-row">
                <Stack gap={4}>
                  <Group justify="space-between" wrap="wrap" gap={4}>
                    <Text size="sm" fw={600}>
                      {formatDate(u.reportedOn)} · {u.organisationName}
                    </Text>
                    <Badge color={STATE_COLORS[u.state] ?? 'gray'} variant="light" size="sm" style={{ textTransform: 'none' }}>
                      {t(`updateState.${u.state}`)}
                      {u.percent != null ? ` · ${formatNumber(u.percent)}%` : ''}
                    </Badge>
                  </Group>
                  {u.period && <Text size="xs" c="dimmed">{t('history.period', { period: u.period })}</Text>}
                  {u.milestone && (
                    <Text size="sm">
                      <strong>{t('history.milestone')}:</strong> {u.milestone}
                    </Text>
                  )}
                  {u.note && (
                    <Text size="sm">
                      <Multiline text={u.note} />
                    </Text>
                  )}
                  {u.deliverables.length > 0 && (
                    <Text size="sm">
                      <strong>{t('history.deliverables')}:</strong> {u.deliverables.join('; ')}
                    </Text>
                  )}
                  <Files u={u} />
                  {u.author && (
                    <Text size="xs" c="dimmed">
                      {t('history.by', { name: u.author })} · {formatDateTime(u.createdAt)}
                    </Text>
                  )}
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
        {updates.length > 0 && !phone && (
          <Table.ScrollContainer minWidth={900} type="native">
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={100}>{t('history.date')}</Table.Th>
                  <Table.Th w={170}>{t('history.unit')}</Table.Th>
                  <Table.Th w={140}>{t('history.state')}</Table.Th>
                  <Table.Th w={70} style={{ textAlign: 'right' }}>
                    {t('history.percent')}
                  </Table.Th>
                  <Table.Th>{t('history.milestone')}</Table.Th>
                  <Table.Th>{t('history.note')}</Table.Th>
                  <Table.Th>{t('history.deliverables')}</Table.Th>
                  <Table.Th>{t('history.files')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {updates.map((u) => (
                  <Table.Tr key={u.id} data-testid="update-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatDate(u.reportedOn)}</Text>
                      {u.period && (
                        <Text size="xs" c="dimmed">
                          {t('history.period', { period: u.period })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.organisationName}</Text>
                      {u.author && (
                        <Text size="xs" c="dimmed" title={formatDateTime(u.createdAt)}>
                          {t('history.by', { name: u.author })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLORS[u.state] ?? 'gray'} variant="light" size="sm" style={{ textTransform: 'none' }}>
                        {t(`updateState.${u.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{u.percent != null ? `${formatNumber(u.percent)}%` : '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.milestone ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <Multiline text={u.note} />
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {u.deliverables.length ? (
                        <List size="sm" spacing={2}>
                          {u.deliverables.map((d) => (
                            <List.Item key={d}>{d}</List.Item>
                          ))}
                        </List>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Files u={u} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

export default function TaskDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id;
  const detail = useAsync((signal) => tasksApi.get(id, signal), [id]);

  if (detail.loading && !detail.data) return <PageLoader />;
  if (detail.error || !detail.data) {
    return (
      <Stack>
        <Anchor component={Link} href="/nhiem-vu" size="sm">
          ← {t('nav.myTasks')}
        </Anchor>
        {detail.error?.status === 404 || detail.error?.status === 400 ? (
          <Alert color="yellow" title={t('task.notFound')}>
            {detail.error.detail ?? ''}
          </Alert>
        ) : (
          detail.error && <ErrorAlert error={detail.error} onRetry={detail.reload} />
        )}
      </Stack>
    );
  }
  const { task, updates, permissions } = detail.data;
  const postable = task.assignments.filter((a) => permissions.postUpdate[a.id]);

  return (
    <Stack gap="md">
      <Group gap="xs" wrap="wrap">
        <Anchor component={Link} href={`/ke-hoach/${task.planKey}`} size="sm" data-testid="task-plan-link">
          ← {t('task.backToPlan', { number: task.planNumber || t('plans.noNumber') })}
        </Anchor>
        <Text size="sm" c="dimmed" aria-hidden="true">
          ·
        </Text>
        <Anchor component={Link} href="/nhiem-vu" size="sm">
          {t('nav.myTasks')}
        </Anchor>
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

      {postable.length > 0 && <UpdateForm key={task.id} taskId={task.id} taskNumber={task.number} assignments={postable} onPosted={detail.reload} />}

      <History updates={updates} />
    </Stack>
  );
}
