import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { areasApi, type Area, type AreaWithCount } from '../../../../contracts/areas';
import type { AreaFlag } from '../../../../contracts/common';
import { FlagBadges } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { QueryView, useApi } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { AREA_FLAGS } from '../../lib/vocab';
import { FlagEditor } from './FlagEditor';

export function CommuneTable({ province }: { province: AreaWithCount }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const canSetFlags = useAuth().can('areas.setFlags');
  const flag = (search.get('vung') ?? '') as AreaFlag | '';
  const communes = useApi(areasApi.communes, { params: { code: province.code }, query: { flag: flag || undefined } });
  const [editing, setEditing] = useState<Area | null>(null);

  const setFlag = (v: string | null) => {
    const params = new URLSearchParams({ tinh: province.code });
    if (v) params.set('vung', v);
    navigate(`/don-vi-hanh-chinh?${params}`, { replace: true });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Anchor component={Link} href="/don-vi-hanh-chinh" size="sm">
            ← {t('areas.backToProvinces')}
          </Anchor>
          <Title order={2} size="h3">
            {t('areas.communes', { name: province.fullName || province.name })}
          </Title>
          {communes.data && (
            <Text size="sm" c="dimmed" data-testid="commune-count">
              {t('areas.communeCount', { count: formatNumber(communes.data.items.length) })}
            </Text>
          )}
        </div>
        <Group gap="sm" align="flex-end">
          <Select
            label={t('areas.flagFilter')}
            placeholder={t('common.all')}
            clearable
            value={flag || null}
            onChange={setFlag}
            data={AREA_FLAGS.map((f) => ({ value: f, label: t(`flag.${f}`) }))}
            data-testid="commune-flag-filter"
            w={260}
          />
          <Button component={Link} href={`/truong-hoc?tinh=${province.code}`} variant="light">
            {t('areas.schoolsIn')}
          </Button>
        </Group>
      </Group>
      <QueryView query={communes}>
        {(data) => (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table striped highlightOnHover data-testid="commune-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('areas.col.code')}</Table.Th>
                <Table.Th>{t('areas.col.name')}</Table.Th>
                <Table.Th>{t('areas.col.unitType')}</Table.Th>
                <Table.Th>{t('areas.col.flags')}</Table.Th>
                {canSetFlags && <Table.Th>{t('areas.col.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={canSetFlags ? 5 : 4}>
                    <Text c="dimmed">{t('common.noResults')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {data.items.map((c) => (
                <Table.Tr key={c.code}>
                  <Table.Td>{c.code}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} href={`/truong-hoc?tinh=${province.code}&xa=${c.code}`} size="sm">
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.unitType}</Table.Td>
                  <Table.Td>
                    <FlagBadges flags={c.flags} />
                  </Table.Td>
                  {canSetFlags && (
                    <Table.Td>
                      <Button size="compact-xs" variant="light" onClick={() => setEditing(c)} data-testid={`edit-flags-${c.code}`}>
                        {t('areas.editFlags')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        )}
      </QueryView>
      {editing && <FlagEditor area={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

