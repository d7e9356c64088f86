import { Badge, Box, Card, Group, List, Progress, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import type { Assignment as AssignmentData, LeadUnit as LeadUnitData } from '../../../../contracts/plans';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { dateRange, deadlineOf, isRecurring, StatusBadge } from './shared';

/** Label/value pairs: side by side on wide screens, label above value on phones. */
export function Fields({ children }: { children: ReactNode }) {
  return (
    <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', rowGap: 10 }}>
      {children}
    </Box>
  );
}

export function Row({ label, children }: { label: string; children: ReactNode }) {
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

function LeadUnit({ u }: { u: LeadUnitData }) {
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

export function Assignment({ a, n, total }: { a: AssignmentData; n: number; total: number }) {
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
                {isRecurring(a) ? (
                  <Text size="xs" c="dimmed">
                    {t(a.window.kind === 'every_school_year' ? 'task.everySchoolYear' : 'task.everyYear')} · {t('task.due', { date: formatDate(deadlineOf(a)) })}
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
