import { Badge } from '@mantine/core';
import type { CaseSummary } from '../../../../contracts/cases';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';

/** The urgent case's 12-working-hour clock: due time and working hours left (or lapsed), or "referred". */
export function ClockBadge({ c }: { c: Pick<CaseSummary, 'clock' | 'firstReferralAt' | 'urgent'> }) {
  const { t } = useI18n();
  if (!c.urgent) return null;
  if (!c.clock) return <Badge color="green" variant="light">{c.firstReferralAt ? t('cases.clock.referred') : t('cases.clock.stopped')}</Badge>;
  const h = Math.abs(c.clock.minutesLeft) / 60;
  const left = `${Math.floor(h)}:${String(Math.abs(c.clock.minutesLeft) % 60).padStart(2, '0')}`;
  return (
    <Badge color={c.clock.lapsed ? 'red' : c.clock.dueSoon ? 'orange' : 'blue'} variant="filled" data-testid="case-clock">
      {c.clock.lapsed ? t('cases.clock.lapsed', { left }) : t('cases.clock.left', { left, due: formatDateTime(c.clock.dueAt) })}
    </Badge>
  );
}
