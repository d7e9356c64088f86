import { Button, Group, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { areasApi } from '../../../../contracts/areas';
import { twinningApi, type PairStatus } from '../../../../contracts/twinning';
import { PageHeader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { QueryView, useApi } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { CompliancePanel, FocalPoints } from './CompliancePanel';
import { PairCreateForm } from './PairCreateForm';
import { PairList } from './PairList';
import { useHanoiClusters } from './queries';
import { PhaseStrip, thisYear } from './shared';

export default function PairListPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const provinces = useApi(areasApi.provinces, {}, { staleTime: Number.POSITIVE_INFINITY });

  const year = Number(search.get('nam')) || thisYear();
  const filters = {
    year,
    status: (search.get('trang-thai') ?? '') as PairStatus | '',
    provinceCode: search.get('tinh') ?? '',
    clusterId: search.get('cum') ?? '',
    schoolId: search.get('truong') ?? '',
    idle: search.get('chua-hoat-dong') === '1',
  };

  const cal = useApi(twinningApi.calendar, { query: { year } }, { keepPrevious: true });
  const clusters = useHanoiClusters();
  const provinceNames = useMemo(() => Object.fromEntries((provinces.data?.items ?? []).map((p) => [p.code, p.name])), [provinces.data]);

  const setParam = (key: string, value: string) => {
    const p = new URLSearchParams(search);
    if (value) p.set(key, value);
    else p.delete(key);
    const qs = p.toString();
    navigate(`/ket-nghia${qs ? `?${qs}` : ''}`, { replace: true });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('tw.title')}
        help={t('tw.intro')}
        helpWidth={820}
        actions={
          <Group gap="xs" wrap="wrap">
            {can('twinning.reports') && (
              <Button component={Link} href="/ket-nghia/bao-cao" variant="light" data-testid="link-reports">
                {t('tw.linkReports')}
              </Button>
            )}
            {can('twinning.dashboard') && (
              <Button component={Link} href="/ket-nghia/theo-doi" variant="light" data-testid="link-dashboard">
                {t('tw.linkDashboard')}
              </Button>
            )}
          </Group>
        }
      />

      <QueryView query={cal} loader={null}>
        {(c) => <PhaseStrip year={c.year} phases={c.phases} reportDue={c.reportDue} />}
      </QueryView>

      {can('twinning.createPair') && <PairCreateForm clusters={clusters.data ?? []} provinceNames={provinceNames} />}

      <PairList filters={filters} setParam={setParam} clusters={clusters.data ?? []} provinceNames={provinceNames} />

      <CompliancePanel year={year} />
      <FocalPoints />
    </Stack>
  );
}
