import { Alert, Anchor, Badge, Button, Card, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { TW_HANOI, TW_KINDS, twinningApi, type TwFigures, type TwNarrative, type TwReport, type TwReportLevel, type TwSubmission } from '../../api/twinning';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { DraftRestored, formatVnd, kindLabel, Stat, SubmissionStatus, thisYear, useDraft, yearOptions } from './shared';

const NARRATIVE_FIELDS: (keyof TwNarrative)[] = ['results', 'quality', 'difficulties', 'proposals'];

/** The figures compiled by the server: pairs, new pairs, schools joining, activities by kind, participants, support. */
export function FiguresPanel({ f, frozen }: { f: TwFigures; frozen?: boolean }) {
  const { t } = useI18n();
  const forms = Object.entries(f.supportByForm).filter(([, v]) => v > 0);
  return (
    <Card withBorder component="section" aria-labelledby="tw-figures-title" data-testid="report-figures">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="tw-figures-title">
            {t('tw.rep.figures')}
          </Title>
          {frozen && (
            <Text size="xs" c="dimmed">
              {t('tw.rep.figuresFrozen')}
            </Text>
          )}
        </div>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
          <Stat label={t('tw.fig.pairs')} value={formatNumber(f.pairs)} detail={t('tw.fig.pairsDetail', { active: formatNumber(f.pairsActive) })} testId="fig-pairs" />
          <Stat label={t('tw.fig.newPairs')} value={formatNumber(f.newPairs)} testId="fig-new-pairs" />
          <Stat label={t('tw.fig.joined')} value={formatNumber(f.joinedSchools ?? 0)} testId="fig-joined" />
          <Stat label={t('tw.fig.activities')} value={formatNumber(f.activities)} detail={t('tw.fig.activitiesDetail', { confirmed: formatNumber(f.activitiesConfirmed) })} testId="fig-activities" />
          <Stat label={t('tw.fig.participants')} value={formatNumber(f.teachers + f.pupils)} detail={t('tw.fig.participantsDetail', { teachers: formatNumber(f.teachers), pupils: formatNumber(f.pupils) })} testId="fig-participants" />
          <Stat label={t('tw.fig.without')} value={formatNumber(f.pairsWithoutActivity)} testId="fig-without" />
        </SimpleGrid>
        <Stat
          label={t('tw.fig.support')}
          value={formatVnd(f.supportValue)}
          detail={forms.length ? forms.map(([k, v]) => `${t(`tw.fig.form.${k}` as 'tw.fig.form.money')}: ${formatVnd(v)}`).join(' · ') : undefined}
          testId="fig-support"
        />
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('tw.fig.byKind')}
          </Text>
          <Table withRowBorders={false} verticalSpacing={2} data-testid="fig-by-kind">
            <Table.Tbody>
              {TW_KINDS.map((k) => (
                <Table.Tr key={k}>
                  <Table.Td>
                    <Text size="sm">{kindLabel(t, k)}</Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} data-kind={k}>
                    {formatNumber(f.byKind[k] ?? 0)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
    </Card>
  );
}

function NarrativeForm({ report, onSaved }: { report: TwReport; onSaved: (r: TwReport) => void }) {
  const { t } = useI18n();
  const key = `kn.draft.twinningReport.${report.level}.${report.organisationId}.${report.year}`;
  const { values, setValues, restoredAt, dismissRestored, clear } = useDraft<TwNarrative>(key, report.narrative);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function save(submit: boolean) {
    setError(null);
    if (submit && !values.results.trim()) {
      setFieldError(t('tw.nar.resultsRequired'));
      setConfirming(false);
      return;
    }
    setBusy(submit ? 'submit' : 'draft');
    try {
      const r = await twinningApi.reports.save(report.level, report.organisationId, report.year, values, submit);
      clear(r.narrative);
      notifications.show({ color: 'green', message: t(submit ? 'tw.rep.sent' : 'tw.rep.saved') });
      setConfirming(false);
      onSaved(r);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, title: String(e) }));
      setConfirming(false);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="tw-narrative-title">
      <Stack gap="sm" data-testid="report-narrative">
        <Title order={2} size="h4" id="tw-narrative-title">
          {t('tw.rep.narrative')}
        </Title>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clear(report.narrative)} />}
        {error && <ErrorAlert error={error} />}
        {NARRATIVE_FIELDS.map((k) => (
          <Textarea
            key={k}
            label={t(`tw.nar.${k}`)}
            required={k === 'results'}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={10000}
            value={values[k]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setValues((o) => ({ ...o, [k]: v }));
              if (k === 'results') setFieldError(undefined);
            }}
            error={k === 'results' ? fieldError : undefined}
            data-testid={`report-${k}`}
          />
        ))}
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('form.draftSaved')}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={() => save(false)} loading={busy === 'draft'} disabled={!!busy} data-testid="report-save">
              {t('tw.rep.saveDraft')}
            </Button>
            <Button onClick={() => setConfirming(true)} loading={busy === 'submit'} disabled={!!busy} data-testid="report-submit">
              {t('tw.rep.submit')}
            </Button>
          </Group>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('tw.rep.submit')}>
        <Stack gap="sm">
          <Text size="sm">{t('tw.rep.submitConfirm', { year: report.year })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => save(true)} loading={busy === 'submit'} data-testid="report-submit-confirm">
              {t('tw.rep.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function NarrativeView({ n }: { n: TwNarrative }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="section" aria-labelledby="tw-narrative-title">
      <Stack gap="sm" data-testid="report-narrative">
        <Title order={2} size="h4" id="tw-narrative-title">
          {t('tw.rep.narrative')}
        </Title>
        {NARRATIVE_FIELDS.map((k) => (
          <div key={k}>
            <Text size="sm" fw={600}>
              {t(`tw.nar.${k}`)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={n[k] ? undefined : 'dimmed'}>
              {n[k] || t('tw.nar.empty')}
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

/** One report: status, figures next to the narrative, downloads. */
export function ReportView({ level, orgId, year, fallbackName }: { level: TwReportLevel; orgId: string; year: number; fallbackName?: string }) {
  const { t } = useI18n();
  const rep = useAsync((signal) => twinningApi.reports.get(level, orgId, year, signal), [level, orgId, year]);
  if (rep.error) {
    if (rep.error.status === 403 && level === 'cluster' && fallbackName) return <Alert color="yellow" data-testid="report-not-lead">{t('tw.rep.notLead', { name: fallbackName })}</Alert>;
    return <ErrorAlert error={rep.error} onRetry={rep.reload} />;
  }
  if (!rep.data) return <PageLoader />;
  const r = rep.data;
  const submitted = r.status === 'submitted';
  return (
    <Stack gap="sm" data-testid="report" data-status={r.status}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2} size="h3" data-testid="report-title">
            {t('tw.rep.of', { year: r.year, name: r.organisationName })}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge color={submitted ? 'green' : 'blue'} variant="light" radius="sm" style={{ textTransform: 'none' }} data-testid="report-status" styles={{ label: { overflow: 'visible' } }}>
              {t(`tw.rep.status.${r.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {submitted && r.submittedAt ? t('tw.rep.submittedAt', { time: formatDateTime(r.submittedAt) }) : t('tw.rep.due', { date: formatDate(r.due) })}
            </Text>
          </Group>
        </div>
        <Group gap="xs" role="group" aria-label={t('tw.rep.download')}>
          <Button component="a" href={twinningApi.reports.documentUrl(r.level, r.organisationId, r.year, 'docx')} download variant="light" data-testid="report-docx">
            {t('tw.rep.docx')}
          </Button>
          <Button component="a" href={twinningApi.reports.documentUrl(r.level, r.organisationId, r.year, 'xlsx')} download variant="light" data-testid="report-xlsx">
            {t('tw.rep.xlsx')}
          </Button>
        </Group>
      </Group>
      {submitted && <Alert color="green" variant="light">{t('tw.rep.readOnly')}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <FiguresPanel f={r.figures} frozen={submitted} />
        {r.permissions.write ? <NarrativeForm key={r.status} report={r} onSaved={(next) => rep.setData(next)} /> : <NarrativeView n={r.narrative} />}
      </SimpleGrid>
    </Stack>
  );
}

export function SubmissionsTable({ items, onOpen, openId }: { items: TwSubmission[]; onOpen?: (s: TwSubmission) => void; openId?: string }) {
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

function SchoolReport({ schoolId, year }: { schoolId: string; year: number }) {
  const { t } = useI18n();
  const school = useAsync((signal) => api.schools.get(schoolId, signal), [schoolId]);
  if (school.error) return <ErrorAlert error={school.error} onRetry={school.reload} />;
  if (!school.data) return <PageLoader />;
  if (!school.data.clusterId || school.data.provinceCode !== TW_HANOI) return <Alert color="yellow">{t('tw.rep.noCluster')}</Alert>;
  return <ReportView level="cluster" orgId={school.data.clusterId} year={year} fallbackName={school.data.clusterName ?? ''} />;
}

function DepartmentReports({ deptId, year }: { deptId: string; year: number }) {
  const navigate = useNavigate();
  const search = useSearchParams();
  const subs = useAsync((signal) => twinningApi.submissions(year, signal), [year]);
  const openCluster = search.get('cum');
  const open = (s: TwSubmission) => {
    const p = new URLSearchParams(search);
    if (s.level === 'cluster') p.set('cum', s.organisationId);
    else p.delete('cum');
    navigate(`/ket-nghia/bao-cao?${p.toString()}`, { replace: true });
  };
  return (
    <Stack gap="md">
      {openCluster ? <ReportView key={openCluster} level="cluster" orgId={openCluster} year={year} /> : <ReportView level="department" orgId={deptId} year={year} />}
      {subs.error && <ErrorAlert error={subs.error} onRetry={subs.reload} />}
      {subs.data && <SubmissionsTable items={subs.data.items} onOpen={open} openId={openCluster ?? deptId} />}
    </Stack>
  );
}

/** The Ministry and admins read the submissions and any submitted report. */
function OverseerReports({ year }: { year: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const subs = useAsync((signal) => twinningApi.submissions(year, signal), [year]);
  const openId = search.get('don-vi');
  const opened = subs.data?.items.find((s) => s.organisationId === openId);
  return (
    <Stack gap="md">
      {opened ? <ReportView key={opened.organisationId} level={opened.level} orgId={opened.organisationId} year={year} /> : <Text c="dimmed">{t('tw.rep.choose')}</Text>}
      {subs.error && <ErrorAlert error={subs.error} onRetry={subs.reload} />}
      {subs.data && (
        <SubmissionsTable
          items={subs.data.items}
          openId={openId ?? undefined}
          onOpen={(s) => {
            const p = new URLSearchParams(search);
            p.set('don-vi', s.organisationId);
            navigate(`/ket-nghia/bao-cao?${p.toString()}`, { replace: true });
          }}
        />
      )}
    </Stack>
  );
}

export default function ReportPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const year = Number(search.get('nam')) || thisYear();

  let body;
  if (user === undefined) body = <PageLoader />;
  else if (!user) body = <ErrorAlert error={new ApiError({ status: 401, title: t('common.signInRequired') })} />;
  else if (user.role === 'department' && user.organisation?.provinceCode === TW_HANOI) body = <DepartmentReports deptId={user.organisation.id} year={year} />;
  else if (user.role === 'school' && user.organisation) body = <SchoolReport schoolId={user.organisation.id} year={year} />;
  else if (user.role === 'ministry' || user.role === 'admin') body = <OverseerReports year={year} />;
  else body = <Alert color="yellow">{t('tw.rep.noAccess')}</Alert>;

  return (
    <Stack gap="md">
      <Anchor component={Link} href="/ket-nghia" size="sm">
        {t('tw.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('tw.rep.title')}</Title>
          <Text c="dimmed" maw={760}>
            {t('tw.rep.help')}
          </Text>
        </div>
        <NativeSelect
          label={t('tw.year')}
          value={String(year)}
          onChange={(e) => {
            const p = new URLSearchParams(search);
            p.set('nam', e.currentTarget.value);
            navigate(`/ket-nghia/bao-cao?${p.toString()}`, { replace: true });
          }}
          data={yearOptions()}
          w={120}
          data-testid="report-year"
        />
      </Group>
      {body}
    </Stack>
  );
}
