/**
 * Forms: @mantine/form validated by the contract's zod schema (messages in the UI language, from
 * zod's vi/en locales and the schema's own texts), the values kept on this device while typing so
 * a dropped line or a closed tab loses nothing, and the server's per-field errors shown on the
 * fields they name.
 */
import { Alert, Button, Group, Text } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { translateToEnglish } from '../../../server/src/platform/translate';
import { ApiError } from '../api/client';
import { useI18n, type Lang } from '../i18n';
import { formatDateTime } from './format';

interface Stored<T> {
  savedAt: string;
  values: T;
}

export function readDraft<T>(key: string | null): Stored<T> | null {
  if (!key) return null;
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Stored<T>;
    return d && typeof d === 'object' && d.values && typeof d.values === 'object' ? d : null;
  } catch {
    return null;
  }
}

export function writeDraft<T>(key: string | null, values: T): void {
  if (!key) return;
  try {
    localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), values } satisfies Stored<T>));
  } catch {
    /* storage full or blocked: the form still works, only the draft is not kept */
  }
}

export function removeDraft(key: string | null): void {
  if (!key) return;
  try {
    localStorage.removeItem(key);
  } catch {
    /* ignore */
  }
}

/**
 * Values kept on this device while typing (saved 300 ms after the last change and when the page
 * is hidden), restored on the next visit. `clear()` after a successful send. A null key keeps
 * nothing (e.g. until the record is known).
 */
export function useDraft<T extends object>(key: string | null, initial: T) {
  const [restored] = useState(() => readDraft<T>(key));
  const [values, setValuesState] = useState<T>(() => (restored ? { ...initial, ...restored.values } : initial));
  const [restoredAt, setRestoredAt] = useState<string | null>(restored ? restored.savedAt : null);
  const dirty = useRef(false);
  const latest = useRef(values);
  latest.current = values;

  useEffect(() => {
    if (!dirty.current) return;
    const h = setTimeout(() => writeDraft(key, values), 300);
    return () => clearTimeout(h);
  }, [values, key]);

  useEffect(() => {
    const flush = () => dirty.current && writeDraft(key, latest.current);
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [key]);

  const setValues = useCallback((next: T | ((v: T) => T)) => {
    dirty.current = true;
    setValuesState(next);
  }, []);

  const clear = useCallback(
    (reset?: T) => {
      dirty.current = false;
      removeDraft(key);
      setRestoredAt(null);
      if (reset) setValuesState(reset);
    },
    [key],
  );

  return { values, setValues, restoredAt, dismissRestored: () => setRestoredAt(null), clear };
}

export interface DraftFormOptions<T extends Record<string, unknown>> {
  /** Where the draft is kept (null: not kept). */
  draftKey: string | null;
  initialValues: T;
  /** The contract's schema for these values (or one derived from it for a form's text fields). */
  schema?: z.ZodType;
}

/**
 * A schema's own message in the UI language: zod words its default messages in the language
 * already (contracts/zod-messages.ts); a schema's Vietnamese text (or a shared check's, with its
 * values) is looked up in the same catalogue the server answers English from.
 */
export function formMessage(message: string, lang: Lang): string {
  return lang === 'en' ? translateToEnglish(message) : message;
}

/** A @mantine/form form validated by a zod schema, with its values kept as a draft. */
export function useDraftForm<T extends Record<string, unknown>>({ draftKey, initialValues, schema }: DraftFormOptions<T>) {
  const { lang } = useI18n();
  const langRef = useRef(lang);
  langRef.current = lang;
  const [resolve] = useState(() => (schema ? zod4Resolver(schema) : undefined));
  const [restored] = useState(() => readDraft<T>(draftKey));
  const [restoredAt, setRestoredAt] = useState<string | null>(restored ? restored.savedAt : null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // values typed but not yet written (the write waits 300 ms after the last change)
  const pending = useRef<T | null>(null);
  // a reset by clearDraft is not a draft
  const resetting = useRef(false);
  const save = useCallback(() => {
    clearTimeout(timer.current);
    if (pending.current) writeDraft(draftKey, pending.current);
    pending.current = null;
  }, [draftKey]);
  const form = useForm<T>({
    mode: 'controlled',
    initialValues: restored ? { ...initialValues, ...restored.values } : initialValues,
    validate: resolve
      ? (values: T) => Object.fromEntries(Object.entries(resolve(values)).map(([k, m]) => [k, typeof m === 'string' ? formMessage(m, langRef.current) : m]))
      : undefined,
    onValuesChange: (values) => {
      if (resetting.current) return;
      pending.current = values;
      clearTimeout(timer.current);
      timer.current = setTimeout(save, 300);
    },
  });
  const formRef = useRef(form);
  formRef.current = form;

  // write at once when the page is hidden or closed, and when the form goes away mid-pause
  useEffect(() => {
    const flush = () => {
      if (!pending.current && formRef.current.isDirty()) pending.current = formRef.current.getValues();
      save();
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      save();
    };
  }, [save]);

  const clearDraft = useCallback(
    (reset?: T) => {
      clearTimeout(timer.current);
      pending.current = null;
      removeDraft(draftKey);
      setRestoredAt(null);
      if (reset) {
        resetting.current = true;
        formRef.current.setValues(reset);
        formRef.current.resetDirty(reset);
        resetting.current = false;
      }
    },
    [draftKey],
  );
  return { form, restoredAt, dismissRestored: () => setRestoredAt(null), clearDraft };
}

/** Put the server's per-field errors (422) on the form's fields; true when there were any. */
export function showServerErrors<T>(form: UseFormReturnType<T>, err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.fieldErrors.length) return false;
  form.setErrors(Object.fromEntries(err.fieldErrors.map((f) => [f.path, f.message])));
  return true;
}

/** "Draft restored from …" with a button to discard it. */
export function DraftRestored({ at, onDiscard, onClose, extra }: { at: string; onDiscard: () => void; onClose: () => void; extra?: string }) {
  const { t } = useI18n();
  return (
    <Alert color="blue" withCloseButton onClose={onClose} data-testid="draft-restored">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">
          {t('form.draftRestored', { time: formatDateTime(at) })} {extra}
        </Text>
        <Button size="xs" variant="light" onClick={onDiscard}>
          {t('form.draftDiscard')}
        </Button>
      </Group>
    </Alert>
  );
}
