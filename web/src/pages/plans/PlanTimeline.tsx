import { Box, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import type { Task, TaskStatus } from '../../../../contracts/plans';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { Link } from '../../lib/router';
import { STATUS_COLORS } from './shared';

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const ROW = 24;
const HEADER = 36;

interface Bar {
  key: string;
  taskId: string;
  number: string;
  lead: string;
  from: string;
  to: string;
  status: TaskStatus;
}

/**
 * A Gantt-like view: one bar per assignment from its window's start to its deadline, coloured by
 * status, with a line at the date shown. Plain divs; scrolls sideways on small screens.
 */
export function PlanTimeline({ tasks, asOf }: { tasks: Task[]; asOf: string }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  const labelWidth = phone ? 104 : 190;

  const bars: Bar[] = useMemo(
    () =>
      tasks.flatMap((task) =>
        task.assignments.map((a) => ({
          key: a.id,
          taskId: task.id,
          number: task.number,
          lead: a.leads.map((l) => l.shortName ?? l.name).join(', ') || a.leadText,
          from: a.window.from,
          to: a.window.due ?? a.window.to,
          status: a.status,
        })),
      ),
    [tasks],
  );

  if (!bars.length) return <Text c="dimmed">{t('plan.timelineEmpty')}</Text>;

  // the span drawn: whole months around the earliest start and the latest deadline
  const minIso = bars.map((b) => b.from).sort()[0];
  const maxIso = bars.map((b) => b.to).sort()[bars.length - 1];
  const startY = Number(minIso.slice(0, 4));
  const startM = Number(minIso.slice(5, 7)) - 1;
  const endY = Number(maxIso.slice(0, 4));
  const endM = Number(maxIso.slice(5, 7)) - 1;
  const start = Date.UTC(startY, startM, 1);
  const end = Date.UTC(endY, endM + 1, 1);
  const months = (endY - startY) * 12 + (endM - startM) + 1;
  const monthPx = months <= 12 ? 64 : months <= 36 ? 32 : 22;
  const trackWidth = Math.max(months * monthPx, 480);
  const x = (t0: number) => ((t0 - start) / (end - start)) * trackWidth;

  const ticks: { left: number; label: string; year: boolean }[] = [];
  for (let i = 0; i < months; i++) {
    const y = startY + Math.floor((startM + i) / 12);
    const m = (startM + i) % 12;
    ticks.push({ left: x(Date.UTC(y, m, 1)), label: m === 0 || i === 0 ? String(y) : String(m + 1), year: m === 0 || i === 0 });
  }
  const asOfT = ms(asOf);
  const asOfInside = asOfT >= start && asOfT < end;
  const asOfX = asOfInside ? x(asOfT) : asOfT < start ? 0 : trackWidth;

  return (
    <Box
      data-testid="plan-timeline"
      style={{ overflowX: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
      tabIndex={0}
      role="region"
      aria-label={t('plan.timeline')}
    >
      <div style={{ position: 'relative', width: labelWidth + trackWidth, minWidth: '100%' }}>
        {/* header: years and months */}
        <div style={{ display: 'flex', height: HEADER, borderBottom: '1px solid var(--mantine-color-gray-3)' }} aria-hidden="true">
          <div style={{ width: labelWidth, flex: 'none', position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 2 }} />
          <div style={{ position: 'relative', width: trackWidth, flex: 'none' }}>
            {ticks.map((tk) => (
              <span
                key={tk.left}
                style={{
                  position: 'absolute',
                  left: tk.left,
                  top: tk.year ? 4 : 18,
                  paddingLeft: 3,
                  fontSize: tk.year ? 12 : 10,
                  fontWeight: tk.year ? 600 : 400,
                  color: tk.year ? 'var(--mantine-color-text)' : 'var(--mantine-color-dimmed)',
                  borderLeft: `1px solid var(--mantine-color-gray-${tk.year ? 5 : 3})`,
                  height: tk.year ? HEADER - 4 : HEADER - 18,
                  whiteSpace: 'nowrap',
                }}
              >
                {monthPx >= 22 || tk.year ? tk.label : ''}
              </span>
            ))}
          </div>
        </div>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, position: 'relative' }}>
          {bars.map((b, i) => {
            const left = x(ms(b.from));
            const width = Math.max(x(ms(b.to) + DAY) - left, 4);
            const color = `var(--mantine-color-${STATUS_COLORS[b.status]}-${b.status === 'not_started' ? 4 : 6})`;
            const label = t('plan.timelineBar', { number: b.number, lead: b.lead, from: formatDate(b.from), to: formatDate(b.to), status: t(`taskStatus.${b.status}`) });
            return (
              <li key={b.key} style={{ display: 'flex', height: ROW, background: i % 2 ? 'var(--mantine-color-gray-0)' : undefined }}>
                <div
                  style={{
                    width: labelWidth,
                    flex: 'none',
                    position: 'sticky',
                    left: 0,
                    zIndex: 1,
                    background: i % 2 ? 'var(--mantine-color-gray-0)' : 'var(--mantine-color-body)',
                    borderRight: '1px solid var(--mantine-color-gray-3)',
                    padding: '0 6px',
                    fontSize: 12,
                    lineHeight: `${ROW}px`,
                    whiteSpace: 'nowrap',
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                  }}
                  title={label}
                >
                  <Link href={`/nhiem-vu/${b.taskId}`} style={{ color: 'var(--mantine-color-anchor)', textDecoration: 'none' }}>
                    <strong>{b.number}</strong> <span aria-hidden="true">· {b.lead}</span>
                    <VisuallyHidden>{label}</VisuallyHidden>
                  </Link>
                </div>
                <div style={{ position: 'relative', width: trackWidth, flex: 'none' }} aria-hidden="true">
                  <span
                    title={label}
                    style={{ position: 'absolute', left, width, top: 5, height: ROW - 10, borderRadius: 3, background: color, opacity: b.status === 'done' ? 0.85 : 1 }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
        {/* the date shown */}
        <div
          aria-hidden="true"
          style={{ position: 'absolute', top: 0, bottom: 0, left: labelWidth + asOfX, width: 0, borderLeft: '2px solid var(--mantine-color-red-7)', zIndex: 0, pointerEvents: 'none' }}
        >
          <span
            style={{
              position: 'absolute',
              top: 2,
              [asOfX > trackWidth - 90 ? 'right' : 'left']: 3,
              fontSize: 10,
              color: 'var(--mantine-color-red-8)',
              background: 'var(--mantine-color-body)',
              padding: '0 2px',
              whiteSpace: 'nowrap',
            }}
          >
            {formatDate(asOf)}
          </span>
        </div>
      </div>
    </Box>
  );
}
