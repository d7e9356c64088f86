import { Badge, Table, Text } from '@mantine/core';
import { accountsApi } from '../../../../contracts/accounts';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { QueryView, useApi } from '../../lib/query';

/** An account's sign-ins, newest first, paged: when, from which address, with which browser, and whether it succeeded. */
export function SignInHistory({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const pages = useCursorPages(accountId);
  const list = useApi(accountsApi.signIns, { params: { id: accountId }, query: { cursor: pages.cursor, limit: 20 } }, { keepPrevious: true });
  return (
    <QueryView query={list}>
      {(page) => (
        <>
          <Text size="sm" c="dimmed">
            {t('acc.signIns.total', { count: formatNumber(page.total) })}
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="sign-in-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('acc.signIns.at')}</Table.Th>
                  <Table.Th>{t('acc.signIns.result')}</Table.Th>
                  <Table.Th>{t('acc.signIns.address')}</Table.Th>
                  <Table.Th>{t('acc.signIns.browser')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((e) => (
                  <Table.Tr key={e.id} data-testid="sign-in-row">
                    <Table.Td>{formatDateTime(e.at)}</Table.Td>
                    <Table.Td>
                      <Badge color={e.success ? 'green' : 'red'} variant="light">
                        {e.success ? t('acc.signIns.ok') : t('acc.signIns.failed')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{e.address ?? '—'}</Table.Td>
                    <Table.Td>{e.userAgent ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!page.items.length && <Text c="dimmed">{t('acc.signIns.empty')}</Text>}
          <CursorPager pages={pages} nextCursor={page.nextCursor} busy={list.isFetching} />
        </>
      )}
    </QueryView>
  );
}
