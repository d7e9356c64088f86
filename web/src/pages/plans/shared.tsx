import { Badge, Box, Card, Group, Stack, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { DateInput } from '@mantine/dates';
import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import { TASK_STATUSES, type Assignment, type StatusTally, type Task, type TaskStatus } from '../../../../contracts/plans';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber, parseVnDate } from '../../lib/format';

/** Status colours: done green, on track blue, at risk orange, overdue red, not started grey. */
export const STATUS_COLORS: Record<TaskStatus, string> = {
  done: 'green',
  on_track: 'blue',
  at_risk: 'orange',
  overdue: 'red',
  not_started: 'gray',
};

/** Order in which a stacked bar shows its parts: finished work first, trouble last. */
export const BAR_ORDER: TaskStatus[] = ['done', 'on_track', 'not_started', 'at_risk', 'overdue'];

export function StatusBadge({ status, size = 'sm' }: { status: TaskStatus; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useI18n();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant={status === 'not_started' ? 'outline' : 'light'}
      size={size}
      radius="sm"
      data-testid="task-status"
      data-status={status}
      style={{ textTransform: 'none', overflow: 'visible', whiteSpace: 'nowrap' }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {t(`taskStatus.${status}`)}
    </Badge>
  );
}

/** A stacked bar of a status tally, with a text equivalent for screen readers. */
export function TallyBar({ tally, height = 12, width }: { tally: StatusTally; height?: number; width?: number | string }) {
  const { t } = useI18n();
  const total = TASK_STATUSES.reduce((n, s) => n + tally[s], 0);
  const parts = BAR_ORDER.filter((s) => tally[s] > 0)
    .map((s) => `${t(`taskStatus.${s}`)} ${formatNumber(tally[s])}`)
    .join(', ');
  const label = t('plans.tally', { count: formatNumber(total), parts: parts || '—' });
  return (
    <Tooltip label={label} multiline maw={320} withinPortal>
      <Box
        role="img"
        aria-label={label}
        style={{
          display: 'flex',
          width: width ?? '100%',
          minWidth: 80,
          height,
          borderRadius: height / 2,
          overflow: 'hidden',
          background: 'var(--mantine-color-gray-2)',
        }}
      >
        {total > 0 &&
          BAR_ORDER.filter((s) => tally[s] > 0).map((s) => (
            <span
              key={s}
              style={{ width: `${(tally[s] * 100) / total}%`, background: `var(--mantine-color-${STATUS_COLORS[s]}-${s === 'not_started' ? 4 : 6})` }}
            />
          ))}
      </Box>
    </Tooltip>
  );
}

/** Counts per status as small coloured numbers (used next to bars in tables). */
export function TallyCounts({ tally }: { tally: StatusTally }) {
  const { t } = useI18n();
  return (
    <Group gap={6} wrap="wrap">
      {BAR_ORDER.filter((s) => tally[s] > 0).map((s) => (
        <Text key={s} size="xs" c={`${STATUS_COLORS[s]}.8`} title={t(`taskStatus.${s}`)} style={{ whiteSpace: 'nowrap' }}>
          <span aria-hidden="true">●</span> {formatNumber(tally[s])} <VisuallyHidden>{t(`taskStatus.${s}`)}</VisuallyHidden>
        </Text>
      ))}
    </Group>
  );
}

export function StatusLegend() {
  const { t } = useI18n();
  return (
    <Group gap="md" wrap="wrap" role="list" aria-label={t('plans.legend')}>
      {BAR_ORDER.map((s) => (
        <Group key={s} gap={6} wrap="nowrap" role="listitem">
          <span
            aria-hidden="true"
            style={{ width: 12, height: 12, borderRadius: 3, display: 'inline-block', background: `var(--mantine-color-${STATUS_COLORS[s]}-${s === 'not_started' ? 4 : 6})` }}
          />
          <Text size="xs">{t(`taskStatus.${s}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** The "as of" date: a date picker in dd/mm/yyyy whose value is YYYY-MM-DD (or empty for today). */
export function AsOfInput({ value, onChange, testId = 'as-of' }: { value: string | undefined; onChange: (iso: string | undefined) => void; testId?: string }) {
  const { t, lang } = useI18n();
  return (
    <DateInput
      label={t('asOf.label')}
      placeholder={t('asOf.placeholder')}
      description={t('asOf.help')}
      value={value ?? null}
      onChange={(v) => onChange(v ? v.slice(0, 10) : undefined)}
      valueFormat="DD/MM/YYYY"
      dateParser={(input) => parseVnDate(input)}
      locale={lang === 'vi' ? 'vi' : 'en'}
      clearable
      maw={260}
      data-testid={testId}
      popoverProps={{ withinPortal: true }}
    />
  );
}

/** `?ngay=YYYY-MM-DD` keeps the chosen date in a shareable link. */
export function asOfFrom(search: URLSearchParams): string | undefined {
  const v = search.get('ngay');
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

/** The deadline of an assignment: its due date, else the end of its window (or of this year's period). */
export function deadlineOf(a: Assignment): string {
  const period = isRecurring(a) ? a.leads.find((l) => l.period)?.period : undefined;
  if (period) {
    // a year ('2024') ends on 31/12, a school year ('2025-2026') on 31/8
    const end = a.window.kind === 'every_school_year' ? `${period.slice(5)}-08-31` : `${period}-12-31`;
    return [end, a.window.to].sort()[0];
  }
  return a.window.due ?? a.window.to;
}

/** Whether an assignment is judged period by period: each year, or each school year. */
export const isRecurring = (a: Assignment) => a.window.kind === 'every_year' || a.window.kind === 'every_school_year';

/** The deadline to show for a task: the nearest among its unfinished assignments, else the last. */
export function taskDeadline(task: Task): string | null {
  const open = task.assignments.filter((a) => a.status !== 'done').map(deadlineOf).sort();
  if (open.length) return open[0];
  const all = task.assignments.map(deadlineOf).sort();
  return all.at(-1) ?? null;
}

export function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export function leadsText(task: Task): string {
  return uniq(task.assignments.map((a) => a.leadText)).join('; ');
}

export function timesText(task: Task): string {
  return uniq(task.assignments.map((a) => a.timeText)).join('; ');
}

export function dateRange(from: string | null, to: string | null): string {
  if (!from && !to) return '—';
  return `${formatDate(from)} – ${formatDate(to)}`;
}


/** A labelled value of a record's header. */
export function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** A titled card section of a page, with optional actions beside the title. */
export function Section({ title, children, testId, actions }: { title: string; children: ReactNode; testId?: string; actions?: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title} data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4">
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
