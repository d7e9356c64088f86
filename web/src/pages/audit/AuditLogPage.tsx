import { Anchor, Button, Code, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ChangeEvent } from 'react';
import { auditApi, type AuditLogEntry } from '../../../../contracts/audit';
import { endpointUrl } from '../../api/call';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { PageHeader, SignInPrompt } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime, formatNumber } from '../../lib/format';
import { QueryView, useApi } from '../../lib/query';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/nhat-ky`: the system-wide audit trail, for administrators: who changed what and when,
 * filtered by user, kind and id of record, and days; exported as CSV or XLSX with the same filters.
 */
export default function AuditLogPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const [f, setF] = useState({ actorEmail: '', entity: '', entityId: '', from: '', to: '' });
  const [debounced] = useDebouncedValue(f, 400);
  const filter = {
    actorEmail: debounced.actorEmail.trim() || undefined,
    entity: debounced.entity.trim() || undefined,
    entityId: debounced.entityId.trim() || undefined,
    from: DAY.test(debounced.from) ? debounced.from : undefined,
    to: DAY.test(debounced.to) ? debounced.to : undefined,
  };
  const pages = useCursorPages(JSON.stringify(filter));
  const [open, setOpen] = useState<AuditLogEntry | null>(null);
  const list = useApi(auditApi.log, { query: { ...filter, cursor: pages.cursor, limit: 50 } }, { enabled: can('audit.log'), keepPrevious: true });
  if (user === undefined) return null;
  if (!user || !can('audit.log')) return <SignInPrompt />;
  const set = (k: keyof typeof f) => (e: ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.currentTarget.value });
  return (
    <Stack gap="md">
      <PageHeader
        title={t('auditLog.title')}
        help={t('auditLog.help')}
        actions={
          <Group gap="xs">
            <Button component="a" variant="light" href={endpointUrl(auditApi.log, { query: { ...filter, format: 'csv' } })} download data-testid="audit-export-csv">
              {t('auditLog.export.csv')}
            </Button>
            <Button component="a" variant="light" href={endpointUrl(auditApi.log, { query: { ...filter, format: 'xlsx' } })} download data-testid="audit-export-xlsx">
              {t('auditLog.export.xlsx')}
            </Button>
          </Group>
        }
      >
        <Group align="flex-end" data-testid="audit-filter">
          <TextInput label={t('auditLog.actor')} value={f.actorEmail} onChange={set('actorEmail')} placeholder="ten@ketnoi.vn" data-testid="audit-actor" />
          <TextInput label={t('auditLog.entity')} value={f.entity} onChange={set('entity')} placeholder="school, account, need…" data-testid="audit-entity" />
          <TextInput label={t('auditLog.entityId')} value={f.entityId} onChange={set('entityId')} data-testid="audit-entity-id" />
          <TextInput label={t('auditLog.from')} type="date" value={f.from} onChange={set('from')} data-testid="audit-from" />
          <TextInput label={t('auditLog.to')} type="date" value={f.to} onChange={set('to')} data-testid="audit-to" />
        </Group>
      </PageHeader>
      <QueryView query={list}>
        {(page) => (
          <>
            <Text size="sm" c="dimmed">
              {t(page.totalCapped ? 'auditLog.totalCapped' : 'auditLog.total', { count: formatNumber(page.total) })}
            </Text>
            <Table.ScrollContainer minWidth={860}>
              <Table striped data-testid="audit-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('auditLog.at')}</Table.Th>
                    <Table.Th>{t('auditLog.actor')}</Table.Th>
                    <Table.Th>{t('auditLog.entity')}</Table.Th>
                    <Table.Th>{t('auditLog.entityId')}</Table.Th>
                    <Table.Th>{t('auditLog.action')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((e) => (
                    <Table.Tr key={e.id} data-testid="audit-row">
                      <Table.Td>{formatDateTime(e.at)}</Table.Td>
                      <Table.Td>{e.actorLabel ?? '—'}</Table.Td>
                      <Table.Td>{e.entity}</Table.Td>
                      <Table.Td>
                        <Anchor size="sm" component="button" type="button" onClick={() => setF({ ...f, entity: e.entity, entityId: e.entityId })}>
                          {e.entityId}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{e.action}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => setOpen(e)} data-testid="audit-details">
                          {t('auditLog.details')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {!page.items.length && <Text c="dimmed">{t('auditLog.empty')}</Text>}
            <CursorPager pages={pages} nextCursor={page.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={t('auditLog.details')} size="xl">
        {open && (
          <Stack gap="xs" data-testid="audit-entry">
            <Text size="sm">
              {formatDateTime(open.at)} · {open.actorLabel ?? '—'} · {open.entity} {open.entityId} · {open.action}
            </Text>
            <Text size="sm" fw={600}>
              {t('auditLog.before')}
            </Text>
            <Code block>{JSON.stringify(open.before, null, 2) ?? '—'}</Code>
            <Text size="sm" fw={600}>
              {t('auditLog.after')}
            </Text>
            <Code block>{JSON.stringify(open.after, null, 2) ?? '—'}</Code>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
