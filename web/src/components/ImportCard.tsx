import { Alert, Anchor, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ImportRowError } from '../api';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';
import { ErrorAlert } from './common';
import { FilesField, SPREADSHEET_ACCEPT, SPREADSHEET_RULES, useFiles, type FilesState } from './FilesField';
import { ImportErrorReport } from './ImportErrorReport';

/**
 * The import of a spreadsheet, all rows or none, shared by every import form: the sheet is chosen in
 * the one files field (a wrong type or size is named here, a file the server refuses is marked), sent
 * with its progress, and the answer is either the import's result or every bad row with its reason.
 */

type Phase = { kind: 'idle' } | { kind: 'uploading'; fraction: number } | { kind: 'processing' };

export interface ImportSubmit<R> {
  file: FilesState;
  phase: Phase;
  busy: boolean;
  result: R | null;
  rowErrors: ImportRowError[] | null;
  error: ApiError | null;
  onSubmit: (e: FormEvent) => Promise<void>;
}

/**
 * Sends the chosen sheet with `send` (which reports the upload's progress); `onDone` refreshes what
 * the import changed. The chosen file is let go once imported.
 */
export function useImportSubmit<R>(send: (file: File, progress: (fraction: number) => void) => Promise<R>, onDone?: (result: R) => Promise<unknown>): ImportSubmit<R> {
  const { t } = useI18n();
  const file = useFiles(SPREADSHEET_RULES);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [result, setResult] = useState<R | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    setRowErrors(null);
    setError(null);
    if (!file.check(t('import.needFile'))) return;
    setPhase({ kind: 'uploading', fraction: 0 });
    try {
      const r = await send(file.files[0], (fraction) => setPhase(fraction >= 1 ? { kind: 'processing' } : { kind: 'uploading', fraction }));
      setResult(r);
      file.clear();
      await onDone?.(r);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      if (apiErr.rowErrors.length) setRowErrors(apiErr.rowErrors);
      else {
        file.fromServer(apiErr);
        setError(apiErr);
      }
    } finally {
      setPhase({ kind: 'idle' });
    }
  }
  return { file, phase, busy: phase.kind !== 'idle', result, rowErrors, error, onSubmit };
}

/**
 * An import form in its card. Its test ids start with `testId`: the card itself, `-form`, `-file`
 * (the file input), `-file-button`, `-template`, `-submit`, `-progress`; `success` shows the result.
 */
export function ImportCard<R>({
  state,
  testId,
  title,
  help,
  label,
  template,
  success,
  children,
}: {
  state: ImportSubmit<R>;
  testId: string;
  title?: string;
  help?: ReactNode;
  /** The file field's label (the general "data file" unless told). */
  label?: string;
  template?: { href: string; label: string };
  success: (result: R) => ReactNode;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { busy, phase } = state;
  const percent = phase.kind === 'uploading' ? Math.round(phase.fraction * 100) : 100;
  return (
    <Card withBorder data-testid={testId}>
      <form onSubmit={(e) => void state.onSubmit(e)} noValidate data-testid={`${testId}-form`}>
        <Stack gap="sm">
          {title && (
            <Title order={2} size="h4">
              {title}
            </Title>
          )}
          {help && (
            <Text size="sm" c="dimmed">
              {help}
            </Text>
          )}
          {template && (
            <div>
              <Anchor href={template.href} download data-testid={`${testId}-template`}>
                {template.label}
              </Anchor>
            </div>
          )}
          <FilesField
            state={state.file}
            label={label ?? t('import.file')}
            placeholder={t('import.filePlaceholder')}
            accept={SPREADSHEET_ACCEPT}
            inputTestId={`${testId}-file`}
            data-testid={`${testId}-file-button`}
            disabled={busy}
          />
          {children}
          <Group>
            <Button type="submit" loading={busy} data-testid={`${testId}-submit`}>
              {t('import.submit')}
            </Button>
          </Group>
          {busy && (
            <Stack gap={4} aria-live="polite" data-testid={`${testId}-progress`}>
              <Progress value={percent} animated={phase.kind === 'processing'} striped={phase.kind === 'processing'} aria-label={title ?? t('import.submit')} />
              <Text size="sm" c="dimmed">
                {phase.kind === 'uploading' ? t('import.uploading', { percent }) : t('import.processing')}
              </Text>
            </Stack>
          )}
          {state.error && <ErrorAlert error={state.error} />}
          {state.result !== null && success(state.result)}
          {state.rowErrors && <ImportErrorReport errors={state.rowErrors} />}
        </Stack>
      </form>
    </Card>
  );
}

/** The green answer of an import that was written. */
export function ImportDone({ testId, title, children }: { testId: string; title?: string; children?: ReactNode }) {
  return (
    <Alert color="green" title={title} data-testid={testId}>
      {children}
    </Alert>
  );
}
