import { Alert, Button, Card, Fieldset, FileInput, Group, NativeSelect, Progress, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { TW_KINDS, twinningApi, type TwKind, type TwMode, type TwSupportForm } from '../../api/twinning';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, parseVnDate, parseViDecimal, parseViInteger } from '../../lib/format';
import { ACCEPT_EVIDENCE, checkEvidence, DraftRestored, kindLabel, parseMoney, subKindLabel, subKindsOf, todayIso, useDraft } from './shared';

interface Values {
  heldOn: string;
  kind: TwKind | '';
  subKind: string;
  mode: TwMode | '';
  title: string;
  description: string;
  teachers: string;
  pupils: string;
  supportForm: TwSupportForm;
  value: string;
  quantity: string;
  unit: string;
}

type Field = keyof Values | 'files' | 'support';
type Errors = Partial<Record<Field, string>>;

const empty = (): Values => ({
  heldOn: formatDate(todayIso()),
  kind: '',
  subKind: '',
  mode: '',
  title: '',
  description: '',
  teachers: '',
  pupils: '',
  supportForm: 'in_kind',
  value: '',
  quantity: '',
  unit: '',
});

/** A school of the pair logs an activity (§II kinds); material support may carry a value for the ledger. */
export function ActivityForm({ pairId, isBorderSide, onLogged }: { pairId: string; isBorderSide: boolean; onLogged: () => void }) {
  const { t } = useI18n();
  const { values, setValues, restoredAt, dismissRestored, clear } = useDraft<Values>(`kn.draft.twinningActivity.${pairId}`, empty());
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const set = <K extends keyof Values>(k: K, v: Values[K]) => {
    setValues((old) => {
      const next = { ...old, [k]: v };
      if (k === 'kind') {
        next.subKind = '';
        next.mode = '';
      }
      if (k === 'subKind' && v !== 'connected_classroom') next.mode = '';
      return next;
    });
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const material = values.kind === 'material_support';
  const connected = values.subKind === 'connected_classroom';
  // the receiving school does not write support to the ledger: the Hanoi school gives, the border school confirms
  const showSupport = material && !isBorderSide;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const next: Errors = {};
    const heldOn = parseVnDate(values.heldOn);
    if (!heldOn) next.heldOn = t('tw.form.heldOnInvalid');
    if (!values.kind) next.kind = t('tw.form.pick');
    if (!values.subKind) next.subKind = t('tw.form.pick');
    if (connected && !values.mode) next.mode = t('tw.form.modeRequired');
    if (values.title.trim().length < 3) next.title = t('tw.form.titleRequired');
    const teachers = values.teachers.trim() ? parseViInteger(values.teachers) : 0;
    const pupils = values.pupils.trim() ? parseViInteger(values.pupils) : 0;
    if (teachers === undefined || Number.isNaN(teachers) || teachers < 0) next.teachers = t('tw.form.countInvalid');
    if (pupils === undefined || Number.isNaN(pupils) || pupils < 0) next.pupils = t('tw.form.countInvalid');
    let support: { form: TwSupportForm; valueVnd: number; quantity: number | null; unit: string | null } | null = null;
    if (showSupport && values.value.trim()) {
      const v = parseMoney(values.value);
      const q = values.quantity.trim() ? parseViDecimal(values.quantity.replace(/\.(?=\d{3}\b)/g, '')) : undefined;
      if (v === undefined || Number.isNaN(v) || v < 0) next.value = t('tw.form.valueInvalid');
      if (q !== undefined && (Number.isNaN(q) || q <= 0)) next.quantity = t('tw.form.quantityInvalid');
      if (!next.value && !next.quantity) support = { form: values.supportForm, valueVnd: v as number, quantity: q ?? null, unit: q ? values.unit.trim() || null : null };
    }
    const fileError = checkEvidence(files, t);
    if (fileError) next.files = fileError;
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      notifications.show({ color: 'red', message: t('form.fixErrors') });
      return;
    }
    setProgress(0);
    try {
      await twinningApi.pairs.logActivity(
        pairId,
        {
          heldOn: heldOn!,
          kind: values.kind as TwKind,
          subKind: values.subKind,
          mode: connected ? (values.mode as TwMode) : null,
          title: values.title.trim(),
          description: values.description.trim() || undefined,
          teachers: teachers as number,
          pupils: pupils as number,
          support,
          files,
        },
        setProgress,
      );
      clear(empty());
      setFiles([]);
      notifications.show({ color: 'green', message: t('tw.form.sent') });
      onLogged();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      const fe: Errors = {};
      for (const f of apiErr.fieldErrors) {
        const head = f.path.split('.')[0] as Field;
        fe[head] = fe[head] ? `${fe[head]}; ${f.message}` : f.message;
      }
      if (fe.support) fe.value = fe.support;
      setErrors(fe);
      setFormError(apiErr);
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  const pct = Math.round((progress ?? 0) * 100);

  return (
    <Card withBorder component="section" aria-labelledby="tw-activity-form-title">
      <form onSubmit={onSubmit} noValidate data-testid="activity-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="tw-activity-form-title">
            {t('tw.form.title')}
          </Title>
          {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clear(empty())} extra={t('tw.form.filesNotKept')} />}
          {formError && <ErrorAlert error={formError} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('tw.form.heldOn')}
              placeholder={t('tw.form.heldOnHelp')}
              required
              value={values.heldOn}
              onChange={(e) => set('heldOn', e.currentTarget.value)}
              error={errors.heldOn}
              autoComplete="off"
              data-testid="activity-date"
            />
            <NativeSelect
              label={t('tw.form.kind')}
              required
              value={values.kind}
              onChange={(e) => set('kind', e.currentTarget.value as TwKind | '')}
              data={[{ value: '', label: t('tw.form.pick') }, ...TW_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
              error={errors.kind}
              data-testid="activity-kind"
            />
            <NativeSelect
              label={t('tw.form.subKind')}
              required
              disabled={!values.kind}
              value={values.subKind}
              onChange={(e) => set('subKind', e.currentTarget.value)}
              data={[{ value: '', label: t('tw.form.pick') }, ...subKindsOf(values.kind).map((s) => ({ value: s, label: subKindLabel(t, s) }))]}
              error={errors.subKind}
              data-testid="activity-subkind"
            />
          </SimpleGrid>
          {connected && (
            <NativeSelect
              label={t('tw.form.mode')}
              required
              value={values.mode}
              onChange={(e) => set('mode', e.currentTarget.value as TwMode | '')}
              data={[
                { value: '', label: t('tw.form.pick') },
                { value: 'in_person', label: t('tw.mode.in_person') },
                { value: 'online', label: t('tw.mode.online') },
              ]}
              error={errors.mode}
              maw={320}
              data-testid="activity-mode"
            />
          )}
          <TextInput label={t('tw.form.titleField')} required maxLength={300} value={values.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} data-testid="activity-title" />
          <Textarea label={t('tw.form.description')} autosize minRows={2} maxRows={8} maxLength={5000} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} data-testid="activity-description" />
          <SimpleGrid cols={{ base: 2 }} spacing="sm" maw={420}>
            <TextInput label={t('tw.form.teachers')} inputMode="numeric" value={values.teachers} onChange={(e) => set('teachers', e.currentTarget.value)} error={errors.teachers} placeholder="0" data-testid="activity-teachers" />
            <TextInput label={t('tw.form.pupils')} inputMode="numeric" value={values.pupils} onChange={(e) => set('pupils', e.currentTarget.value)} error={errors.pupils} placeholder="0" data-testid="activity-pupils" />
          </SimpleGrid>
          {showSupport && (
            <Fieldset legend={t('tw.form.support')} data-testid="activity-support">
              <Stack gap="xs">
                <Text size="xs" c="dimmed">
                  {t('tw.form.supportHelp')}
                </Text>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
                  <NativeSelect
                    label={t('tw.form.supportForm')}
                    value={values.supportForm}
                    onChange={(e) => set('supportForm', e.currentTarget.value as TwSupportForm)}
                    data={[
                      { value: 'in_kind', label: t('tw.form.form.in_kind') },
                      { value: 'money', label: t('tw.form.form.money') },
                    ]}
                    data-testid="activity-support-form"
                  />
                  <TextInput
                    label={t('tw.form.value')}
                    inputMode="numeric"
                    placeholder="16.000.000"
                    rightSection={<Text size="sm" c="dimmed">₫</Text>}
                    value={values.value}
                    onChange={(e) => set('value', e.currentTarget.value)}
                    error={errors.value}
                    data-testid="activity-support-value"
                  />
                  {values.supportForm === 'in_kind' && (
                    <>
                      <TextInput label={t('tw.form.quantity')} inputMode="decimal" value={values.quantity} onChange={(e) => set('quantity', e.currentTarget.value)} error={errors.quantity} data-testid="activity-support-quantity" />
                      <TextInput label={t('tw.form.unit')} placeholder={t('tw.form.unitPlaceholder')} maxLength={50} value={values.unit} onChange={(e) => set('unit', e.currentTarget.value)} data-testid="activity-support-unit" />
                    </>
                  )}
                </SimpleGrid>
              </Stack>
            </Fieldset>
          )}
          <FileInput
            label={t('tw.form.files')}
            description={t('tw.form.filesHelp')}
            placeholder={t('tw.form.filesPlaceholder')}
            multiple
            clearable
            accept={ACCEPT_EVIDENCE}
            value={files}
            onChange={(f) => {
              setFiles(f);
              setErrors((e) => ({ ...e, files: checkEvidence(f, t) ?? undefined }));
            }}
            error={errors.files}
            disabled={busy}
            fileInputProps={{ 'data-testid': 'activity-files', 'aria-label': t('tw.form.files') } as ComponentProps<'input'>}
          />
          {busy && (
            <Stack gap={4} aria-live="polite">
              <Progress value={pct} aria-label={t('tw.form.title')} />
              <Text size="sm" c="dimmed">
                {t('tw.form.uploading', { percent: pct })}
              </Text>
            </Stack>
          )}
          {errors.support && !showSupport && <Alert color="red">{errors.support}</Alert>}
          <Group justify="space-between" wrap="wrap">
            <Text size="xs" c="dimmed">
              {t('form.draftSaved')}
            </Text>
            <Button type="submit" loading={busy} data-testid="activity-submit">
              {t('tw.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
