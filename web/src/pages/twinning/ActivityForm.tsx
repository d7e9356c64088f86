import { Button, Card, Fieldset, NativeSelect, Progress, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { ACTIVITY_KIND_LIST, twinningApi, type ActivityKind, type ActivityMode, type SupportForm } from '../../../../contracts/twinning';
import { ApiError } from '../../api';
import { callForm } from '../../api/call';
import { DraftFormFooter, ErrorAlert } from '../../components/common';
import { FilesField, useFiles } from '../../components/FilesField';
import { useI18n, type TFunction } from '../../i18n';
import { DraftRestored, useDraftForm } from '../../lib/form';
import { inputDate, parseVnDate, parseViDecimal, parseViInteger } from '../../lib/format';
import { useApiMutation } from '../../lib/query';
import { ACCEPT_EVIDENCE, EVIDENCE_RULES, kindLabel, parseMoney, subKindLabel, subKindsOf, todayIso } from './shared';

interface Values extends Record<string, unknown> {
  heldOn: string;
  kind: ActivityKind | '';
  subKind: string;
  mode: ActivityMode | '';
  title: string;
  description: string;
  teachers: string;
  pupils: string;
  supportForm: SupportForm;
  value: string;
  quantity: string;
  unit: string;
}

const empty = (): Values => ({ heldOn: inputDate(todayIso()), kind: '', subKind: '', mode: '', title: '', description: '', teachers: '', pupils: '', supportForm: 'in_kind', value: '', quantity: '', unit: '' });

const count = (s: string) => (s.trim() ? parseViInteger(s) : 0);
const okCount = (n: number | undefined) => n !== undefined && !Number.isNaN(n) && n >= 0;
const quantityOf = (s: string) => (s.trim() ? parseViDecimal(s.replace(/\.(?=\d{3}\b)/g, '')) : undefined);

/** The form's checks, worded in the UI language (the server checks the same against contracts/twinning.ts). */
function activitySchema(t: TFunction, withSupport: boolean) {
  return z
    .object({ heldOn: z.string(), kind: z.string().min(1, t('tw.form.pick')), subKind: z.string().min(1, t('tw.form.pick')), mode: z.string(), title: z.string().trim().min(3, t('tw.form.titleRequired')), teachers: z.string(), pupils: z.string(), value: z.string(), quantity: z.string() })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (!parseVnDate(v.heldOn)) issue('heldOn', t('tw.form.heldOnInvalid'));
      if (v.subKind === 'connected_classroom' && !v.mode) issue('mode', t('tw.form.modeRequired'));
      if (!okCount(count(v.teachers))) issue('teachers', t('tw.form.countInvalid'));
      if (!okCount(count(v.pupils))) issue('pupils', t('tw.form.countInvalid'));
      if (withSupport && v.kind === 'material_support' && v.value.trim()) {
        const money = parseMoney(v.value);
        if (money === undefined || Number.isNaN(money) || money < 0) issue('value', t('tw.form.valueInvalid'));
        const q = quantityOf(v.quantity);
        if (q !== undefined && (Number.isNaN(q) || q <= 0)) issue('quantity', t('tw.form.quantityInvalid'));
      }
    });
}

