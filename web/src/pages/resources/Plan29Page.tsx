import { Badge, Card, Group, List, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { resourcesApi } from '../../api/resources';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';

/** `/ke-hoach-29`: the 30 target provinces as written in 2021, today's province, the 10 chosen for 2021, and the quota check. */
export default function Plan29Page() {
  const { t } = useI18n();
  const data = useAsync((signal) => resourcesApi.plan29.provinces(signal), []);
  const [year, setYear] = useState('2021');
  const quota = useAsync((signal) => resourcesApi.plan29.quota(Number(year), signal), [year]);
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('p29.title')}</Title>
        <Text c="dimmed" size="sm" maw={800}>
          {t('p29.intro')}
        </Text>
      </div>
      {data.error && <ErrorAlert error={data.error} onRetry={data.reload} />}
      {data.loading && !data.data && <PageLoader />}
      {data.data && (
        <Card withBorder component="section" aria-labelledby="p29-targets">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4" id="p29-targets">
              {t('p29.targets', { n: data.data.targets.length })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('p29.selectedCount', { n: data.data.targets.filter((x) => x.selected2021).length, current: data.data.byCurrentProvince.length })}
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
                {data.data.targets.map((p, i) => (
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
      )}
      <Card withBorder component="section" aria-labelledby="p29-quota">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <div>
            <Title order={2} size="h4" id="p29-quota">
              {t('p29.quota')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('p29.quotaRule')}
            </Text>
          </div>
          <SegmentedControl value={year} onChange={setYear} data={['2021', '2022', '2023', '2024', '2025']} aria-label={t('portal.year')} />
        </Group>
        {quota.error && <ErrorAlert error={quota.error} onRetry={quota.reload} />}
        {quota.loading && !quota.data && <PageLoader />}
        {quota.data && (
          <Stack gap="xs" data-testid="p29-quota-list">
            {quota.data.items.map((q) => (
              <Card key={q.oldCode} withBorder padding="sm" data-testid="p29-quota-row" data-complies={q.complies ? 'true' : 'false'}>
                <Group justify="space-between" wrap="wrap">
                  <Text fw={600}>{q.asWritten}</Text>
                  <Badge color={q.complies ? 'green' : 'red'} variant="light" style={{ textTransform: 'none' }}>
                    {q.complies ? t('p29.complies') : t('p29.missingCount', { n: q.missing.length })}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {q.districts.length ? q.districts.map((d) => d.name).join(', ') : t('p29.noDistrict')} · {t('p29.schools', { n: formatNumber(q.schools.length) })}
                </Text>
                {!q.complies && (
                  <List size="sm" mt={4} spacing={2}>
                    {q.missing.slice(0, 8).map((m) => (
                      <List.Item key={m}>{m}</List.Item>
                    ))}
                    {q.missing.length > 8 && <List.Item>{t('p29.more', { n: q.missing.length - 8 })}</List.Item>}
                  </List>
                )}
              </Card>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
