import { Alert, Button, Card, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/common';
import { useAuth } from '../../lib/auth';
import type { AccessLogEntry } from '../../../../contracts/cases';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { ListTable, SignedIn } from '../resources/ListTable';
import { useAccessLog, useFocalPoints, useSetFocalPoints } from './api';

/** `/cong-tac-xa-hoi/nhat-ky`: who read which case, when and why (the school's head, the Department). */
export default function AccessLogPage() {
  return <SignedIn>{() => <Log />}</SignedIn>;
}

function Log() {
  const { t } = useI18n();
  const pages = useCursorPages('');
  const list = useAccessLog(undefined, pages.cursor);
  return (
    <Stack gap="md">
      <PageHeader title={t('cases.log.title')} help={t('cases.log.intro')} />
      <FocalPoints />
      <QueryView query={list}>
        {(data) => (
          <>
            <ListTable<AccessLogEntry>
              rows={data.items}
              rowKey={(r) => String(r.id)}
              rowProps={() => ({ 'data-testid': 'log-row' })}
              minWidth={820}
              empty={t('cases.log.empty')}
              columns={[
                { key: 'at', header: t('cases.log.at'), nowrap: true, cell: (r) => formatDateTime(r.at) },
                { key: 'case', header: t('cases.col.reference'), cell: (r) => `${r.caseReference} · ${r.schoolName}` },
                { key: 'who', header: t('cases.log.who'), cell: (r) => `${r.actorLabel} (${t(`role.${r.actorRole}` as 'role.admin')})` },
                { key: 'what', header: t('cases.log.what'), cell: (r) => t(`cases.log.action.${r.action}`) },
                { key: 'detail', header: t('cases.log.detail'), cell: (r) => r.detail ?? '' },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}

/** A Department names its focal point for school social work: who receives the alerts and reads this log. */
function FocalPoints() {
  const { t } = useI18n();
  const { user } = useAuth();
  const isDept = user?.role === 'department';
  const q = useFocalPoints(isDept);
  const save = useSetFocalPoints();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const current = q.data?.focal.map((f) => f.userId) ?? [];
  if (!isDept || !q.data) return null;
  const d = q.data;
  return (
    <Card withBorder data-testid="focal-card">
      <Stack gap="xs">
        <Text fw={600}>{t('cases.focal.title')}</Text>
        {d.fallback
          ? <Alert color="yellow" data-testid="focal-fallback">{t('cases.focal.fallback', { department: d.departmentName })}</Alert>
          : <Text size="sm" data-testid="focal-current">{t('cases.focal.current', { names: d.focal.map((f) => f.name).join(', ') })}</Text>}
        {save.error && <ErrorAlert error={save.error} />}
        <Group align="flex-end" wrap="wrap">
          <MultiSelect
            label={t('cases.focal.pick')}
            data={d.candidates.map((c) => ({ value: c.userId, label: `${c.name} (${c.email})` }))}
            value={chosen ?? current}
            onChange={setChosen}
            searchable
            clearable
            miw={280}
            style={{ flex: 1 }}
            data-testid="focal-pick"
          />
          <Button loading={save.isPending} onClick={() => save.mutate(chosen ?? current, { onSuccess: () => setChosen(null) })} data-testid="focal-save">{t('cases.focal.save')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
