import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { plansApi } from '../../../../contracts/plans';
import type { ResponseOf } from '../../../../contracts/http';
import { callForm } from '../../api/call';
import type { ImportRowError } from '../../../../contracts/common';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/common';
import { ImportErrorReport } from '../../components/ImportErrorReport';
import { ImportFileInput, useImportFile } from '../../components/ImportFileInput';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useInvalidate } from '../../lib/query';


/** Import a plan's tasks from a sheet with the appendix columns (the plan's issuer); every bad row is listed. */
export function TaskImport({ planKey }: { planKey: string }) {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const picked = useImportFile();
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ResponseOf<typeof plansApi.importTasks> | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    setRowErrors(null);
    setError(null);
    const file = picked.check();
    if (!file) return;
    setProgress(0);
    try {
      const r = await callForm(plansApi.importTasks, { params: { id: planKey }, files: [file], fileField: 'file' }, setProgress);
      setResult(r);
      picked.setFile(null);
      await invalidate(plansApi.importTasks.tags[0]);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      if (apiErr.rowErrors.length) setRowErrors(apiErr.rowErrors);
      else setError(apiErr);
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  const shown = Math.round((progress ?? 0) * 100);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('plan.importHelp')}
      </Text>
      <form onSubmit={onSubmit} noValidate data-testid="plan-import-form">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <ImportFileInput state={picked} inputTestId="plan-import-file" disabled={busy} miw={260} style={{ flex: 1 }} />
          <Button type="submit" loading={busy} data-testid="plan-import-submit">
            {t('import.submit')}
          </Button>
        </Group>
      </form>
      {busy && (
        <Stack gap={4} aria-live="polite">
          <Progress value={shown} animated={shown >= 100} striped={shown >= 100} aria-label={t('plan.import')} />
          <Text size="sm" c="dimmed">
            {shown >= 100 ? t('import.processing') : t('import.uploading', { percent: shown })}
          </Text>
        </Stack>
      )}
      {error && <ErrorAlert error={error} />}
      {result && (
        <Alert color="green" data-testid="plan-import-success">
          {t('plan.importSuccess', { created: formatNumber(result.created), assignments: formatNumber(result.assignments) })}
        </Alert>
      )}
      {rowErrors && <ImportErrorReport errors={rowErrors} />}
    </Stack>
  );
}
