import { Anchor, Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../../api';
import { TW_BORDER_PROVINCES, TW_HANOI, TW_PAIR_STATUSES, twinningApi, type TwGroupCount, type TwPair, type TwPairStatus } from '../../api/twinning';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { useProvinces } from '../../lib/reference';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { PairCreateForm } from './PairCreateForm';
import { PairStatusBadge, PhaseStrip, thisYear, yearOptions } from './shared';

export function useIsHanoiDept() {
  const { user } = useAuth();
  return !!user && user.role === 'department' && user.organisation?.provinceCode === TW_HANOI;
}

function PairCard({ p, year }: { p: TwPair; year: number }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm" data-testid="pair-row" data-pair-id={p.id}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} href={`/ket-nghia/${p.id}`} fw={600}>
            {p.hanoiSide}
          </Anchor>
          <PairStatusBadge status={p.status} />
        </Group>
        <Text size="sm">↔ {p.borderSchoolName}</Text>
        <Text size="xs" c="dimmed">
          {p.borderCommuneName}, {p.borderProvinceName} · {t('tw.pair.since', { year: p.startYear })}
        </Text>
        <Text size="xs" c={p.activitiesThisYear === 0 && p.status === 'active' ? 'red.8' : 'dimmed'}>
          {t('tw.activitiesCount', { count: formatNumber(p.activitiesThisYear), year })}
        </Text>
      </Stack>
    </Card>
  );
}

