import { Alert, Button, Card, FileInput, Group, Progress, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState, type ComponentProps, type FormEvent } from 'react';
import { ApiError, tasksApi, UPDATE_STATES, type AssignmentView, type UpdateState } from '../../api';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';

/** Evidence the server accepts (server/src/platform/files.ts), checked here before sending. */
const ACCEPTED_EXT = ['pdf', 'jpg', 'jpeg', 'png', 'webp', 'docx', 'xlsx'];
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,application/pdf,image/jpeg,image/png,image/webp';
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;

interface Values {
  assignmentId: string;
  state: UpdateState;
  percent: string;
  milestone: string;
  note: string;
  deliverables: string;
  period: string;
}

type Field = keyof Values | 'files';
type Errors = Partial<Record<Field, string>>;

interface Draft {
  savedAt: string;
  values: Values;
}

const draftKey = (taskId: string) => `kn.draft.taskUpdate.${taskId}`;

function readDraft(taskId: string): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(taskId));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return d && typeof d === 'object' && d.values ? d : null;
  } catch {
    return null;
  }
}

function writeDraft(taskId: string, values: Values) {
  try {
    localStorage.setItem(draftKey(taskId), JSON.stringify({ savedAt: new Date().toISOString(), values } satisfies Draft));
  } catch {
    /* storage full or blocked */
  }
}

function clearDraft(taskId: string) {
  try {
    localStorage.removeItem(draftKey(taskId));
  } catch {
    /* ignore */
  }
}

/** The years a recurring assignment reports on, and the one to propose (this year, kept inside the window). */
function yearsOf(a: AssignmentView | undefined): { years: string[]; current: string } {
  if (!a || a.window.kind !== 'every_year') return { years: [], current: '' };
  const first = Number(a.window.from.slice(0, 4));
  const last = Number(a.window.to.slice(0, 4));
  const years: string[] = [];
  for (let y = first; y <= last; y++) years.push(String(y));
  const leadPeriod = a.leads.find((l) => l.period)?.period;
  const thisYear = String(new Date().getFullYear());
  const current = leadPeriod && years.includes(leadPeriod) ? leadPeriod : years.includes(thisYear) ? thisYear : years[years.length - 1];
  return { years, current };
}

function emptyValues(a: AssignmentView | undefined): Values {
  return { assignmentId: a?.id ?? '', state: 'in_progress', percent: '', milestone: '', note: '', deliverables: '', period: yearsOf(a).current };
}

function same(a: Values, b: Values) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function checkFiles(files: File[], t: ReturnType<typeof useI18n>['t']): string | null {
  if (files.length > MAX_FILES) return t('update.tooManyFiles');
  for (const f of files) {
    const ext = f.name.toLowerCase().split('.').pop() ?? '';
    if (!ACCEPTED_EXT.includes(ext)) return t('update.fileType', { name: f.name });
    if (f.size === 0) return t('update.fileEmpty', { name: f.name });
    if (f.size > MAX_BYTES) return t('update.fileSize', { name: f.name });
  }
  return null;
}

const FIELDS: Field[] = ['state', 'percent', 'milestone', 'note', 'deliverables', 'period', 'files'];

