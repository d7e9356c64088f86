import { Alert, Anchor, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { auditApi } from '../../../../contracts/audit';
import type { ImportRowError } from '../../../../contracts/common';
import { schoolsApi, type SchoolImportResult } from '../../../../contracts/schools';
import { callForm, endpointUrl } from '../../api/call';
import { ApiError } from '../../api/client';
import { ErrorAlert, PageLoader, SignInPrompt } from '../../components/common';
import { ImportErrorReport } from '../../components/ImportErrorReport';
import { ImportFileInput, useImportFile } from '../../components/ImportFileInput';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useInvalidate } from '../../lib/query';
import { Link } from '../../lib/router';
import { AreaFlagsImport } from './AreaFlagsImport';

type Phase = { kind: 'idle' } | { kind: 'uploading'; fraction: number } | { kind: 'processing' };

export default function ImportSchoolsPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const invalidate = useInvalidate();
  const picked = useImportFile();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [result, setResult] = useState<SchoolImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  if (user === undefined) return <PageLoader />;

  const heading = (
    <div>
      <Title order={1}>{t('import.title')}</Title>
      <Text c="dimmed" maw={760}>
        {t('import.help')}
      </Text>
    </div>
  );

  if (!user)
    return (
      <Stack>
        {heading}
        <SignInPrompt />
      </Stack>
    );
  if (!can('schools.import'))
    return (
      <Stack>
        {heading}
        <Alert color="yellow">{t('import.forbidden')}</Alert>
      </Stack>
    );

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    setRowErrors(null);
    setError(null);
    const file = picked.check();
    if (!file) return;
    setPhase({ kind: 'uploading', fraction: 0 });
    try {
      const res = await callForm(schoolsApi.import, { files: [file], fileField: 'file' }, (fraction) =>
        setPhase(fraction >= 1 ? { kind: 'processing' } : { kind: 'uploading', fraction }),
      );
      setResult(res);
      await invalidate(schoolsApi.import.tags[0], auditApi.history.tags[0]);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      if (apiErr.rowErrors.length) setRowErrors(apiErr.rowErrors);
      else setError(apiErr);
    } finally {
      setPhase({ kind: 'idle' });
    }
  }

  const busy = phase.kind !== 'idle';
  const percent = phase.kind === 'uploading' ? Math.round(phase.fraction * 100) : 100;

  return (
    <Stack gap="md" maw={1000}>
      {heading}
      <Card withBorder>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <div>
              <Anchor href={endpointUrl(schoolsApi.importTemplate)} download data-testid="import-template">
                {t('import.template')}
              </Anchor>
            </div>
            <ImportFileInput state={picked} inputTestId="import-file" data-testid="import-file-button" disabled={busy} />
            <Group>
              <Button type="submit" loading={busy} data-testid="import-submit">
                {t('import.submit')}
              </Button>
            </Group>
            {busy && (
              <Stack gap={4} aria-live="polite" data-testid="import-progress">
                <Progress value={percent} animated={phase.kind === 'processing'} striped={phase.kind === 'processing'} aria-label={t('import.title')} />
                <Text size="sm" c="dimmed">
                  {phase.kind === 'uploading' ? t('import.uploading', { percent }) : t('import.processing')}
                </Text>
              </Stack>
            )}
          </Stack>
        </form>
      </Card>
      {error && <ErrorAlert error={error} />}
      {result && (
        <Alert color="green" title={t('import.success', { total: formatNumber(result.total) })} data-testid="import-success">
          {t('import.successDetail', { created: formatNumber(result.created), updated: formatNumber(result.updated) })}{' '}
          <Anchor component={Link} href="/truong-hoc" size="sm">
            {t('nav.schools')} →
          </Anchor>
        </Alert>
      )}
      {rowErrors && <ImportErrorReport errors={rowErrors} />}
      {can('areas.importFlags') && <AreaFlagsImport />}
    </Stack>
  );
}
