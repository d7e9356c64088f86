import { Anchor, Card, Group, Table, Text, Title } from '@mantine/core';
import type { Submission } from '../../../../contracts/twinning';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { SubmissionStatus } from './shared';

/** Who has sent the year's report and who is late; `onOpen` opens one. */
export function SubmissionsTable({ items, onOpen, openId }: { items: Submission[]; onOpen?: (s: Submission) => void; openId?: string }) {
  const { t } = useI18n();
  const submitted = items.filter((s) => s.status === 'submitted').length;
  const late = items.filter((s) => s.late).length;
  const due = items[0]?.due;
  return (
    <Card withBorder component="section" aria-labelledby="tw-subm-title">
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Title order={2} size="h4" id="tw-subm-title">
          {t('tw.subm.title')}
        </Title>
        <Text size="sm" c={late ? 'red.8' : 'dimmed'} data-testid="submissions-summary">
          {t('tw.subm.summary', { submitted: formatNumber(submitted), total: formatNumber(items.length), late: formatNumber(late) })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={560} type="native">
        <Table striped data-testid="submissions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tw.subm.col.unit')}</Table.Th>
              <Table.Th>{t('tw.subm.col.status')}</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('tw.subm.col.submittedAt')}</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>{due ? t('tw.subm.col.timeliness', { date: formatDate(due) }) : ''}</Table.Th>
              {onOpen && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.organisationId} data-testid="submission-row" data-org-id={s.organisationId} data-status={s.status} data-late={s.late ? 'true' : 'false'} style={openId === s.organisationId ? { background: 'var(--mantine-color-blue-0)' } : undefined}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>
                  <SubmissionStatus s={s} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.submittedAt ? formatDateTime(s.submittedAt) : '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={s.late ? 'red.8' : s.status === 'submitted' ? 'green.8' : 'dimmed'}>
                    {s.late ? t('tw.subm.late') : s.status === 'submitted' ? t('tw.subm.onTime') : t('tw.subm.pending')}
                  </Text>
                </Table.Td>
                {onOpen && (
                  <Table.Td>
                    {(s.status === 'submitted' || s.level === 'department') && (
                      <Anchor component="button" type="button" size="sm" onClick={() => onOpen(s)} aria-current={openId === s.organisationId ? 'true' : undefined}>
                        {openId === s.organisationId ? t('tw.rep.viewing') : t('tw.subm.open')}
                      </Anchor>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

