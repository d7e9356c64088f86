import { Anchor, Table } from '@mantine/core';
import type { AreaWithCount } from '../../../../contracts/areas';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { Link, useNavigate } from '../../lib/router';

export function ProvinceTable({ provinces }: { provinces: AreaWithCount[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table striped highlightOnHover data-testid="province-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('areas.col.code')}</Table.Th>
            <Table.Th>{t('areas.col.name')}</Table.Th>
            <Table.Th>{t('areas.col.unitType')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('areas.col.communes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {provinces.map((p) => (
            <Table.Tr key={p.code} className="kn-row-link" onClick={() => navigate(`/don-vi-hanh-chinh?tinh=${p.code}`)}>
              <Table.Td>{p.code}</Table.Td>
              <Table.Td>
                <Anchor component={Link} href={`/don-vi-hanh-chinh?tinh=${p.code}`} onClick={(e) => e.stopPropagation()} size="sm">
                  {p.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{p.unitType}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{p.communeCount != null ? formatNumber(p.communeCount) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

