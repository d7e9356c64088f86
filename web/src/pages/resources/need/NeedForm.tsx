import { Anchor, Button, Group, Progress, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../api';
import { NEED_CATEGORIES, PRIORITIES, resourcesApi, type Need, type NeedCategory, type Priority } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { FilesField, IMAGE_ACCEPT, useFiles } from '../../../components/FilesField';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../../lib/auth';
import { formatNumber } from '../../../lib/format';
import { DraftRestored, showServerErrors, useDraftForm } from '../../../lib/form';
import { Link } from '../../../lib/router';
import { ownSchool, pickerProvince } from '../permissions';
import { useResourceMutation } from '../queries';
import { SchoolPicker } from '../SchoolPicker';
import { formatVnd, parseMoney } from '../shared';
import { needBody, needSchema, type NeedValues } from './needForm';
import { NeedSaved } from './NeedSaved';

/** Record a need (or edit a draft or returned one): kept as a draft on this device while typing. */
export function NeedForm({ id, initial }: { id?: string; initial: NeedValues }) {
  const { t } = useI18n();
  const auth = useAuth();
  const schema = useMemo(() => needSchema(t), [t]);
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({ draftKey: `kn.draft.need.${id ?? 'new'}`, initialValues: initial, schema });
  const photos = useFiles();
  // a need saved on a first try whose photos were refused: sending again updates it, never a second one
  const created = useRef<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [saved, setSaved] = useState<{ need: Need; uploadError: Error | null } | null>(null);
  const save = useResourceMutation(
    async (v: NeedValues) => {
      const { schoolId: _school, ...patch } = needBody(v);
      const existing = id ?? created.current;
      const need = existing ? await resourcesApi.needs.update(existing, patch) : await resourcesApi.needs.create(needBody(v));
      if (!id) created.current = need.id;
      let uploadError: Error | null = null;
      if (photos.files.length) {
        setProgress(0);
        try {
          await resourcesApi.needs.addPhotos(need.id, photos.files, setProgress);
        } catch (e) {
          // a photo refused by name: the form stays, with every photo and the refused one marked
          if (photos.fromServer(e)) throw e;
          // anything else: the need is saved, the error is shown with it
          uploadError = e instanceof Error ? e : new ApiError({ status: 0, title: String(e) });
        } finally {
          setProgress(null);
        }
      }
      return { need, uploadError };
    },
    {
      onSuccess: (r) => {
        // saved: nothing left to keep on the device (the form stays mounted behind the next step)
        clearDraft();
        form.resetDirty();
        notifications.show({ color: 'green', message: t('need.form.saved') });
        setSaved(r);
      },
    },
  );

  if (saved) return <NeedSaved saved={saved.need} editing={!!id} uploadError={saved.uploadError} />;

  const cost = parseMoney(form.values.estimatedCost);
  const costOk = cost !== undefined && !Number.isNaN(cost);
  const submit = form.onSubmit(
    (v) => {
      if (!photos.check()) return;
      save.mutate(v, { onError: (e) => showServerErrors(form, e) });
    },
    () => notifications.show({ color: 'red', message: t('form.fixErrors') }),
  );

  return (
    <form onSubmit={submit} noValidate data-testid="need-form">
      <Stack gap="md" maw={860}>
        <Anchor component={Link} href={id ? `/nhu-cau/${id}` : '/nhu-cau'} size="sm">
          ← {t('common.back')}
        </Anchor>
        <Title order={1}>{id ? t('need.form.editTitle') : t('need.form.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('need.form.intro')}
        </Text>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(initial)} />}
        {save.error && <ErrorAlert error={save.error} />}
        {ownSchool(auth) || id ? (
          <TextInput label={t('need.school')} value={form.values.schoolName} readOnly data-testid="need-form-school" />
        ) : (
          <SchoolPicker
            label={t('need.school')}
            testId="need-form-school"
            provinceCode={pickerProvince(auth)}
            value={{ id: form.values.schoolId, name: form.values.schoolName }}
            onChange={(sid, name) => {
              form.setValues({ schoolId: sid, schoolName: name });
              form.clearFieldError('schoolId');
            }}
            error={form.errors.schoolId}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('need.category')}
            required
            data={NEED_CATEGORIES.map((c) => ({ value: c, label: t(`need.category.${c}`) }))}
            value={form.values.category || null}
            onChange={(v) => form.setFieldValue('category', (v as NeedCategory) ?? '')}
            error={form.errors.category}
            searchable
            data-testid="need-form-category"
          />
          <Select
            label={t('need.priority')}
            required
            data={PRIORITIES.map((p) => ({ value: p, label: t(`need.priority.${p}`) }))}
            value={form.values.priority}
            onChange={(v) => form.setFieldValue('priority', (v as Priority) ?? 'normal')}
            allowDeselect={false}
            data-testid="need-form-priority"
          />
        </SimpleGrid>
        <TextInput label={t('need.titleField')} description={t('need.form.titleHelp')} required maxLength={300} {...form.getInputProps('title')} data-testid="need-form-title" />
        <Textarea label={t('need.description')} description={t('need.descriptionHelp')} autosize minRows={3} maxRows={10} maxLength={5000} {...form.getInputProps('description')} data-testid="need-form-description" />
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <TextInput label={t('need.quantity')} required inputMode="decimal" {...form.getInputProps('quantity')} data-testid="need-form-quantity" />
          <TextInput label={t('need.unit')} required placeholder={t('need.form.unitPlaceholder')} maxLength={50} {...form.getInputProps('unit')} data-testid="need-form-unit" />
          <TextInput
            label={t('need.estimatedCost')}
            required
            inputMode="numeric"
            placeholder="150.000.000"
            {...form.getInputProps('estimatedCost')}
            onBlur={() => costOk && form.setFieldValue('estimatedCost', formatNumber(cost))}
            description={costOk ? formatVnd(cost) : t('need.form.costHelp')}
            rightSection={<Text size="sm">₫</Text>}
            data-testid="need-form-cost"
          />
        </SimpleGrid>
        <FilesField
          state={photos}
          label={t('need.photos')}
          description={t('need.photos.help')}
          accept={IMAGE_ACCEPT}
          data-testid="need-form-photos-button"
          inputTestId="need-form-photos"
        />
        {save.error && photos.files.some((f) => photos.problemOf(f)) && (
          <Text size="sm" c="red" data-testid="need-form-photos-kept">
            {created.current && !id ? `${t('need.form.savedPhotosRefused')} ` : ''}
            {t('files.refusedKept')}
          </Text>
        )}
        {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('need.form.draftNote')}
          </Text>
          <Button type="submit" loading={save.isPending} data-testid="need-form-save">
            {id ? t('common.save') : t('need.form.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
