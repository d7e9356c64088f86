import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { organisationsApi } from '../../../../contracts/organisations';
import { useI18n } from '../../i18n';
import { useApi } from '../../lib/query';

/** Organisations picked by searching their names on the server (co-organisers, invitees); the picked keep their names. */
export function OrgPicker({ label, description, value, onChange, max, testId }: {
  label: string; description?: string; value: { id: string; name: string }[]; onChange: (v: { id: string; name: string }[]) => void; max: number; testId: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useApi(organisationsApi.list, { query: { q: q || undefined, limit: 50 } }, { keepPrevious: true, enabled: q.length >= 2 });
  const found = (list.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  const data = [...value.map((o) => ({ value: o.id, label: o.name })), ...found.filter((f) => !value.some((o) => o.id === f.value))];
  return (
    <MultiSelect
      label={label} description={description} searchable clearable maxValues={max}
      data={data} value={value.map((o) => o.id)} searchValue={search} onSearchChange={setSearch}
      onChange={(ids) => onChange(ids.map((id) => value.find((o) => o.id === id) ?? { id, name: data.find((d) => d.value === id)?.label ?? id }))}
      filter={({ options }) => options}
      nothingFoundMessage={q.length < 2 ? t('act.form.typeToSearch') : list.isFetching ? t('app.loading') : t('common.noResults')}
      data-testid={testId}
    />
  );
}
