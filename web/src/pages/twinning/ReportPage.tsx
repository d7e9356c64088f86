import { Alert, Stack, Text, } from '@mantine/core';
import type { ReactNode } from 'react';
import { HANOI, twinningApi, type Submission } from '../../../../contracts/twinning';
import { ApiError } from '../../api';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { QueryView, useApi } from '../../lib/query';
import { useNavigate, useSearchParams } from '../../lib/router';
import { useSchool } from './queries';
import { ReportView } from './ReportView';
import { HeaderYearSelect, thisYear, TwinningPageHeader } from './shared';
import { SubmissionsTable } from './SubmissionsTable';

function SchoolReport({ schoolId, year }: { schoolId: string; year: number }) {
  const { t } = useI18n();
  const school = useSchool(schoolId);
  return (
    <QueryView query={school}>
      {(s) =>
        !s.clusterId || s.provinceCode !== HANOI ? (
          <Alert color="yellow">{t('tw.rep.noCluster')}</Alert>
        ) : (
          <ReportView level="cluster" orgId={s.clusterId} year={year} fallbackName={s.clusterName ?? ''} />
        )
      }
    </QueryView>
  );
}

function DepartmentReports({ deptId, year }: { deptId: string; year: number }) {
  const navigate = useNavigate();
  const search = useSearchParams();
  const subs = useApi(twinningApi.submissions, { query: { year } });
  const openCluster = search.get('cum');
  const open = (s: Submission) => {
    const p = new URLSearchParams(search);
    if (s.level === 'cluster') p.set('cum', s.organisationId);
    else p.delete('cum');
    navigate(`/ket-nghia/bao-cao?${p.toString()}`, { replace: true });
  };
  return (
    <Stack gap="md">
      {openCluster ? <ReportView key={openCluster} level="cluster" orgId={openCluster} year={year} /> : <ReportView level="department" orgId={deptId} year={year} />}
      <QueryView query={subs}>{(d) => <SubmissionsTable items={d.items} onOpen={open} openId={openCluster ?? deptId} />}</QueryView>
    </Stack>
  );
}

/** The Ministry and admins read the submissions and any submitted report. */
function OverseerReports({ year }: { year: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const subs = useApi(twinningApi.submissions, { query: { year } });
  const openId = search.get('don-vi');
  const opened = subs.data?.items.find((s) => s.organisationId === openId);
  return (
    <Stack gap="md">
      {opened ? <ReportView key={opened.organisationId} level={opened.level} orgId={opened.organisationId} year={year} /> : <Text c="dimmed">{t('tw.rep.choose')}</Text>}
      <QueryView query={subs}>
        {(d) => (
          <SubmissionsTable
            items={d.items}
            openId={openId ?? undefined}
            onOpen={(s) => {
              const p = new URLSearchParams(search);
              p.set('don-vi', s.organisationId);
              navigate(`/ket-nghia/bao-cao?${p.toString()}`, { replace: true });
            }}
          />
        )}
      </QueryView>
    </Stack>
  );
}

export default function ReportPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const year = Number(search.get('nam')) || thisYear();

  let body: ReactNode;
  if (user === undefined) body = <PageLoader />;
  else if (!user) body = <ErrorAlert error={new ApiError({ status: 401, title: t('common.signInRequired') })} />;
  // which reports the account works on comes from the server's capabilities (/auth/me)
  else if (can('twinning.departmentReport')) body = <DepartmentReports deptId={user.organisation.id} year={year} />;
  else if (can('twinning.clusterReport')) body = <SchoolReport schoolId={user.organisation.id} year={year} />;
  else if (can('twinning.submissions')) body = <OverseerReports year={year} />;
  else body = <Alert color="yellow">{t('tw.rep.noAccess')}</Alert>;

  return (
    <Stack gap="md">
      <TwinningPageHeader title={t('tw.rep.title')} help={t('tw.rep.help')}>
        <HeaderYearSelect
          year={year}
          onChange={(v) => {
            const p = new URLSearchParams(search);
            p.set('nam', v);
            navigate(`/ket-nghia/bao-cao?${p.toString()}`, { replace: true });
          }}
          testId="report-year"
        />
      </TwinningPageHeader>
      {body}
    </Stack>
  );
}