function GroupTable({ title, rows, testId }: { title: string; rows: TwGroupCount[]; testId: string }) {
  const { t } = useI18n();
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <Table.ScrollContainer minWidth={260} type="native">
        <Table striped data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tw.comp.col.group')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('tw.comp.col.pairs')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('tw.comp.col.missing')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((g) => (
              <Table.Tr key={g.key}>
                <Table.Td>{g.key === 'Không thuộc cụm' ? t('tw.comp.noCluster') : g.key}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatNumber(g.pairs)}</Table.Td>
                <Table.Td style={{ textAlign: 'right', color: g.withoutActivity ? 'var(--mantine-color-red-8)' : undefined, fontWeight: g.withoutActivity ? 600 : undefined }}>
                  {formatNumber(g.withoutActivity)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

function CompliancePanel({ year, canRemind }: { year: number; canRemind: boolean }) {
  const { t } = useI18n();
  const comp = useAsync((signal) => twinningApi.compliance(year, signal), [year]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const c = comp.data;

  async function remind() {
    setBusy(true);
    setError(null);
    try {
      const r = await twinningApi.remind(year);
      notifications.show({ color: 'green', message: t('tw.comp.reminded', { notified: formatNumber(r.notified), pairs: formatNumber(r.pairs) }) });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, title: String(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="tw-comp-title" data-testid="twinning-compliance">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" align="flex-start">
          <div>
            <Title order={2} size="h4" id="tw-comp-title">
              {t('tw.comp.title')}
            </Title>
            {c && (
              <Text size="sm" c={c.withoutActivity.length ? 'red.8' : 'dimmed'} fw={c.withoutActivity.length ? 600 : undefined} data-testid="compliance-summary">
                {c.pairs === 0 ? t('tw.comp.noPairs') : c.withoutActivity.length ? t('tw.comp.summary', { missing: formatNumber(c.withoutActivity.length), total: formatNumber(c.pairs), year }) : t('tw.comp.allGood')}
              </Text>
            )}
          </div>
          {canRemind && (
            <Button variant="light" color="orange" onClick={remind} loading={busy} disabled={!c || c.withoutActivity.length === 0} title={t('tw.comp.remindHelp')} data-testid="compliance-remind">
              {t('tw.comp.remind')}
            </Button>
          )}
        </Group>
        {error && <ErrorAlert error={error} />}
        {comp.error && <ErrorAlert error={comp.error} onRetry={comp.reload} />}
        {c && c.pairs > 0 && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <GroupTable title={t('tw.comp.byCluster')} rows={c.byCluster} testId="compliance-by-cluster" />
            <GroupTable title={t('tw.comp.byProvince')} rows={c.byProvince} testId="compliance-by-province" />
          </SimpleGrid>
        )}
        {c && c.withoutActivity.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={4}>
              {t('tw.comp.list')}
            </Title>
            <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
              {c.withoutActivity.slice(0, 50).map((p) => (
                <li key={p.id}>
                  <Anchor component={Link} href={`/ket-nghia/${p.id}`} size="sm">
                    {p.hanoiSide} – {p.borderSchoolName}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    ({p.borderProvinceName})
                  </Text>
                </li>
              ))}
            </Stack>
          </div>
        )}
      </Stack>
    </Card>
  );
}

function FocalPoints() {
  const { t } = useI18n();
  const fp = useAsync((signal) => twinningApi.focalPoints(signal), []);
  return (
    <Card withBorder component="section" aria-labelledby="tw-focal-title" data-testid="focal-points">
      <Title order={2} size="h4" id="tw-focal-title">
        {t('tw.focal.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('tw.focal.help')}
      </Text>
      {fp.error && <ErrorAlert error={fp.error} onRetry={fp.reload} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {(fp.data?.items ?? []).map((f) => (
          <div key={f.departmentId}>
            <Text size="sm" fw={600}>
              {f.department}
            </Text>
            <Text size="sm">{f.roleTitle}</Text>
            {f.contact && (
              <Text size="xs" c="dimmed">
                {f.contact}
              </Text>
            )}
          </div>
        ))}
      </SimpleGrid>
    </Card>
  );
}

export default function PairListPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const phone = useMediaQuery('(max-width: 48em)');
  const hanoiDept = useIsHanoiDept();
  const provinces = useProvinces();

  const year = Number(search.get('nam')) || thisYear();
  const status = (search.get('trang-thai') ?? '') as TwPairStatus | '';
  const provinceCode = search.get('tinh') ?? '';
  const clusterId = search.get('cum') ?? '';
  const filters = { year, status, provinceCode: provinceCode || undefined, clusterId: clusterId || undefined };

  const list = useAsync((signal) => twinningApi.pairs.list(filters, signal), [year, status, provinceCode, clusterId]);
  const cal = useAsync((signal) => twinningApi.calendar(year, signal), [year]);
  const clusters = useAsync((signal) => api.organisations.list({ kind: 'cluster', provinceCode: '01', limit: 200 }, signal).then((r) => r.items), []);

  const provinceNames = useMemo(() => Object.fromEntries((provinces.data ?? []).map((p) => [p.code, p.name])), [provinces.data]);

  const setParam = (key: string, value: string) => {
    const p = new URLSearchParams(search);
    if (value) p.set(key, value);
    else p.delete(key);
    const qs = p.toString();
    navigate(`/ket-nghia${qs ? `?${qs}` : ''}`, { replace: true });
  };

  const canSeeReports = !!user && (hanoiDept || user.role === 'school' || user.role === 'admin' || user.role === 'ministry');
  const canSeeDashboard = !!user && ['admin', 'ministry', 'department'].includes(user.role);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('tw.title')}</Title>
          <Text c="dimmed" maw={820}>
            {t('tw.intro')}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          {canSeeReports && (
            <Button component={Link} href="/ket-nghia/bao-cao" variant="light" data-testid="link-reports">
              {t('tw.linkReports')}
            </Button>
          )}
          {canSeeDashboard && (
            <Button component={Link} href="/ket-nghia/theo-doi" variant="light" data-testid="link-dashboard">
              {t('tw.linkDashboard')}
            </Button>
          )}
        </Group>
      </Group>

      {cal.data && <PhaseStrip year={cal.data.year} phases={cal.data.phases} reportDue={cal.data.reportDue} />}

      {hanoiDept && <PairCreateForm clusters={clusters.data ?? []} provinceNames={provinceNames} />}

      <Stack gap="sm" component="section" aria-labelledby="tw-pairs-title">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h3" id="tw-pairs-title">
            {t('tw.pairs.title')}
          </Title>
          <Button component="a" href={twinningApi.pairs.csvUrl(filters)} download variant="subtle" aria-label={t('tw.csvLabel')} data-testid="pairs-csv">
            {t('tw.csv')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" role="group" aria-label={t('tw.filters')}>
          <NativeSelect label={t('tw.year')} value={String(year)} onChange={(e) => setParam('nam', e.currentTarget.value === String(thisYear()) ? '' : e.currentTarget.value)} data={yearOptions()} data-testid="filter-year" />
          <NativeSelect
            label={t('tw.filter.status')}
            value={status}
            onChange={(e) => setParam('trang-thai', e.currentTarget.value)}
            data={[{ value: '', label: t('common.all') }, ...TW_PAIR_STATUSES.map((s) => ({ value: s, label: t(`tw.status.${s}`) }))]}
            data-testid="filter-status"
          />
          <NativeSelect
            label={t('tw.filter.province')}
            value={provinceCode}
            onChange={(e) => setParam('tinh', e.currentTarget.value)}
            data={[{ value: '', label: t('common.all') }, ...TW_BORDER_PROVINCES.map((c) => ({ value: c, label: provinceNames[c] ?? c }))]}
            data-testid="filter-province"
          />
          <NativeSelect
            label={t('tw.filter.cluster')}
            value={clusterId}
            onChange={(e) => setParam('cum', e.currentTarget.value)}
            data={[{ value: '', label: t('common.all') }, ...(clusters.data ?? []).map((c) => ({ value: c.id, label: c.shortName ?? c.name }))]}
            data-testid="filter-cluster"
          />
        </SimpleGrid>

        {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data && <PageLoader />}
        {list.data && (
          <>
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="pairs-count">
              {t('tw.pairs.count', { count: formatNumber(list.data.items.length) })}
            </Text>
            {list.data.items.length === 0 && <Text c="dimmed">{t('tw.pairs.empty')}</Text>}
            {phone ? (
              <Stack gap="sm" data-testid="pairs-table">
                {list.data.items.map((p) => (
                  <PairCard key={p.id} p={p} year={year} />
                ))}
              </Stack>
            ) : (
              list.data.items.length > 0 && (
                <Table.ScrollContainer minWidth={820} type="native">
                  <Table striped highlightOnHover verticalSpacing="sm" data-testid="pairs-table" style={{ opacity: list.loading ? 0.6 : 1 }}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('tw.col.hanoi')}</Table.Th>
                        <Table.Th>{t('tw.col.border')}</Table.Th>
                        <Table.Th>{t('tw.col.province')}</Table.Th>
                        <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('tw.col.since')}</Table.Th>
                        <Table.Th>{t('tw.col.status')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('tw.col.activities', { year })}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {list.data.items.map((p) => (
                        <Table.Tr key={p.id} data-testid="pair-row" data-pair-id={p.id}>
                          <Table.Td>
                            <Anchor component={Link} href={`/ket-nghia/${p.id}`} size="sm" fw={600}>
                              {p.hanoiSide}
                            </Anchor>
                            <Group gap={4}>
                              {p.hanoiClusterName && !p.onBehalfOfCluster && (
                                <Text size="xs" c="dimmed">
                                  {p.hanoiClusterName}
                                </Text>
                              )}
                              {p.onBehalfOfCluster && (
                                <Badge size="xs" variant="outline" style={{ textTransform: 'none' }} styles={{ label: { overflow: 'visible' } }}>
                                  {t('tw.onBehalfOfCluster')}
                                </Badge>
                              )}
                            </Group>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{p.borderSchoolName}</Text>
                            <Text size="xs" c="dimmed">
                              {p.borderCommuneName}
                            </Text>
                          </Table.Td>
                          <Table.Td>{p.borderProvinceName}</Table.Td>
                          <Table.Td>{p.startYear}</Table.Td>
                          <Table.Td>
                            <PairStatusBadge status={p.status} />
                          </Table.Td>
                          <Table.Td style={{ textAlign: 'right', color: p.activitiesThisYear === 0 && p.status === 'active' ? 'var(--mantine-color-red-8)' : undefined }}>
                            {formatNumber(p.activitiesThisYear)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            )}
          </>
        )}
      </Stack>

      <CompliancePanel year={year} canRemind={hanoiDept} />
      <FocalPoints />
    </Stack>
  );
}
