import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { call } from '../../api/call';
import { accountsApi, type Account } from '../../../../contracts/accounts';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { ErrorAlert, PageHeader, SignInPrompt } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { QueryView, useApi, useApiMutation } from '../../lib/query';

/** `/tai-khoan`: the administrators' list of accounts; an account is deactivated where the server allows it. */
export default function AccountsPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const pages = useCursorPages(debounced);
  const list = useApi(accountsApi.list, { query: { q: debounced || undefined, cursor: pages.cursor, limit: 50 } }, { enabled: can('accounts.list'), keepPrevious: true });
  if (user === undefined) return null;
  if (!user || !can('accounts.list')) return <SignInPrompt />;
  return (
    <Stack gap="md">
      <PageHeader title={t('acc.title')}>
        <div data-testid="accounts-filter">
          <TextInput label={t('acc.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={360} data-testid="accounts-search" />
        </div>
      </PageHeader>
      <QueryView query={list}>
        {(page) => (
          <>
            <Text size="sm" c="dimmed">
              {t('acc.total', { count: formatNumber(page.total) })}
            </Text>
            <Table.ScrollContainer minWidth={720}>
              <Table striped data-testid="accounts-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('acc.col.email')}</Table.Th>
                    <Table.Th>{t('acc.col.name')}</Table.Th>
                    <Table.Th>{t('acc.col.role')}</Table.Th>
                    <Table.Th>{t('acc.col.organisation')}</Table.Th>
                    <Table.Th>{t('acc.col.status')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((a) => (
                    <AccountRow key={a.id} account={a} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {!page.items.length && <Text c="dimmed">{t('acc.empty')}</Text>}
            <CursorPager pages={pages} nextCursor={page.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}

function AccountRow({ account: a }: { account: Account }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const deactivate = useApiMutation(() => call(accountsApi.deactivate, { params: { id: a.id } }), {
    domains: accountsApi.list.tags,
    onSuccess: () => {
      setAsking(false);
      notifications.show({ color: 'green', message: t('acc.deactivate.done') });
    },
  });
  return (
    <Table.Tr data-testid="account-row" data-email={a.email}>
      <Table.Td>{a.email}</Table.Td>
      <Table.Td>{a.displayName}</Table.Td>
      <Table.Td>{t(`role.${a.role}`)}</Table.Td>
      <Table.Td>{a.organisation.shortName ?? a.organisation.name}</Table.Td>
      <Table.Td>
        <Badge color={a.active ? 'green' : 'gray'} variant="light" data-testid="account-status">
          {a.active ? t('acc.active') : t('acc.inactive')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end">
          {a.can.deactivate && (
            <Button size="xs" color="red" variant="light" onClick={() => setAsking(true)} data-testid="account-deactivate">
              {t('acc.deactivate')}
            </Button>
          )}
          <Modal opened={asking} onClose={() => setAsking(false)} title={t('acc.deactivate')}>
            <Stack gap="md">
              <Text size="sm">{t('acc.deactivate.confirm', { email: a.email })}</Text>
              {deactivate.error && <ErrorAlert error={deactivate.error} />}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setAsking(false)} data-testid="account-deactivate-cancel">
                  {t('common.cancel')}
                </Button>
                <Button color="red" loading={deactivate.isPending} onClick={() => deactivate.mutate(undefined)} data-testid="account-deactivate-confirm">
                  {t('acc.deactivate')}
                </Button>
              </Group>
            </Stack>
          </Modal>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
