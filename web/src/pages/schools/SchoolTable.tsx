import { Anchor, Table, Text } from '@mantine/core';
import type { School } from '../../../../contracts/schools';
import { LevelBadges } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';

export function SchoolTable({ schools, stale }: { schools: School[]; stale: boolean }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table striped highlightOnHover data-testid="school-table" style={{ opacity: stale ? 0.6 : 1 }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('schools.col.code')}</Table.Th>
            <Table.Th>{t('schools.col.name')}</Table.Th>
            <Table.Th style={{ minWidth: 120 }}>{t('schools.col.levels')}</Table.Th>
            <Table.Th>{t('schools.col.commune')}</Table.Th>
            <Table.Th>{t('schools.col.province')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('schools.col.pupils')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('schools.col.staff')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {schools.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed">{t('schools.empty')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {schools.map((s) => (
            <Table.Tr key={s.id} data-testid="school-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.code}</Table.Td>
              <Table.Td>
                <Anchor component={Link} href={`/truong-hoc/${s.id}`} size="sm">
                  {s.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <LevelBadges levels={s.levels} />
              </Table.Td>
              <Table.Td>{s.communeName}</Table.Td>
              <Table.Td>{s.provinceName}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.pupils)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatNumber(s.staff)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
