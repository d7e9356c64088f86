import { Button, Checkbox, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useRef } from 'react';
import { z } from 'zod';
import { FORMS, resourcesApi, type ContributionForm, type NeedDetail } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { showServerErrors, useDraftForm } from '../../../lib/form';
import { amountText, trimmedText } from '../fields';
import { useResourceMutation } from '../queries';
import { formatVnd, parseMoney, parseQuantity } from '../shared';

/** A donor pledges part or all of what a need still lacks. */
export function PledgeModal({ need, onClose, onDone }: { need: NeedDetail; onClose: () => void; onDone: (contributionId: string) => void }) {
  const { t } = useI18n();
  const unitCost = need.quantity > 0 ? need.estimatedCost / need.quantity : 0;
  // the server's rule: a pledge in money alone is set against the value still open, one naming a quantity against the quantity
  const schema = useMemo(
    () =>
      z
        .object({
          form: z.enum(FORMS),
          quantity: z.string(),
          valueVnd: amountText(t('pledge.valueInvalid')),
          description: trimmedText(3, t('pledge.descriptionRequired')),
          anonymous: z.boolean(),
        })
        .superRefine((v, ctx) => {
          if (v.form === 'money') {
            const value = parseMoney(v.valueVnd);
            if (value !== undefined && value > need.remainingValue)
              ctx.addIssue({ code: 'custom', path: ['valueVnd'], message: t('pledge.valueTooMuch', { value: formatVnd(need.remainingValue) }) });
            return;
          }
          const q = parseQuantity(v.quantity);
          if (q === undefined || Number.isNaN(q) || q <= 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: t('pledge.quantityInvalid') });
          else if (q > need.remainingQuantity) ctx.addIssue({ code: 'custom', path: ['quantity'], message: t('pledge.quantityTooMuch', { n: formatNumber(need.remainingQuantity), unit: need.unit }) });
        }),
    [t, need.remainingQuantity, need.remainingValue, need.unit],
  );
  const { form } = useDraftForm({
    draftKey: null,
    schema,
    initialValues: {
      quantity: String(need.remainingQuantity),
      valueVnd: formatNumber(Math.round(unitCost * need.remainingQuantity)),
      form: 'in_kind' as ContributionForm,
      description: `${formatNumber(need.remainingQuantity)} ${need.unit} – ${need.title}`,
      anonymous: false,
    },
  });
  const valueTouched = useRef(false);
  const pledge = useResourceMutation(
    (v: typeof form.values) =>
      resourcesApi.contributions.pledge({
        needId: need.id, form: v.form, description: v.description.trim(), valueVnd: parseMoney(v.valueVnd)!,
        quantity: v.form === 'money' ? undefined : parseQuantity(v.quantity)!, anonymous: v.anonymous,
      }),
    {
      onSuccess: (c) => {
        notifications.show({ color: 'green', message: t('pledge.done') });
        onDone(c.id);
      },
    },
  );
  const submit = form.onSubmit((v) => pledge.mutate(v, { onError: (err) => showServerErrors(form, err) }));

  return (
    <Modal opened onClose={onClose} title={t('pledge.title')} size="lg">
      <form onSubmit={submit} noValidate data-testid="pledge-form">
        <Stack>
          <Text size="sm">
            <b>{need.title}</b> — {need.schoolName}
          </Text>
          <Text size="sm" c="dimmed">
            {t('need.remaining', { quantity: formatNumber(need.remainingQuantity), unit: need.unit, value: formatVnd(need.remainingValue) })}
          </Text>
          {pledge.error && <ErrorAlert error={pledge.error} />}
          <Group grow align="flex-start" wrap="wrap">
            {form.values.form !== 'money' && (
            <TextInput
              label={t('pledge.quantity', { unit: need.unit })}
              inputMode="decimal"
              required
              {...form.getInputProps('quantity')}
              onChange={(e) => {
                const s = e.currentTarget.value;
                form.setFieldValue('quantity', s);
                const q = parseQuantity(s);
                if (!valueTouched.current && q && !Number.isNaN(q)) form.setFieldValue('valueVnd', formatNumber(Math.round(unitCost * q)));
              }}
              description={t('pledge.quantityHelp', { n: formatNumber(need.remainingQuantity) })}
              data-testid="pledge-quantity"
              miw={160}
            />
            )}
            <TextInput
              label={t('pledge.value')}
              inputMode="numeric"
              required
              {...form.getInputProps('valueVnd')}
              onChange={(e) => {
                valueTouched.current = true;
                form.setFieldValue('valueVnd', e.currentTarget.value);
              }}
              onBlur={() => {
                const v = parseMoney(form.values.valueVnd);
                if (v !== undefined && !Number.isNaN(v)) form.setFieldValue('valueVnd', formatNumber(v));
              }}
              description={form.values.form === 'money' ? t('pledge.valueHelpMoney', { value: formatVnd(need.remainingValue) }) : t('pledge.valueHelp')}
              rightSection={<Text size="sm">₫</Text>}
              data-testid="pledge-value"
              miw={180}
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="pledge-form-label">
              {t('pledge.form')}
            </Text>
            <SegmentedControl
              aria-labelledby="pledge-form-label"
              value={form.values.form}
              onChange={(v) => {
                form.setFieldValue('form', v as ContributionForm);
                // money alone: the amount still open, unless the donor typed one
                if (v === 'money' && !valueTouched.current) form.setFieldValue('valueVnd', formatNumber(need.remainingValue));
              }}
              data={FORMS.map((f) => ({ value: f, label: t(`pledge.formValue.${f}`) }))}
              data-testid="pledge-form-kind"
            />
          </Stack>
          <Textarea label={t('pledge.description')} required autosize minRows={2} {...form.getInputProps('description')} data-testid="pledge-description" />
          <Checkbox
            label={t('pledge.anonymous')}
            description={t('pledge.anonymousHelp')}
            {...form.getInputProps('anonymous', { type: 'checkbox' })}
            data-testid="pledge-anonymous"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pledge.isPending} data-testid="pledge-submit">
              {t('pledge.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
