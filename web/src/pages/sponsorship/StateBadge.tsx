import { Badge } from '@mantine/core';
import type { SponsorshipPlan } from '../../../../contracts/sponsorship';
import { useI18n } from '../../i18n';

const COLORS = { draft: 'gray', submitted: 'blue', returned: 'orange', approved: 'green' } as const;

/** A plan's state, and "overdue" beside it while it waits past its 15 days. */
export function PlanStateBadge({ plan }: { plan: Pick<SponsorshipPlan, 'state' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <>
      <Badge color={COLORS[plan.state]} variant="light" style={{ textTransform: 'none' }} data-testid="sp-state">
        {t(`sp.state.${plan.state}`)}
      </Badge>
      {plan.overdue && (
        <Badge color="red" variant="filled" ml={4} style={{ textTransform: 'none' }} data-testid="sp-overdue">
          {t('sp.overdue')}
        </Badge>
      )}
    </>
  );
}
