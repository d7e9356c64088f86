import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import { auditApi } from '../../../../contracts/audit';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useApi } from '../../lib/query';

/** Field labels for the diff; unknown fields show their own name. */
const FIELD_LABELS: Record<string, MessageKey> = {
  code: 'school.code',
  name: 'school.name',
  levels: 'school.levels',
  ownership: 'school.ownership',
  address: 'school.address',
  communeCode: 'school.commune',
  communeName: 'school.commune',
  provinceCode: 'school.province',
  provinceName: 'school.province',
  lat: 'school.lat',
  lng: 'school.lng',
  pupils: 'school.pupils',
  staff: 'school.staff',
  clusterId: 'school.cluster',
  clusterName: 'school.cluster',
};

/** Bookkeeping fields that change on every write and say nothing to a reader. */
const SKIP = new Set(['id', 'updatedAt', 'createdAt', 'updated_at', 'created_at', 'version', 'organisationId', 'communeFlags']);

const ACTIONS: Record<string, MessageKey> = {
  create: 'audit.action.create',
  insert: 'audit.action.create',
  update: 'audit.action.update',
  delete: 'audit.action.delete',
  import: 'audit.action.import',
};

function actionLabel(action: string, t: TFunction): string {
  const key = ACTIONS[action] ?? ACTIONS[action.split(/[.:]/).pop() ?? ''];
  return key ? t(key) : action;
}

function show(value: unknown, key: string, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('audit.empty');
  if (key === 'levels' && Array.isArray(value)) return value.map((l) => (typeof l === 'string' ? t(`level.${l}` as MessageKey) ?? l : String(l))).join(', ');
  if (key === 'ownership' && (value === 'public' || value === 'private')) return t(`ownership.${value}`);
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

interface Change {
  field: string;
  before: string;
  after: string;
}

export function diffEntries(before: unknown, after: unknown, t: TFunction): Change[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)])).filter((k) => !SKIP.has(k));
  const changes: Change[] = [];
  const seenLabels = new Set<string>();
  for (const k of keys) {
    if (same(b[k], a[k])) continue;
    // show a name rather than a code when both are present (communeName over communeCode)
    if (k.endsWith('Code') && (`${k.slice(0, -4)}Name` in a || `${k.slice(0, -4)}Name` in b)) continue;
    if (k.endsWith('Id') && (`${k.slice(0, -2)}Name` in a || `${k.slice(0, -2)}Name` in b)) continue;
    const label = FIELD_LABELS[k] ? t(FIELD_LABELS[k]) : k;
    if (seenLabels.has(label)) continue;
    seenLabels.add(label);
    changes.push({ field: label, before: show(b[k], k, t), after: show(a[k], k, t) });
  }
  return changes;
}

function ChangeLine({ change, mode }: { change: Change; mode: 'create' | 'update' | 'delete' }) {
  const before = <span style={{ color: 'var(--mantine-color-red-8)', textDecoration: 'line-through' }}>{change.before}</span>;
  const after = <span style={{ color: 'var(--mantine-color-green-9)' }}>{change.after}</span>;
  return (
    <Text size="sm">
      <b>{change.field}</b>: {mode === 'create' ? after : mode === 'delete' ? before : (
        <>
          {before} → {after}
        </>
      )}
    </Text>
  );
}

export function SchoolHistory({ schoolId }: { schoolId: string }) {
  const { t } = useI18n();
  const audit = useApi(auditApi.history, { query: { entity: 'school', entityId: schoolId } });

  if (audit.error && !audit.data) {
    if (audit.error.status === 401)
      return (
        <Alert color="blue" data-testid="history-signin">
          {t('school.historySignIn')}
        </Alert>
      );
    if (audit.error.status === 403)
      return (
        <Alert color="yellow" data-testid="history-forbidden">
          {t('school.historyForbidden')}
        </Alert>
      );
    return <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />;
  }
  if (!audit.data) return <PageLoader />;
  const items = audit.data.items;
  if (!items.length) return <Text c="dimmed">{t('school.historyEmpty')}</Text>;

  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table data-testid="school-history" verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('audit.time')}</Table.Th>
            <Table.Th w={200}>{t('audit.who')}</Table.Th>
            <Table.Th w={110}>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => {
            const changes = diffEntries(e.before, e.after, t);
            return (
              <Table.Tr key={e.id} data-testid="history-entry">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{e.actorLabel ?? t('audit.system')}</Text>
                  {e.actorRole && (
                    <Text size="xs" c="dimmed">
                      {(['admin', 'ministry', 'department', 'school', 'donor'] as const).includes(e.actorRole as 'admin')
                        ? t(`role.${e.actorRole as 'admin'}`)
                        : e.actorRole}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" style={{ textTransform: 'none' }}>
                    {actionLabel(e.action, t)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {changes.map((c) => (
                      <ChangeLine key={c.field} change={c} mode={e.before == null ? 'create' : e.after == null ? 'delete' : 'update'} />
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
