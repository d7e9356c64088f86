import { areasApi } from '../../../../contracts/areas';
import { schoolsApi } from '../../../../contracts/schools';
import { callForm, endpointUrl } from '../../api/call';
import { ImportCard, ImportDone, useImportSubmit } from '../../components/ImportCard';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useInvalidate } from '../../lib/query';

/** Administrators: import area flags (border, island, …) from the same kind of sheet the export gives. */
export function AreaFlagsImport() {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const sheet = useImportSubmit(
    (file, progress) => callForm(areasApi.importFlags, { files: [file], fileField: 'file' }, progress),
    () => invalidate(areasApi.importFlags.tags[0], schoolsApi.list.tags[0]),
  );
  return (
    <ImportCard
      state={sheet}
      testId="flags-import"
      title={t('import.flags.title')}
      help={t('import.flags.help')}
      label={t('import.flags.title')}
      template={{ href: endpointUrl(areasApi.exportFlags, { query: { format: 'xlsx' } }), label: t('import.flags.template') }}
      success={(r) => <ImportDone testId="flags-import-success">{t('import.flags.success', { count: formatNumber(r.updated) })}</ImportDone>}
    />
  );
}
