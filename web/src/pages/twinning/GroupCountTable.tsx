import { Table } from '@mantine/core';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';

export interface GroupCountRow {
  key: string;
  label: string;
  pairs: number;
  missing: number;
}

/** Pairs per group (cluster, province) and how many of them have no activity yet; the missing ones in red. */
export function GroupCountTable({ rows, testId, boldMissing = false }: { rows: GroupCountRow[]; testId: string; boldMissing?: boolean }) {
  const { t } = useI18n();
  return (
    <Table striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('tw.comp.col.group')}</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>{t('tw.comp.col.pairs')}</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>{t('tw.comp.col.missing')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{formatNumber(r.pairs)}</Table.Td>
            <Table.Td style={{ textAlign: 'right', color: r.missing ? 'var(--mantine-color-red-8)' : undefined, fontWeight: boldMissing && r.missing ? 600 : undefined }}>
              {formatNumber(r.missing)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
