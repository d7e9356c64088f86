import { Button, Checkbox, Chip, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SchoolLevel } from '../../../api';
import { ErrorAlert, LevelBadges, PageLoader } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { useDebounced } from '../../../lib/hooks';
import { resourceQueries, useResource } from '../queries';
import { byLevelThenName } from './quota';

export interface Picked {
  id: string;
  name: string;
  levels: string[];
  communeName?: string;
}

/** Find schools of the province by level and name, ticking those chosen. */
export function SchoolFinder({ provinceCode, picked, toggle }: { provinceCode: string | null; picked: Picked[]; toggle: (s: Picked, on: boolean) => void }) {
  const { t } = useI18n();
  const [level, setLevel] = useState<string>('mam_non');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const schools = useResource(resourceQueries.schools({ provinceCode: provinceCode ?? undefined, level: level === 'all' ? undefined : (level as SchoolLevel), q: q || undefined, limit: 50 }), {
    enabled: !!provinceCode,
    keepPrevious: true,
  });
  const pickedIds = new Set(picked.map((p) => p.id));
  return (
    <Stack gap="xs" miw={0}>
      <Text fw={600} size="sm" id="p29-find">
        {t('p29.sel.find')}
      </Text>
      <Chip.Group multiple={false} value={level} onChange={(v) => setLevel(v as string)}>
        <Group gap={6} wrap="wrap" role="radiogroup" aria-labelledby="p29-find" data-testid="p29-sel-level">
          {(['mam_non', 'tieu_hoc', 'thcs', 'all'] as const).map((l) => (
            <Chip key={l} value={l} size="sm" variant="outline">
              {l === 'all' ? t('common.all') : t(`level.${l}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <TextInput label={t('p29.sel.search')} placeholder={t('p29.sel.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-testid="p29-sel-search" />
      {schools.error && <ErrorAlert error={schools.error} onRetry={() => void schools.refetch()} />}
      <Text size="xs" c="dimmed" aria-live="polite">
        {schools.data ? t('p29.sel.found', { n: formatNumber(schools.data.total), shown: formatNumber(schools.data.items.length) }) : '\u00a0'}
      </Text>
      <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
        <Stack gap={6} data-testid="p29-sel-results">
          {schools.data?.items.map((s) => (
            <Checkbox
              key={s.id}
              name="p29-school"
              checked={pickedIds.has(s.id)}
              onChange={(e) => toggle({ id: s.id, name: s.name, levels: s.levels, communeName: s.communeName }, e.currentTarget.checked)}
              label={s.name}
              description={
                <Group gap={6} wrap="wrap" component="span">
                  <span>{s.communeName}</span>
                  <LevelBadges levels={s.levels} />
                </Group>
              }
              data-testid="p29-sel-school"
              data-school-id={s.id}
              styles={{ body: { alignItems: 'flex-start' }, label: { fontWeight: 500 } }}
            />
          ))}
          {schools.data && schools.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
          {schools.isPending && schools.fetchStatus === 'fetching' && <PageLoader />}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** The schools chosen, by level then name, each with a remove button. */
export function PickedSchools({ picked, toggle, error }: { picked: Picked[]; toggle: (s: Picked, on: boolean) => void; error?: string }) {
  const { t } = useI18n();
  return (
    <Stack gap="xs" miw={0}>
      <Text fw={600} size="sm">
        {t('p29.sel.picked', { n: picked.length })}
      </Text>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      {picked.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('p29.sel.pickedNone')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={480} type="auto" offsetScrollbars>
          <Stack gap={4} data-testid="p29-sel-picked">
            {[...picked].sort(byLevelThenName).map((s) => (
              <Group key={s.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="p29-sel-picked-row">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm">{s.name}</Text>
                  <LevelBadges levels={s.levels as SchoolLevel[]} />
                </div>
                <Button size="compact-sm" variant="subtle" color="red" onClick={() => toggle(s, false)} aria-label={t('p29.sel.removeSchool', { name: s.name })}>
                  {t('p29.sel.remove')}
                </Button>
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
