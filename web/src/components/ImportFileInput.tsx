/** The spreadsheet picker of the import forms (.xlsx or .csv), with its "choose a file" / "wrong type" check. */
import { FileInput, type FileInputProps } from '@mantine/core';
import { useState, type ComponentProps } from 'react';
import { useI18n } from '../i18n';

export const SPREADSHEET_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

export interface ImportFile {
  file: File | null;
  setFile: (f: File | null) => void;
  error: string | null;
  /** The chosen file when it is a spreadsheet; otherwise shows why not and answers null. */
  check: () => File | null;
}

export function useImportFile(): ImportFile {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    file,
    setFile: (f) => {
      setFile(f);
      setError(null);
    },
    error,
    check: () => {
      if (!file) {
        setError(t('import.needFile'));
        return null;
      }
      if (!/\.(xlsx|csv)$/i.test(file.name)) {
        setError(t('import.badType'));
        return null;
      }
      setError(null);
      return file;
    },
  };
}

export function ImportFileInput({
  state,
  inputTestId,
  ...rest
}: { state: ImportFile; inputTestId: string } & Omit<FileInputProps, 'value' | 'onChange' | 'error' | 'multiple'>) {
  const { t } = useI18n();
  return (
    <FileInput
      label={t('import.file')}
      placeholder={t('import.filePlaceholder')}
      accept={SPREADSHEET_ACCEPT}
      value={state.file}
      onChange={state.setFile}
      error={state.error}
      clearable
      fileInputProps={{ 'data-testid': inputTestId, 'aria-label': t('import.file') } as ComponentProps<'input'>}
      {...rest}
    />
  );
}
