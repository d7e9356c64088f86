import { CloseButton, FileInput, Group, Stack, Text, type FileInputProps } from '@mantine/core';
import { useState, type ComponentProps } from 'react';
import { ApiError } from '../api';
import { useI18n, type TFunction } from '../i18n';

/**
 * The files a form sends, kept until it is sent: each file is checked here (type, size, empty) and,
 * when the server refuses a request (a 422 naming the file), the file it names is marked with the
 * reason; the others stay selected, and the refused one can be taken out before sending again.
 */

/** Image types the server accepts for photos (HEIC from iPhones too). */
export const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif';
export const EVIDENCE_ACCEPT = `${IMAGE_ACCEPT},application/pdf`;

export interface FileRules {
  /** PDF accepted beside images. */
  pdf?: boolean;
  /** Largest file in MB (5 for photos unless told). */
  maxMb?: number;
  /** Most files in one sending (10 unless told). */
  max?: number;
  /** A form that takes other types says itself why a file is refused (instead of the image/PDF check). */
  problem?: (f: File, t: TFunction) => string | null;
  /** One file only (an agreement's document, an import's sheet): choosing another replaces it. */
  single?: boolean;
}

export const SPREADSHEET_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** The sheet of an import: one .xlsx or .csv file of at most 10 MB, named when refused. */
export const SPREADSHEET_RULES: FileRules = {
  single: true,
  problem: (f, t) => {
    if (!/\.(xlsx|csv)$/i.test(f.name)) return t('import.badType', { name: f.name });
    if (f.size === 0) return t('need.photos.empty', { name: f.name });
    if (f.size > 10 * 1024 * 1024) return t('need.photos.size', { name: f.name, mb: 10 });
    return null;
  },
};

/** Some systems give a HEIC photo no type: its name says it. */
const isImage = (f: File) => /^image\/(jpeg|png|webp|heic|heif)$/.test(f.type) || /\.(heic|heif)$/i.test(f.name);
const isPdf = (f: File) => f.type === 'application/pdf' || (!f.type && /\.pdf$/i.test(f.name));

/** Why one file would be refused, naming it; null when it may be sent. */
export function fileProblem(f: File, t: TFunction, rules: FileRules = {}): string | null {
  if (rules.problem) return rules.problem(f, t);
  const ok = isImage(f) || (rules.pdf && isPdf(f));
  if (!ok) return t(rules.pdf ? 'need.photos.typePdf' : 'need.photos.type', { name: f.name });
  if (f.size === 0) return t('need.photos.empty', { name: f.name });
  if (f.size > (rules.maxMb ?? 5) * 1024 * 1024) return t('need.photos.size', { name: f.name, mb: rules.maxMb ?? 5 });
  return null;
}

/** The first reason a set of files would be refused, naming the file; null when all may be sent. */
export function checkFiles(files: File[], t: TFunction, rules: FileRules = {}): string | null {
  if (files.length > (rules.max ?? 10)) return t('files.tooMany', { max: rules.max ?? 10 });
  for (const f of files) {
    const p = fileProblem(f, t, rules);
    if (p) return p;
  }
  return null;
}

const sameFile = (a: File, b: File) => a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

export interface FilesState {
  files: File[];
  rules: FileRules;
  /** Why this file is refused (here or by the server), or null. */
  problemOf: (f: File) => string | null;
  /** The first reason the files cannot be sent as they are, or null. */
  error: string | null;
  /** A required field left empty says so once the user tries to send. */
  requiredError: string | null;
  add: (picked: File[]) => void;
  remove: (f: File) => void;
  clear: () => void;
  /** Before sending: false (and the reasons shown) when a file is refused here, or none is chosen where one is required (the message says so). */
  check: (required?: false | string) => boolean;
  /** After a refusal: marks the files a 422 names; true when it named one of them. */
  fromServer: (e: unknown) => boolean;
}

