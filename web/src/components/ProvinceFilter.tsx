import { Select } from '@mantine/core';
import { useI18n } from '../i18n';
import { useProvinces } from '../lib/reference';

/** The "Tỉnh/thành phố" filter of a list or a map: the 34 provinces, searchable without diacritics, clearable. */
export function ProvinceFilter({ value, onChange, testId, w }: { value: string | null | undefined; onChange: (code: string | undefined) => void; testId: string; w?: number }) {
  const { t } = useI18n();
  const provinces = useProvinces();
  return (
    <Select
      label={t('schools.province')}
      placeholder={t('common.all')}
      data={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
      value={value || null}
      onChange={(v) => onChange(v ?? undefined)}
      searchable
      clearable
      w={w}
      data-testid={testId}
    />
  );
}