/** A school of the pair logs an activity (§II kinds); material support may carry a value for the ledger (`canLogSupport`). */
export function ActivityForm({ pairId, canLogSupport }: { pairId: string; canLogSupport: boolean }) {
  const { t } = useI18n();
  const schema = useMemo(() => activitySchema(t, canLogSupport), [t, canLogSupport]);
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<Values>({ draftKey: `kn.draft.twinningActivity.${pairId}`, initialValues: empty(), schema });
  const files = useFiles(EVIDENCE_RULES);
  const [progress, setProgress] = useState<number | null>(null);
  const v = form.getValues();
  const connected = v.subKind === 'connected_classroom';
  // the receiving school does not write support to the ledger: the Hanoi school gives, the border school confirms
  const showSupport = v.kind === 'material_support' && canLogSupport;

  const send = useApiMutation(
    (values: Values) => {
      const support = showSupport && values.value.trim()
        ? { form: values.supportForm, valueVnd: parseMoney(values.value) as number, quantity: quantityOf(values.quantity) ?? null, unit: quantityOf(values.quantity) ? values.unit.trim() || null : null }
        : null;
      setProgress(0);
      return callForm(twinningApi.logActivity, {
        params: { id: pairId },
        fields: {
          heldOn: parseVnDate(values.heldOn), kind: values.kind, subKind: values.subKind, mode: connected ? values.mode : undefined, title: values.title.trim(),
          description: values.description.trim() || undefined, teachers: count(values.teachers), pupils: count(values.pupils), support: support ? JSON.stringify(support) : undefined,
        },
        files: files.files,
      }, setProgress).finally(() => setProgress(null));
    },
    {
      domains: [twinningApi.logActivity.tags[0]],
      onSuccess: () => {
        clearDraft(empty());
        files.clear();
        notifications.show({ color: 'green', message: t('tw.form.sent') });
      },
    },
  );

  const onSubmit = form.onSubmit(
    (values) => {
      if (!files.check()) return;
      send.mutate(values, {
        onError: (err) => {
          if (!(err instanceof ApiError)) return;
          // a refused file is marked by name in the list; the others and what was typed stay
          if (files.fromServer(err)) return;
          for (const f of err.fieldErrors) {
            const head = f.path.split('.')[0];
            form.setFieldError(head === 'support' ? 'value' : head, f.message);
          }
        },
      });
    },
    () => notifications.show({ color: 'red', message: t('form.fixErrors') }),
  );

  const setKind = (kind: string) => form.setValues({ kind: kind as Values['kind'], subKind: '', mode: '' });
  const setSubKind = (subKind: string) => form.setValues(subKind === 'connected_classroom' ? { subKind } : { subKind, mode: '' });
  const busy = progress !== null;
  const pct = Math.round((progress ?? 0) * 100);

  return (
    <Card withBorder component="section" aria-labelledby="tw-activity-form-title">
      <form onSubmit={onSubmit} noValidate data-testid="activity-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="tw-activity-form-title">
            {t('tw.form.title')}
          </Title>
          {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(empty())} extra={t('tw.form.filesNotKept')} />}
          {send.error && <ErrorAlert error={send.error} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label={t('tw.form.heldOn')} placeholder={t('tw.form.heldOnHelp')} required autoComplete="off" {...form.getInputProps('heldOn')} data-testid="activity-date" />
            <NativeSelect
              label={t('tw.form.kind')}
              required
              {...form.getInputProps('kind')}
              onChange={(e) => setKind(e.currentTarget.value)}
              data={[{ value: '', label: t('tw.form.pick') }, ...ACTIVITY_KIND_LIST.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
              data-testid="activity-kind"
            />
            <NativeSelect
              label={t('tw.form.subKind')}
              required
              disabled={!v.kind}
              {...form.getInputProps('subKind')}
              onChange={(e) => setSubKind(e.currentTarget.value)}
              data={[{ value: '', label: t('tw.form.pick') }, ...subKindsOf(v.kind).map((s) => ({ value: s, label: subKindLabel(t, s) }))]}
              data-testid="activity-subkind"
            />
          </SimpleGrid>
          {connected && (
            <NativeSelect
              label={t('tw.form.mode')}
              required
              {...form.getInputProps('mode')}
              data={[
                { value: '', label: t('tw.form.pick') },
                { value: 'in_person', label: t('tw.mode.in_person') },
                { value: 'online', label: t('tw.mode.online') },
              ]}
              maw={320}
              data-testid="activity-mode"
            />
          )}
          <TextInput label={t('tw.form.titleField')} required maxLength={300} {...form.getInputProps('title')} data-testid="activity-title" />
          <Textarea label={t('tw.form.description')} autosize minRows={2} maxRows={8} maxLength={5000} {...form.getInputProps('description')} data-testid="activity-description" />
          <SimpleGrid cols={{ base: 2 }} spacing="sm" maw={420}>
            <TextInput label={t('tw.form.teachers')} inputMode="numeric" placeholder="0" {...form.getInputProps('teachers')} data-testid="activity-teachers" />
            <TextInput label={t('tw.form.pupils')} inputMode="numeric" placeholder="0" {...form.getInputProps('pupils')} data-testid="activity-pupils" />
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
                    {...form.getInputProps('supportForm')}
                    data={[
                      { value: 'in_kind', label: t('tw.form.form.in_kind') },
                      { value: 'money', label: t('tw.form.form.money') },
                    ]}
                    data-testid="activity-support-form"
                  />
                  <TextInput label={t('tw.form.value')} inputMode="numeric" placeholder="16.000.000" rightSection={<Text size="sm" c="dimmed">₫</Text>} {...form.getInputProps('value')} data-testid="activity-support-value" />
                  {v.supportForm === 'in_kind' && (
                    <>
                      <TextInput label={t('tw.form.quantity')} inputMode="decimal" {...form.getInputProps('quantity')} data-testid="activity-support-quantity" />
                      <TextInput label={t('tw.form.unit')} placeholder={t('tw.form.unitPlaceholder')} maxLength={50} {...form.getInputProps('unit')} data-testid="activity-support-unit" />
                    </>
                  )}
                </SimpleGrid>
              </Stack>
            </Fieldset>
          )}
          <FilesField
            state={files}
            label={t('tw.form.files')}
            description={t('tw.form.filesHelp')}
            placeholder={t('tw.form.filesPlaceholder')}
            accept={ACCEPT_EVIDENCE}
            disabled={busy}
            inputTestId="activity-files"
          />
          {busy && (
            <Stack gap={4} aria-live="polite">
              <Progress value={pct} aria-label={t('tw.form.title')} />
              <Text size="sm" c="dimmed">
                {t('tw.form.uploading', { percent: pct })}
              </Text>
            </Stack>
          )}
          <DraftFormFooter>
            <Button type="submit" loading={send.isPending} data-testid="activity-submit">
              {t('tw.form.submit')}
            </Button>
          </DraftFormFooter>
        </Stack>
      </form>
    </Card>
  );
}
