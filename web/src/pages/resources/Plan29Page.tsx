import { Alert, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { QueryView } from '../../lib/query';
import { plan29Selectable } from './permissions';
import { QuotaCard } from './plan29/QuotaCard';
import { YEARS } from './plan29/quota';
import { SelectionEditor } from './plan29/SelectionEditor';
import { TargetsTable } from './plan29/TargetsTable';
import { resourceQueries, useResource } from './queries';

/** `/ke-hoach-29`: the 30 target provinces as written in 2021, today's province, the 10 chosen for 2021, the selection of districts and schools, and the quota check. */
export default function Plan29Page() {
  const { t } = useI18n();
  const auth = useAuth();
  const data = useResource(resourceQueries.plan29());
  const [year, setYear] = useState('2021');
  const quota = useResource(resourceQueries.plan29Quota(Number(year)), { keepPrevious: true });
  const selectable = plan29Selectable(data.data?.targets ?? [], auth);
  const [editing, setEditing] = useState<string | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const editableCodes = new Set(selectable.map((p) => p.oldCode));
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('p29.title')}</Title>
        <Text c="dimmed" size="sm" maw={800}>
          {t('p29.intro')}
        </Text>
      </div>
      <QueryView query={data}>{(d) => <TargetsTable data={d} />}</QueryView>
      {selectable.length > 0 && (
        <div ref={editorRef}>
          <SelectionEditor targets={selectable} year={year} setYear={setYear} quota={quota.isPlaceholderData ? undefined : quota.data?.items} oldCode={editing} setOldCode={setEditing} />
        </div>
      )}
      <Card withBorder component="section" aria-labelledby="p29-quota">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <div>
            <Title order={2} size="h4" id="p29-quota">
              {t('p29.quota')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('p29.quotaRule')}
            </Text>
          </div>
          <SegmentedControl value={year} onChange={setYear} data={YEARS} aria-label={t('portal.year')} data-testid="p29-quota-year" />
        </Group>
        <QueryView query={quota}>
          {(q) => (
            <Stack gap="xs" data-testid="p29-quota-list">
              {q.items.length === 0 && <Alert color="gray">{t('common.noResults')}</Alert>}
              {q.items.map((row) => (
                <QuotaCard
                  key={row.oldCode}
                  q={row}
                  year={year}
                  canEdit={editableCodes.has(row.oldCode)}
                  onEdit={() => {
                    setEditing(row.oldCode);
                    editorRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                  }}
                />
              ))}
            </Stack>
          )}
        </QueryView>
      </Card>
    </Stack>
  );
}
