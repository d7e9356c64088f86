import { Alert, Anchor, Button, Card, FileInput, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { areasApi } from '../../../../contracts/areas';
import type { ImportRowError } from '../../../../contracts/common';
import { schoolsApi } from '../../../../contracts/schools';
import { callForm, endpointUrl } from '../../api/call';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/common';
import { SPREADSHEET_ACCEPT } from '../../components/ImportFileInput';
import { ImportErrorReport } from '../../components/ImportErrorReport';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useInvalidate } from '../../lib/query';

/** Administrators: import area flags (border, island, …) from the same kind of sheet the export gives. */
export function AreaFlagsImport() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [updated, setUpdated] = useState<number | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const invalidate = useInvalidate();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setUpdated(null);
    setRowErrors(null);
    setError(null);
    try {
      setUpdated((await callForm(areasApi.importFlags, { files: [file], fileField: 'file' })).updated);
      await invalidate(areasApi.importFlags.tags[0], schoolsApi.list.tags[0]);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      if (apiErr.rowErrors.length) setRowErrors(apiErr.rowErrors);
      else setError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder data-testid="flags-import">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">{t('import.flags.title')}</Title>
          <Text size="sm" c="dimmed">{t('import.flags.help')}</Text>
          <div>
            <Anchor href={endpointUrl(areasApi.exportFlags, { query: { format: 'xlsx' } })} download>{t('import.flags.template')}</Anchor>
          </div>
          <FileInput label={t('import.file')} placeholder={t('import.filePlaceholder')} accept={SPREADSHEET_ACCEPT} value={file} onChange={setFile} clearable disabled={busy}
            fileInputProps={{ 'data-testid': 'flags-import-file', 'aria-label': t('import.flags.title') } as ComponentProps<'input'>} />
          <Group>
            <Button type="submit" loading={busy} disabled={!file} data-testid="flags-import-submit">{t('import.submit')}</Button>
          </Group>
          {error && <ErrorAlert error={error} />}
          {updated !== null && <Alert color="green" data-testid="flags-import-success">{t('import.flags.success', { count: formatNumber(updated) })}</Alert>}
          {rowErrors && <ImportErrorReport errors={rowErrors} />}
        </Stack>
      </form>
    </Card>
  );
}

