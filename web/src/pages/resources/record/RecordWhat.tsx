import { Card, Checkbox, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { FORMS, NEED_CATEGORIES, type ContributionForm, type NeedCategory } from '../../../api/resources';
import { useI18n } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { parseMoney } from '../shared';
import type { RecordForm } from './recordForm';

/** What is given: its form, category, description, value, quantity and unit, the day given, anonymity. */
export function RecordWhat({ form, withNeed, pastAllowed }: { form: RecordForm; withNeed: boolean; pastAllowed: boolean }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="section" aria-labelledby="record-what">
      <Stack gap="sm">
        <Title order={2} size="h4" id="record-what">
          {t('record.what')}
        </Title>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="record-form-label">
            {t('pledge.form')}
          </Text>
          <SegmentedControl
            aria-labelledby="record-form-label"
            value={form.values.form}
            onChange={(v) => form.setFieldValue('form', v as ContributionForm)}
            data={FORMS.map((f) => ({ value: f, label: t(`pledge.formValue.${f}`) }))}
            data-testid="record-form-kind"
          />
        </Stack>
        <Select
          label={t('record.category')}
          required={!withNeed}
          searchable
          data={NEED_CATEGORIES.map((c) => ({ value: c, label: t(`need.category.${c}`) }))}
          value={form.values.category || null}
          onChange={(v) => form.setFieldValue('category', (v as NeedCategory | null) ?? '')}
          error={form.errors.category}
          data-testid="record-category"
        />
        <Textarea
          label={t('pledge.description')}
          description={t('record.descriptionHelp')}
          required
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('description')}
          data-testid="record-description"
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <TextInput
            label={t('pledge.value')}
            description={t('record.valueHelp')}
            inputMode="numeric"
            required
            {...form.getInputProps('valueVnd')}
            onBlur={() => {
              const v = parseMoney(form.values.valueVnd);
              if (v !== undefined && !Number.isNaN(v)) form.setFieldValue('valueVnd', formatNumber(v));
            }}
            rightSection={<Text size="sm">₫</Text>}
            data-testid="record-value"
          />
          <TextInput label={t('record.quantity')} inputMode="decimal" {...form.getInputProps('quantity')} data-testid="record-quantity" />
          <TextInput
            label={t('record.unit')}
            description={withNeed ? t('record.unitFromNeed') : undefined}
            placeholder={t('record.unitPlaceholder')}
            readOnly={withNeed}
            maxLength={50}
            {...form.getInputProps('unit')}
            data-testid="record-unit"
          />
        </SimpleGrid>
        {pastAllowed && (
          <TextInput
            label={t('record.givenOn')}
            description={t('record.givenOnHelp')}
            placeholder="dd/mm/yyyy"
            maw={240}
            {...form.getInputProps('pledgedOn')}
            data-testid="record-given-on"
          />
        )}
        <Checkbox label={t('pledge.anonymous')} description={t('pledge.anonymousHelp')} {...form.getInputProps('anonymous', { type: 'checkbox' })} data-testid="record-anonymous" />
      </Stack>
    </Card>
  );
}