/** The progress report of a lead unit on one of the task's assignments it may report on. */
export function UpdateForm({ taskId, taskNumber, assignments, onPosted }: { taskId: string; taskNumber: string; assignments: AssignmentView[]; onPosted: () => void }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 30em)');
  const first = assignments[0];
  const initial = useMemo(() => emptyValues(first), [first?.id, first?.window.kind, first?.leads.map((l) => l.period).join()]); // eslint-disable-line react-hooks/exhaustive-deps
  const [draft] = useState(() => readDraft(taskId));
  const restored = draft && assignments.some((a) => a.id === draft.values.assignmentId) && !same(draft.values, initial) ? draft : null;
  const [values, setValues] = useState<Values>(restored ? { ...initial, ...restored.values } : initial);
  const [showRestored, setShowRestored] = useState(!!restored);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const dirty = useRef(false);

  const assignment = assignments.find((a) => a.id === values.assignmentId) ?? assignments[0];
  const { years } = yearsOf(assignment);

  // keep the text on this device while typing, so a dropped line loses nothing
  useEffect(() => {
    if (!dirty.current) return;
    const h = setTimeout(() => (same(values, initial) ? clearDraft(taskId) : writeDraft(taskId, values)), 300);
    return () => clearTimeout(h);
  }, [values, initial, taskId]);

  useEffect(() => {
    const flush = () => {
      if (dirty.current && !same(values, initial)) writeDraft(taskId, values);
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [values, initial, taskId]);

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    dirty.current = true;
    setValues((v) => {
      const next = { ...v, [key]: value };
      if (key === 'assignmentId') next.period = yearsOf(assignments.find((a) => a.id === value)).current;
      return next;
    });
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setOtherErrors([]);
    const next: Errors = {};
    let percent: number | null = null;
    if (values.state === 'done') percent = 100;
    else if (values.percent.trim()) {
      const n = Number(values.percent.trim().replace(/%$/, ''));
      if (!Number.isInteger(n) || n < 0 || n > 100) next.percent = t('update.percentInvalid');
      else percent = n;
    }
    const fileError = checkFiles(files, t);
    if (fileError) next.files = fileError;
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      notifications.show({ color: 'red', message: t('form.fixErrors') });
      return;
    }
    writeDraft(taskId, values);
    setProgress(0);
    try {
      await tasksApi.postUpdate(
        assignment.id,
        {
          state: values.state,
          percent,
          milestone: values.milestone,
          note: values.note,
          deliverables: values.deliverables
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean),
          period: assignment.window.kind === 'every_year' ? values.period || null : null,
          files,
        },
        setProgress,
      );
      clearDraft(taskId);
      dirty.current = false;
      setValues(emptyValues(assignment));
      setFiles([]);
      setShowRestored(false);
      notifications.show({ color: 'green', message: t('update.sent') });
      onPosted();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      if (apiErr.fieldErrors.length) {
        const fe: Errors = {};
        const rest: string[] = [];
        for (const f of apiErr.fieldErrors) {
          const head = f.path.split('.')[0] as Field;
          if (FIELDS.includes(head)) fe[head] = fe[head] ? `${fe[head]}; ${f.message}` : f.message;
          else rest.push(f.path ? `${f.path}: ${f.message}` : f.message);
        }
        setErrors(fe);
        setOtherErrors(rest);
        setFormError(apiErr);
      } else setFormError(apiErr);
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  const percentShown = Math.round((progress ?? 0) * 100);

  return (
    <Card withBorder component="section" aria-labelledby="update-form-title">
      <form onSubmit={onSubmit} noValidate data-testid="update-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="update-form-title">
            {t('update.title')} — {t('task.title', { number: taskNumber })}
          </Title>
          {showRestored && restored && (
            <Alert color="blue" data-testid="draft-restored" withCloseButton onClose={() => setShowRestored(false)}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm">
                  {t('form.draftRestored', { time: formatDateTime(restored.savedAt) })} {t('update.filesNotKept')}
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => {
                    clearDraft(taskId);
                    dirty.current = false;
                    setValues(initial);
                    setErrors({});
                    setShowRestored(false);
                  }}
                >
                  {t('form.draftDiscard')}
                </Button>
              </Group>
            </Alert>
          )}
          {formError && <ErrorAlert error={formError} />}
          {otherErrors.length > 0 && (
            <Alert color="red">
              {otherErrors.map((m) => (
                <Text size="sm" key={m}>
                  {m}
                </Text>
              ))}
            </Alert>
          )}
          {assignments.length > 1 && (
            <Select
              label={t('update.assignment')}
              data={assignments.map((a, i) => ({ value: a.id, label: `${t('task.assignment', { n: i + 1 })}: ${a.leadText} · ${a.timeText}` }))}
              value={values.assignmentId}
              onChange={(v) => v && set('assignmentId', v)}
              allowDeselect={false}
              data-testid="update-assignment"
            />
          )}
          <div>
            <Text size="sm" fw={500} mb={4} id="update-state-label">
              {t('update.state')}
            </Text>
            <SegmentedControl
              aria-labelledby="update-state-label"
              value={values.state}
              onChange={(v) => set('state', v as UpdateState)}
              data={UPDATE_STATES.map((s) => ({ value: s, label: t(`updateState.${s}`) }))}
              data-testid="update-state"
              fullWidth
              orientation={phone ? 'vertical' : 'horizontal'}
              maw={480}
            />
          </div>
          <SimpleGrid cols={{ base: 1, sm: years.length ? 3 : 2 }} spacing="sm">
            <TextInput
              label={t('update.percent')}
              inputMode="numeric"
              value={values.state === 'done' ? '100' : values.percent}
              onChange={(e) => set('percent', e.currentTarget.value)}
              disabled={values.state === 'done'}
              description={values.state === 'done' ? t('update.percentDone') : undefined}
              error={errors.percent}
              rightSection={<Text size="sm" c="dimmed">%</Text>}
              data-testid="update-percent"
            />
            {years.length > 0 && (
              <Select
                label={t('update.period')}
                data={years.map((y) => ({ value: y, label: t('task.periodKey', { year: y }) }))}
                value={values.period || null}
                onChange={(v) => set('period', v ?? '')}
                allowDeselect={false}
                error={errors.period}
                data-testid="update-period"
              />
            )}
            <TextInput
              label={t('update.milestone')}
              placeholder={t('update.milestonePlaceholder')}
              value={values.milestone}
              onChange={(e) => set('milestone', e.currentTarget.value)}
              maxLength={500}
              error={errors.milestone}
              data-testid="update-milestone"
            />
          </SimpleGrid>
          <Textarea label={t('update.note')} autosize minRows={3} maxRows={10} value={values.note} onChange={(e) => set('note', e.currentTarget.value)} maxLength={5000} error={errors.note} data-testid="update-note" />
          <Textarea
            label={t('update.deliverables')}
            autosize
            minRows={2}
            maxRows={8}
            value={values.deliverables}
            onChange={(e) => set('deliverables', e.currentTarget.value)}
            error={errors.deliverables}
            data-testid="update-deliverables"
          />
          <FileInput
            label={t('update.files')}
            description={t('update.filesHelp')}
            placeholder={t('update.filesPlaceholder')}
            multiple
            accept={ACCEPT}
            value={files}
            onChange={(f) => {
              setFiles(f);
              setErrors((e) => ({ ...e, files: checkFiles(f, t) ?? undefined }));
            }}
            clearable
            error={errors.files}
            disabled={busy}
            data-testid="update-files-button"
            fileInputProps={{ 'data-testid': 'update-files', 'aria-label': t('update.files') } as ComponentProps<'input'>}
          />
          {busy && (
            <Stack gap={4} aria-live="polite">
              <Progress value={percentShown} striped={percentShown >= 100} animated={percentShown >= 100} aria-label={t('update.title')} />
              <Text size="sm" c="dimmed">
                {t('update.uploading', { percent: percentShown })}
              </Text>
            </Stack>
          )}
          <Group justify="space-between" wrap="wrap">
            <Text size="xs" c="dimmed">
              {t('form.draftSaved')}
            </Text>
            <Button type="submit" loading={busy} data-testid="update-submit">
              {t('update.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
