import { Anchor, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { plansApi, type PlanSummary } from '../../../../contracts/plans';
import { endpointUrl } from '../../api/call';
import { PageHeader } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { QueryView, useApi } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { AsOfInput, asOfFrom, StatusLegend, TallyBar, TallyCounts } from './shared';

function PlanCard({ p, href }: { p: PlanSummary; href: string }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm" data-testid="plan-row">
      <Stack gap={6}>
        <Anchor component={Link} href={href} fw={600}>
          {p.number || t('plans.noNumber')}
        </Anchor>
        <Text size="sm">{p.title}</Text>
        <Text size="xs" c="dimmed">
          {p.issuer.shortName ?? p.issuer.name} · {formatDate(p.signedOn)} · {t('myTasks.count', { count: formatNumber(p.taskCount) })}
        </Text>
        <TallyBar tally={p.statusTally} />
        <TallyCounts tally={p.statusTally} />
      </Stack>
    </Card>
  );
}

export default function PlanListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const asOf = asOfFrom(search);
  const list = useApi(plansApi.list, { query: { asOf } }, { keepPrevious: true });
  const exportUrl = (format: 'csv' | 'xlsx') => endpointUrl(plansApi.list, { query: { asOf, format } });
  const phone = useMediaQuery('(max-width: 48em)');

  const planHref = (key: string) => `/ke-hoach/${encodeURIComponent(key)}${asOf ? `?ngay=${asOf}` : ''}`;
  const setAsOf = (v: string | undefined) => navigate(v ? `/ke-hoach?ngay=${v}` : '/ke-hoach', { replace: true });

  return (
    <Stack gap="md">
      <PageHeader
        title={t('plans.title')}
        help={t('plans.help')}
        actions={
          <Group gap="xs" wrap="wrap" role="group" aria-label={t('plans.export')}>
            <Button component="a" href={exportUrl('xlsx')} download variant="light" data-testid="plans-export-xlsx" aria-label={`${t('plans.export')}: ${t('plans.exportXlsx')}`}>
              {t('plans.exportXlsx')}
            </Button>
            <Button component="a" href={exportUrl('csv')} download variant="light" data-testid="plans-export-csv" aria-label={`${t('plans.export')}: ${t('plans.exportCsv')}`}>
              {t('plans.exportCsv')}
            </Button>
          </Group>
        }
      />

      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <AsOfInput value={asOf} onChange={setAsOf} />
        <StatusLegend />
      </Group>

      <QueryView query={list}>
        {({ items }) => (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('plans.count', { count: formatNumber(items.length) })}
          </Text>
          {items.length === 0 && <Text c="dimmed">{t('plans.empty')}</Text>}
          {/* phones: one card per plan */}
          {phone ? (
            <Stack gap="sm" data-testid="plans-table">
              {items.map((p) => (
                <PlanCard key={p.id} p={p} href={planHref(p.key)} />
              ))}
            </Stack>
          ) : (
          <Table.ScrollContainer minWidth={900} type="native">
            <Table striped highlightOnHover data-testid="plans-table" verticalSpacing="sm" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('plans.col.number')}</Table.Th>
                  <Table.Th>{t('plans.col.title')}</Table.Th>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('plans.col.issuer')}</Table.Th>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('plans.col.signedOn')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{t('plans.col.tasks')}</Table.Th>
                  <Table.Th style={{ minWidth: 200 }}>{t('plans.col.progress')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id} data-testid="plan-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} href={planHref(p.key)} size="sm" fw={600}>
                        {p.number || t('plans.noNumber')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} href={planHref(p.key)} size="sm" c="inherit" tabIndex={-1}>
                        {p.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.issuer.shortName ?? p.issuer.name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.signedOn)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatNumber(p.taskCount)}</Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        <TallyBar tally={p.statusTally} />
                        <TallyCounts tally={p.statusTally} />
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          )}
        </>
        )}
      </QueryView>
    </Stack>
  );
}