export function useFiles(rules: FileRules = {}): FilesState {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [refused, setRefused] = useState<{ file: File; why: string }[]>([]);
  const [requiredError, setRequiredError] = useState<string | null>(null);
  const problemOf = (f: File) => fileProblem(f, t, rules) ?? refused.find((r) => r.file === f)?.why ?? null;
  const error = files.length > (rules.max ?? 10) ? t('files.tooMany', { max: rules.max ?? 10 }) : (files.map(problemOf).find((p) => p) ?? requiredError);
  return {
    files,
    rules,
    problemOf,
    error,
    requiredError,
    add: (picked) => {
      setRequiredError(null);
      if (rules.single) {
        setFiles(picked.slice(-1));
        setRefused([]);
        return;
      }
      setFiles((old) => [...old, ...picked.filter((p) => !old.some((o) => sameFile(o, p)))]);
    },
    remove: (f) => {
      setFiles((old) => old.filter((o) => o !== f));
      setRefused((old) => old.filter((r) => r.file !== f));
    },
    clear: () => {
      setFiles([]);
      setRefused([]);
      setRequiredError(null);
    },
    check: (required) => {
      if (required && !files.length) {
        setRequiredError(required);
        return false;
      }
      return !checkFiles(files, t, rules);
    },
    fromServer: (e) => {
      if (!(e instanceof ApiError) || e.status !== 422) return false;
      const reasons = [...e.fieldErrors.filter((x) => x.path.split('.')[0] === 'files').map((x) => x.message), e.detail ?? '', e.title];
      const named = files.flatMap((file) => {
        const why = reasons.find((r) => r.includes(`"${file.name}"`));
        return why ? [{ file, why }] : [];
      });
      setRefused(named);
      return named.length > 0;
    },
  };
}

/**
 * A file field with the list of chosen files under it: each with its size, the reason it is refused
 * (in red, naming it) and a button to take it out. Choosing more files adds to the list; where the
 * rules take a single file, choosing another replaces it.
 */
export function FilesField({
  state,
  inputTestId,
  label,
  ...props
}: { state: FilesState; inputTestId: string; label: string } & Omit<FileInputProps<true>, 'value' | 'onChange' | 'error' | 'multiple' | 'label'>) {
  const { t, lang } = useI18n();
  const size = (n: number) => (n >= 1024 * 1024 ? `${(Math.round((n / 1024 / 1024) * 10) / 10).toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
  return (
    <Stack gap={6}>
      {state.rules.single ? (
        <FileInput
          label={label}
          placeholder={t('need.photos.pick')}
          {...(props as Omit<FileInputProps<false>, 'value' | 'onChange' | 'error' | 'multiple' | 'label'>)}
          value={state.files[0] ?? null}
          onChange={(f) => (f ? state.add([f]) : state.clear())}
          clearable
          error={state.error}
          fileInputProps={{ 'data-testid': inputTestId, 'aria-label': label } as ComponentProps<'input'>}
        />
      ) : (
        <FileInput
          label={label}
          placeholder={t('need.photos.pick')}
          {...props}
          multiple
          value={state.files}
          onChange={(f) => (f.length ? state.add(f) : state.clear())}
          clearable
          error={state.error}
          fileInputProps={{ 'data-testid': inputTestId, 'aria-label': label } as ComponentProps<'input'>}
        />
      )}
      {state.files.length > 0 && (
        <Stack gap={4} data-testid={`${inputTestId}-list`} aria-label={t('files.chosen')}>
          {state.files.map((f) => {
            const why = state.problemOf(f);
            return (
              <Group key={`${f.name}-${f.size}-${f.lastModified}`} gap="xs" wrap="nowrap" align="flex-start" data-testid="file-row" data-file={f.name} data-refused={why ? 'true' : 'false'}>
                <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }} c={why ? 'red' : undefined}>
                    {f.name} <Text span size="xs" c="dimmed">({size(f.size)})</Text>
                  </Text>
                  {why && (
                    <Text size="xs" c="red" role="alert" data-testid="file-problem">
                      {why}
                    </Text>
                  )}
                </Stack>
                <CloseButton size="sm" aria-label={t('files.remove', { name: f.name })} onClick={() => state.remove(f)} data-testid="file-remove" />
              </Group>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
