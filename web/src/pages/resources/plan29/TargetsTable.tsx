import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import type { Plan29 } from '../../../api/resources';
import { useI18n } from '../../../i18n';

/** The 30 target provinces as written in 2021, today's province, and the 10 chosen for 2021. */
export function TargetsTable({ data }: { data: Plan29 }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="section" aria-labelledby="p29-targets">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="p29-targets">
          {t('p29.targets', { n: data.targets.length })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('p29.selectedCount', { n: data.targets.filter((x) => x.selected2021).length, current: data.byCurrentProvince.length })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={560} type="native">
        <Table striped data-testid="p29-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('p29.asWritten')}</Table.Th>
              <Table.Th>{t('p29.current')}</Table.Th>
              <Table.Th>{t('p29.selected2021')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.targets.map((p, i) => (
              <Table.Tr key={p.oldCode} data-testid="p29-row" data-selected={p.selected2021 ? 'true' : 'false'}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>{p.asWritten}</Table.Td>
                <Table.Td>{p.currentName ?? '—'}</Table.Td>
                <Table.Td>
                  {p.selected2021 && (
                    <Badge color="teal" variant="light" style={{ textTransform: 'none' }}>
                      {t('p29.chosen')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
