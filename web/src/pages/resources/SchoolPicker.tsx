import { Select } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { useDebounced } from '../../lib/hooks';
import { resourceQueries, useResource } from './queries';

/**
 * A searchable school select (within a province when given). The chosen school shows by its
 * name alone; the others with their commune to tell namesakes apart.
 */
export function SchoolPicker({
  provinceCode,
  value,
  onChange,
  label,
  description,
  placeholder,
  error,
  testId,
}: {
  provinceCode?: string | null;
  value: { id: string; name: string };
  onChange: (id: string, name: string) => void;
  label: string;
  description?: string;
  placeholder?: string;
  error?: ReactNode;
  testId: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState(value.name);
  useEffect(() => setSearch(value.name), [value.name]);
  const q = useDebounced(search.trim(), 300);
  const list = useResource(resourceQueries.schools({ provinceCode: provinceCode ?? undefined, q: q && q !== value.name ? q : undefined, limit: 50 }), { keepPrevious: true });
  const data = (list.data?.items ?? []).map((s) => ({ value: s.id, label: s.id === value.id ? s.name : `${s.name} — ${s.communeName}` }));
  if (value.id && !data.some((d) => d.value === value.id)) data.unshift({ value: value.id, label: value.name });
  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      required
      searchable
      data={data}
      value={value.id || null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, opt) => onChange(v ?? '', opt ? opt.label.split(' — ')[0] : '')}
      nothingFoundMessage={list.isFetching ? t('app.loading') : list.error ? (list.error.detail ?? list.error.title) : t('common.noResults')}
      filter={({ options }) => options}
      error={error}
      data-testid={testId}
    />
  );
}
