import { Card, Checkbox, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { organisationsApi } from '../../../../contracts/organisations';
import { useI18n } from '../../i18n';
import { useApi } from '../../lib/query';
import { useCommunes, useProvinces } from '../../lib/reference';
import { OWNERSHIPS, SCHOOL_LEVELS } from '../../lib/vocab';
import type { SchoolFormValues } from './schoolForm';

type Form = UseFormReturnType<SchoolFormValues>;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/** Code, name, levels, ownership. `recode`: whether the code may change. */
export function GeneralSection({ form, recode }: { form: Form; recode: boolean }) {
  const { t } = useI18n();
  return (
    <Section title={t('form.general')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('school.code')} required name="code" data-testid="field-code" disabled={!recode} {...form.getInputProps('code')} />
        <TextInput label={t('school.name')} required name="name" data-testid="field-name" {...form.getInputProps('name')} />
      </SimpleGrid>
      <Checkbox.Group label={t('school.levels')} withAsterisk data-testid="field-levels" {...form.getInputProps('levels')}>
        <Group gap="md" mt={6}>
          {SCHOOL_LEVELS.map((l) => (
            <Checkbox key={l} value={l} label={t(`level.${l}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <div>
        <Text size="sm" fw={500} mb={4} id="ownership-label">
          {t('school.ownership')}
        </Text>
        <SegmentedControl
          aria-labelledby="ownership-label"
          value={form.values.ownership}
          onChange={(v) => form.setFieldValue('ownership', v as SchoolFormValues['ownership'])}
          data={OWNERSHIPS.map((o) => ({ value: o, label: t(`ownership.${o}`) }))}
        />
        {form.errors.ownership && (
          <Text c="red" size="xs" mt={4}>
            {form.errors.ownership}
          </Text>
        )}
      </div>
    </Section>
  );
}

/** Province, commune, address, coordinates. */
export function LocationSection({ form, recode }: { form: Form; recode: boolean }) {
  const { t } = useI18n();
  const provinceCode = form.values.provinceCode;
  const provinces = useProvinces();
  const communes = useCommunes(provinceCode || null);
  const setProvince = (v: string | null) => {
    if ((v ?? '') === provinceCode) return;
    form.setValues({ provinceCode: v ?? '', communeCode: '', clusterId: '' });
  };
  return (
    <Section title={t('form.location')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('school.province')}
          required
          searchable
          data={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
          value={provinceCode || null}
          onChange={setProvince}
          disabled={!recode}
          data-testid="field-province"
          rightSection={provinces.isLoading ? <Loader size="xs" /> : undefined}
        />
        <Select
          label={t('school.commune')}
          required
          searchable
          data={(communes.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          value={form.values.communeCode || null}
          onChange={(v) => form.setFieldValue('communeCode', v ?? '')}
          disabled={!provinceCode || !recode}
          placeholder={provinceCode ? undefined : t('schools.communePickProvince')}
          error={form.errors.communeCode}
          data-testid="field-commune"
          rightSection={communes.isLoading ? <Loader size="xs" /> : undefined}
        />
      </SimpleGrid>
      <TextInput label={t('school.address')} name="address" {...form.getInputProps('address')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('school.lat')} description={t('form.coordHint')} inputMode="decimal" name="lat" {...form.getInputProps('lat')} />
        <TextInput label={t('school.lng')} description={t('form.coordHint')} inputMode="decimal" name="lng" {...form.getInputProps('lng')} />
      </SimpleGrid>
    </Section>
  );
}

/** Pupils, staff and the school's cluster (clusters of its province). `recode`: whether the cluster may change. */
export function SizeSection({ form, recode }: { form: Form; recode: boolean }) {
  const { t } = useI18n();
  const provinceCode = form.values.provinceCode;
  const clusters = useApi(organisationsApi.list, { query: { kind: 'cluster', provinceCode, limit: 200 } }, { enabled: !!provinceCode });
  const clusterOptions = (clusters.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  return (
    <Section title={t('form.size')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('school.pupils')} description={t('form.numberHint')} inputMode="numeric" name="pupils" data-testid="field-pupils" {...form.getInputProps('pupils')} />
        <TextInput label={t('school.staff')} description={t('form.numberHint')} inputMode="numeric" name="staff" data-testid="field-staff" {...form.getInputProps('staff')} />
      </SimpleGrid>
      {(clusterOptions.length > 0 || form.values.clusterId) && (
        <Select
          label={t('school.cluster')}
          placeholder={t('form.clusterNone')}
          clearable
          searchable
          data={clusterOptions}
          value={form.values.clusterId || null}
          onChange={(v) => form.setFieldValue('clusterId', v ?? '')}
          disabled={!recode}
          error={form.errors.clusterId}
        />
      )}
    </Section>
  );
}
