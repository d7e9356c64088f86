import { Button, Group, Text } from '@mantine/core';
import type { PlanBudgetRow } from '../../../../contracts/budgets';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatVnd } from '../../lib/format';
import { ListTable } from '../resources/ListTable';
import { Section } from '../plans/shared';
import { planBudgetExportUrl, usePlanBudget } from './api';
import { SumsTable } from './TaskBudget';

/** On a plan's page: estimate against spending by section and unit; social resources spent come from the ledger. */
export function PlanBudget({ planKey }: { planKey: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const budget = usePlanBudget(planKey, !!user);
  if (!user || !budget.data) return null;
  const b = budget.data;
  return (
    <Section
      title={t('bud.plan.title')}
      testId="plan-budget"
      actions={
        <Group gap="xs">
          <Button component="a" href={planBudgetExportUrl(planKey, 'xlsx')} download variant="light" size="xs" data-testid="plan-budget-xlsx">{t('schools.exportXlsx')}</Button>
          <Button component="a" href={planBudgetExportUrl(planKey, 'csv')} download variant="light" size="xs" data-testid="plan-budget-csv">{t('schools.exportCsv')}</Button>
        </Group>
      }
    >
      <Text size="sm" c="dimmed">{t('bud.plan.help')}</Text>
      <SumsTable estimate={b.estimate} spending={b.spending} testId="plan-budget-sums" />
      <ListTable<PlanBudgetRow>
        rows={b.rows}
        rowKey={(r) => `${r.sectionCode ?? ''}|${r.unit?.id ?? ''}`}
        rowProps={() => ({ 'data-testid': 'plan-budget-row' })}
        minWidth={900}
        testId="plan-budget-table"
        empty={t('bud.plan.empty')}
        columns={[
          { key: 'section', header: t('bud.col.section'), cell: (r) => (r.sectionCode ? `${r.sectionCode}. ${r.sectionTitle ?? ''}` : '—') },
          { key: 'unit', header: t('bud.col.unit'), cell: (r) => r.unit?.name ?? t('bud.plan.ledger') },
          { key: 'e', header: t('bud.plan.estimateTotal'), numeric: true, cell: (r) => formatVnd(r.estimate.total) },
          { key: 'sb', header: t('bud.plan.spentState'), numeric: true, cell: (r) => formatVnd(r.spending.stateBudget) },
          { key: 'pf', header: t('bud.plan.spentFund'), numeric: true, cell: (r) => formatVnd(r.spending.programmeFund) },
          { key: 'sr', header: t('bud.plan.spentSocial'), numeric: true, cell: (r) => formatVnd(r.spending.socialResources) },
          { key: 's', header: t('bud.plan.spendingTotal'), numeric: true, cell: (r) => formatVnd(r.spending.total) },
        ]}
      />
    </Section>
  );
}
