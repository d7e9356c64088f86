import { Button, Card, Progress, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, } from 'react';
import { plansApi, UPDATE_STATES, type Assignment, type UpdateState } from '../../../../contracts/plans';
import { callForm } from '../../api/call';
import { ApiError } from '../../api/client';
import { DraftFormFooter, ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { useInvalidate } from '../../lib/query';
import { FilesField, useFiles } from '../../components/FilesField';
import { ACCEPT, emptyValues, UPDATE_FILE_RULES, toFields, updateSchema, yearsOf, type UpdateValues } from './updateValues';

/** The progress report of a lead unit on one of the task's assignments it may report on (`can.postUpdate`). */
export function UpdateForm({ taskId, taskNumber, assignments }: { taskId: string; taskNumber: string; assignments: Assignment[] }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 30em)');
  const invalidate = useInvalidate();
  const first = assignments[0];
  const schema = useMemo(() => updateSchema(t('update.percentInvalid')), [t]);
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<UpdateValues>({
    draftKey: `kn.draft.taskUpdate.${taskId}`,
    initialValues: emptyValues(first),
    schema,
  });
  const files = useFiles(UPDATE_FILE_RULES);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const values = form.getValues();
  // a draft of an assignment no longer offered falls back to the first one
  const assignment = assignments.find((a) => a.id === values.assignmentId) ?? first;
  const { years } = yearsOf(assignment);

  const onSubmit = form.onSubmit(
    async (v) => {
      setError(null);
      if (!files.check()) return;
      setProgress(0);
      try {
        await callForm(plansApi.postUpdate, { params: { id: assignment.id }, fields: toFields(v, assignment), files: files.files }, setProgress);
        clearDraft(emptyValues(assignment));
        files.clear();
        notifications.show({ color: 'green', message: t('update.sent') });
        await invalidate(plansApi.postUpdate.tags[0]);
      } catch (err) {
        const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
        showServerErrors(form, apiErr);
        // a refused file is marked by name in the list; the others and what was typed stay
        files.fromServer(apiErr);
        setError(apiErr);
      } finally {
        setProgress(null);
      }
    },
    () => notifications.show({ color: 'red', message: t('form.fixErrors') }),
  );

  const busy = progress !== null;
  const percentShown = Math.round((progress ?? 0) * 100);
  const done = values.state === 'done';

  return (
    <Card withBorder component="section" aria-labelledby="update-form-title">
      <form onSubmit={onSubmit} noValidate data-testid="update-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="update-form-title">
            {t('update.title')} — {t('task.title', { number: taskNumber })}
          </Title>
          {restoredAt && <DraftRestored at={restoredAt} extra={t('update.filesNotKept')} onDiscard={() => clearDraft(emptyValues(first))} onClose={dismissRestored} />}
          {error && <ErrorAlert error={error} />}
          {assignments.length > 1 && (
            <Select
              label={t('update.assignment')}
              data={assignments.map((a, i) => ({ value: a.id, label: `${t('task.assignment', { n: i + 1 })}: ${a.leadText} · ${a.timeText}` }))}
              value={assignment.id}
              onChange={(v) => {
                if (!v) return;
                form.setFieldValue('assignmentId', v);
                form.setFieldValue('period', yearsOf(assignments.find((a) => a.id === v)).current);
              }}
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
              onChange={(v) => form.setFieldValue('state', v as UpdateState)}
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
              {...form.getInputProps('percent')}
              value={done ? '100' : values.percent}
              disabled={done}
              description={done ? t('update.percentDone') : undefined}
              rightSection={
                <Text size="sm" c="dimmed">
                  %
                </Text>
              }
              data-testid="update-percent"
            />
            {years.length > 0 && (
              <Select
                label={t('update.period')}
                data={years.map((y) => ({ value: y, label: t(y.includes('-') ? 'task.periodKeySchool' : 'task.periodKey', { year: y }) }))}
                {...form.getInputProps('period')}
                value={values.period || null}
                onChange={(v) => form.setFieldValue('period', v ?? '')}
                allowDeselect={false}
                data-testid="update-period"
              />
            )}
            <TextInput label={t('update.milestone')} placeholder={t('update.milestonePlaceholder')} maxLength={500} {...form.getInputProps('milestone')} data-testid="update-milestone" />
          </SimpleGrid>
          <Textarea label={t('update.note')} autosize minRows={3} maxRows={10} maxLength={5000} {...form.getInputProps('note')} data-testid="update-note" />
          <Textarea label={t('update.deliverables')} autosize minRows={2} maxRows={8} {...form.getInputProps('deliverables')} data-testid="update-deliverables" />
          <FilesField
            state={files}
            label={t('update.files')}
            description={t('update.filesHelp')}
            placeholder={t('update.filesPlaceholder')}
            accept={ACCEPT}
            disabled={busy}
            data-testid="update-files-button"
            inputTestId="update-files"
          />
          {busy && (
            <Stack gap={4} aria-live="polite">
              <Progress value={percentShown} striped={percentShown >= 100} animated={percentShown >= 100} aria-label={t('update.title')} />
              <Text size="sm" c="dimmed">
                {t('update.uploading', { percent: percentShown })}
              </Text>
            </Stack>
          )}
          <DraftFormFooter>
            <Button type="submit" loading={busy} data-testid="update-submit">
              {t('update.submit')}
            </Button>
          </DraftFormFooter>
        </Stack>
      </form>
    </Card>
  );
}
