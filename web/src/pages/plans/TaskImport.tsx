import { plansApi } from '../../../../contracts/plans';
import { callForm } from '../../api/call';
import { ImportCard, ImportDone, useImportSubmit } from '../../components/ImportCard';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useInvalidate } from '../../lib/query';

/** Import a plan's tasks from a sheet with the appendix columns (the plan's issuer); every bad row is listed. */
export function TaskImport({ planKey }: { planKey: string }) {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const sheet = useImportSubmit(
    (file, progress) => callForm(plansApi.importTasks, { params: { id: planKey }, files: [file], fileField: 'file' }, progress),
    () => invalidate(plansApi.importTasks.tags[0]),
  );
  return (
    <ImportCard
      state={sheet}
      testId="plan-tasks-import"
      help={t('plan.importHelp')}
      success={(r) => <ImportDone testId="plan-tasks-import-success">{t('plan.importSuccess', { created: formatNumber(r.created), assignments: formatNumber(r.assignments) })}</ImportDone>}
    />
  );
}
