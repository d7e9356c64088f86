import { ActionIcon, Anchor, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { SPONSORSHIP_FORMS, type SponsorshipForm } from '../../../../contracts/sponsorship';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber, formatVnd } from '../../lib/format';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { Link, useNavigate } from '../../lib/router';
import { parseMoney } from '../resources/shared';
import { useOwnNeeds, useSavePlan } from './api';
import { newItem, itemsTotal, planBody, planSchema, type PlanValues } from './planForm';

/** Draft a plan (or edit a draft or returned one): kept on this device while typing. */
export function PlanForm({ id, initial }: { id?: string; initial: PlanValues }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const schema = useMemo(() => planSchema(t('sp.form.valueRequired')), [t]);
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({ draftKey: `kn.draft.sponsorship.${id ?? 'new'}`, initialValues: initial, schema });
  const needs = useOwnNeeds(initial.schoolId);
  const save = useSavePlan(id, (p) => {
    clearDraft();
    form.resetDirty();
    notifications.show({ color: 'green', message: t('sp.form.saved') });
    navigate(`/ke-hoach-tai-tro/${p.id}`);
  });
  const submit = form.onSubmit(
    (v) => save.mutate(planBody(v), { onError: (e) => showServerErrors(form, e) }),
    () => notifications.show({ color: 'red', message: t('form.fixErrors') }),
  );
  const items = form.values.items;
  return (
    <form onSubmit={submit} noValidate data-testid="sp-form">
      <Stack gap="md" maw={900}>
        <Anchor component={Link} href={id ? `/ke-hoach-tai-tro/${id}` : '/ke-hoach-tai-tro'} size="sm">
          ← {t('common.back')}
        </Anchor>
        <Title order={1}>{id ? t('sp.form.editTitle') : t('sp.form.newTitle')}</Title>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(initial)} />}
        {save.error && <ErrorAlert error={save.error} />}
        <TextInput label={t('sp.field.title')} required maxLength={300} {...form.getInputProps('title')} data-testid="sp-form-title" />
        <Textarea label={t('sp.field.purpose')} description={t('sp.field.purposeHelp')} required autosize minRows={3} maxLength={3000} {...form.getInputProps('purpose')} data-testid="sp-form-purpose" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('sp.field.period')} required placeholder={t('sp.field.periodPlaceholder')} maxLength={60} {...form.getInputProps('period')} data-testid="sp-form-period" />
          <TextInput label={t('sp.field.beneficiaries')} maxLength={1000} {...form.getInputProps('beneficiaries')} data-testid="sp-form-beneficiaries" />
        </SimpleGrid>
        <Stack gap="xs">
          <Text fw={600}>{t('sp.field.items')}</Text>
          {typeof form.errors.items === 'string' && <Text c="red" size="sm">{form.errors.items}</Text>}
          {items.map((item, n) => (
            <Group key={item.key} align="flex-start" gap="xs" wrap="wrap" data-testid="sp-form-item">
              <TextInput label={t('sp.field.itemDescription')} required style={{ flex: '2 1 240px' }} maxLength={300} {...form.getInputProps(`items.${n}.description`)} data-testid={`sp-form-item-description-${n}`} />
              <Select
                label={t('sp.field.itemForm')}
                data={SPONSORSHIP_FORMS.map((f) => ({ value: f, label: t(`sp.form.${f}`) }))}
                value={items[n].form}
                onChange={(v) => form.setFieldValue(`items.${n}.form`, (v as SponsorshipForm) ?? 'money')}
                allowDeselect={false}
                style={{ flex: '1 1 140px' }}
                data-testid={`sp-form-item-form-${n}`}
              />
              <TextInput
                label={t('sp.field.itemValue')}
                required
                inputMode="numeric"
                style={{ flex: '1 1 160px' }}
                {...form.getInputProps(`items.${n}.value`)}
                onBlur={() => { const v = parseMoney(items[n].value); if (v !== undefined && !Number.isNaN(v)) form.setFieldValue(`items.${n}.value`, formatNumber(v)); }}
                data-testid={`sp-form-item-value-${n}`}
              />
              {items.length > 1 && (
                <ActionIcon variant="subtle" color="red" mt={28} aria-label={t('sp.field.removeItem', { n: n + 1 })} onClick={() => form.removeListItem('items', n)} data-testid={`sp-form-item-remove-${n}`}>
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          <Group justify="space-between">
            <Button variant="light" onClick={() => form.insertListItem('items', newItem())} disabled={items.length >= 50} data-testid="sp-form-add-item">
              {t('sp.field.addItem')}
            </Button>
            <Text fw={600} data-testid="sp-form-total">{t('sp.field.total', { total: formatVnd(itemsTotal(items)) })}</Text>
          </Group>
        </Stack>
        <MultiSelect
          label={t('sp.field.needs')}
          data={(needs.data?.items ?? []).map((n) => ({ value: n.id, label: n.title }))}
          value={form.values.needIds}
          onChange={(v) => form.setFieldValue('needIds', v)}
          searchable
          clearable
          maxValues={20}
          data-testid="sp-form-needs"
        />
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">{t('sp.form.draftNote')}</Text>
          <Button type="submit" loading={save.isPending} data-testid="sp-form-save">
            {t('sp.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
