import { Alert, Stack, Table } from '@mantine/core';
import type { ImportRowError } from '../api';
import { useI18n } from '../i18n';
import { formatNumber } from '../lib/format';

/** Every bad row of an import with its column and reason, and the assurance that nothing was written. */
export function ImportErrorReport({ errors }: { errors: ImportRowError[] }) {
  const { t } = useI18n();
  const rows = new Set(errors.map((e) => e.row)).size;
  const sorted = [...errors].sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
  return (
    <Stack gap="sm" data-testid="import-report">
      <Alert color="red" title={t('import.failed', { count: formatNumber(errors.length), rows: formatNumber(rows) })} role="alert">
        {t('import.nothingWritten')}
      </Alert>
      <Table.ScrollContainer minWidth={520} maxHeight={520} type="native">
        <Table striped stickyHeader data-testid="import-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{t('import.col.row')}</Table.Th>
              <Table.Th w={180}>{t('import.col.column')}</Table.Th>
              <Table.Th>{t('import.col.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((e) => (
              <Table.Tr key={`${e.row}-${e.column}-${e.message}`}>
                <Table.Td>{formatNumber(e.row)}</Table.Td>
                <Table.Td>{e.column ?? t('common.none')}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
