import { filesApi } from '../../../../contracts/files';
import { Anchor, Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { TaskUpdate } from '../../../../contracts/plans';
import { endpointUrl } from '../../api/call';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';

const STATE_COLORS: Record<string, string> = { in_progress: 'blue', done: 'green', blocked: 'orange' };

function Multiline({ text }: { text: string | null }) {
  if (!text) return <>—</>;
  return <span style={{ whiteSpace: 'pre-line' }}>{text}</span>;
}

function Files({ u }: { u: TaskUpdate }) {
  if (!u.files.length) return <>—</>;
  return (
    <Stack gap={2}>
      {u.files.map((f) => (
        <Anchor key={f.id} href={endpointUrl(filesApi.download, { params: { id: f.id } })} download={f.name} size="sm" data-testid="update-file-link">
          {f.name}{' '}
          <Text span size="xs" c="dimmed">
            ({formatNumber(Math.max(1, Math.round(f.size / 1024)))} KB)
          </Text>
        </Anchor>
      ))}
    </Stack>
  );
}

export function UpdateHistory({ updates }: { updates: TaskUpdate[] }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Card withBorder component="section" aria-labelledby="history-title" data-testid="update-history">
      <Stack gap="sm">
        <Title order={2} size="h4" id="history-title">
          {t('task.history')}
        </Title>
        {updates.length === 0 && <Text c="dimmed">{t('task.historyEmpty')}</Text>}
        {updates.length > 0 && phone && (
          <Stack gap="xs">
            {updates.map((u) => (
              <Card key={u.id} withBorder padding="sm" data-testid="update-row">
                <Stack gap={4}>
                  <Group justify="space-between" wrap="wrap" gap={4}>
                    <Text size="sm" fw={600}>
                      {formatDate(u.reportedOn)} · {u.organisationName}
                    </Text>
                    <Badge color={STATE_COLORS[u.state] ?? 'gray'} variant="light" size="sm" style={{ textTransform: 'none' }}>
                      {t(`updateState.${u.state}`)}
                      {u.percent != null ? ` · ${formatNumber(u.percent)}%` : ''}
                    </Badge>
                  </Group>
                  {u.period && <Text size="xs" c="dimmed">{t('history.period', { period: u.period })}</Text>}
                  {u.milestone && (
                    <Text size="sm">
                      <strong>{t('history.milestone')}:</strong> {u.milestone}
                    </Text>
                  )}
                  {u.note && (
                    <Text size="sm">
                      <Multiline text={u.note} />
                    </Text>
                  )}
                  {u.deliverables.length > 0 && (
                    <Text size="sm">
                      <strong>{t('history.deliverables')}:</strong> {u.deliverables.join('; ')}
                    </Text>
                  )}
                  <Files u={u} />
                  {u.author && (
                    <Text size="xs" c="dimmed">
                      {t('history.by', { name: u.author })} · {formatDateTime(u.createdAt)}
                    </Text>
                  )}
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
        {updates.length > 0 && !phone && (
          <Table.ScrollContainer minWidth={900} type="native">
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={100}>{t('history.date')}</Table.Th>
                  <Table.Th w={170}>{t('history.unit')}</Table.Th>
                  <Table.Th w={140}>{t('history.state')}</Table.Th>
                  <Table.Th w={70} style={{ textAlign: 'right' }}>
                    {t('history.percent')}
                  </Table.Th>
                  <Table.Th>{t('history.milestone')}</Table.Th>
                  <Table.Th>{t('history.note')}</Table.Th>
                  <Table.Th>{t('history.deliverables')}</Table.Th>
                  <Table.Th>{t('history.files')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {updates.map((u) => (
                  <Table.Tr key={u.id} data-testid="update-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatDate(u.reportedOn)}</Text>
                      {u.period && (
                        <Text size="xs" c="dimmed">
                          {t('history.period', { period: u.period })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.organisationName}</Text>
                      {u.author && (
                        <Text size="xs" c="dimmed" title={formatDateTime(u.createdAt)}>
                          {t('history.by', { name: u.author })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLORS[u.state] ?? 'gray'} variant="light" size="sm" style={{ textTransform: 'none' }}>
                        {t(`updateState.${u.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{u.percent != null ? `${formatNumber(u.percent)}%` : '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.milestone ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <Multiline text={u.note} />
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {u.deliverables.length ? (
                        <List size="sm" spacing={2}>
                          {u.deliverables.map((d) => (
                            <List.Item key={d}>{d}</List.Item>
                          ))}
                        </List>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Files u={u} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
