import { Alert, Anchor, Badge, Button, Card, Collapse, Group, List, Loader, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useMemo } from 'react';
import { plansApi, TASK_STATUSES, type PlanDetail, type PlanTaskFilters, type TaskStatus } from '../../../../contracts/plans';
import { endpointUrl } from '../../api/call';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { QueryView, useApi } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { usePagedApi } from './paged';
import { PlanGoals } from './PlanGoals';
import { BySection, ByUnit } from './PlanProgress';
import { PlanTasks, type FilterPatch } from './PlanTasks';
import { PlanTimeline } from './PlanTimeline';
import { PlanBudget } from '../budgets/PlanBudget';
import { AsOfInput, asOfFrom, dateRange, Meta, Section, StatusLegend, TallyBar, TallyCounts } from './shared';

const PARAM = { section: 'muc', status: 'trang-thai', unitId: 'don-vi', q: 'q' } as const;

function filtersFrom(search: URLSearchParams): PlanTaskFilters {
  const f: PlanTaskFilters = {};
  const section = search.get(PARAM.section);
  const status = search.get(PARAM.status);
  const unitId = search.get(PARAM.unitId);
  const q = search.get(PARAM.q);
  if (section) f.section = section;
  if (status && (TASK_STATUSES as readonly string[]).includes(status)) f.status = status as TaskStatus;
  if (unitId && /^[0-9a-f-]{36}$/i.test(unitId)) f.unitId = unitId;
  if (q?.trim()) f.q = q.trim();
  return f;
}

/** The plan's header: type, number, title, issuer, dates and its legal bases. */
function PlanHead({ plan }: { plan: PlanDetail }) {
  const { t } = useI18n();
  const [legalOpen, { toggle: toggleLegal }] = useDisclosure(false);
  return (
    <>
      <Stack gap={4}>
        <Group gap="xs">
          <Badge variant="light" radius="sm" style={{ textTransform: 'none' }}>
            {t(`plan.type.${plan.type}`)}
          </Badge>
          <Text fw={600} data-testid="plan-number">
            {plan.number || t('plans.noNumber')}
          </Text>
        </Group>
        <Title order={1} size="h2" data-testid="plan-title">
          {plan.title}
        </Title>
      </Stack>
      <Card withBorder>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Meta label={t('plan.issuer')}>{plan.issuer.name}</Meta>
            <Meta label={t('plan.signedOn')}>{formatDate(plan.signedOn)}</Meta>
            <Meta label={t('plan.period')}>{dateRange(plan.periodFrom, plan.periodTo)}</Meta>
            <Meta label={t('plan.place')}>{plan.place ?? '—'}</Meta>
          </SimpleGrid>
          {plan.legalBases.length > 0 && (
            <div>
              <UnstyledButton onClick={toggleLegal} aria-expanded={legalOpen} aria-controls="plan-legal" data-testid="plan-legal-toggle">
                <Text size="sm" c="blue.7" fw={500}>
                  {legalOpen ? '▾' : '▸'} {t('plan.legalBases', { count: formatNumber(plan.legalBases.length) })}
                </Text>
              </UnstyledButton>
              <Collapse expanded={legalOpen} id="plan-legal">
                <List size="sm" spacing={4} mt="xs" pl="md">
                  {plan.legalBases.map((b) => (
                    <List.Item key={b}>{b}</List.Item>
                  ))}
                </List>
              </Collapse>
            </div>
          )}
        </Stack>
      </Card>
    </>
  );
}

/** The date the figures are taken at, the progress report downloads and the overall tally. */
function PlanSummary({ plan, asOf, onAsOf }: { plan: PlanDetail; asOf: string | undefined; onAsOf: (v: string | undefined) => void }) {
  const { t } = useI18n();
  const reportUrl = (format: 'docx' | 'xlsx') => endpointUrl(plansApi.report, { params: { id: plan.key }, query: { format, asOf } });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <AsOfInput value={asOf} onChange={onAsOf} />
          {plan.can.report && (
            <Stack gap={4} align="flex-start">
              <Text size="sm" fw={600}>
                {t('plan.report')}
              </Text>
              <Group gap="xs" wrap="wrap">
                <Button component="a" href={reportUrl('docx')} download variant="filled" data-testid="plan-report-docx">
                  {t('plan.reportDocx')}
                </Button>
                <Button component="a" href={reportUrl('xlsx')} download variant="light" data-testid="plan-report-xlsx">
                  {t('plan.reportXlsx')}
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                {t('plan.reportHint', { date: formatDate(plan.asOf) })}
              </Text>
            </Stack>
          )}
        </Group>
        <Text size="sm" data-testid="plan-summary">
          {t('plan.summary', { count: formatNumber(plan.taskCount), date: formatDate(plan.asOf) })}
        </Text>
        <TallyBar tally={plan.tally} height={16} />
        <Group justify="space-between" wrap="wrap">
          <TallyCounts tally={plan.tally} />
          <StatusLegend />
        </Group>
      </Stack>
    </Card>
  );
}

export default function PlanDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const key = params.key;
  const asOf = asOfFrom(search);
  const filters = useMemo(() => filtersFrom(search), [search]);
  const filterKey = JSON.stringify(filters);

  const detail = useApi(plansApi.get, { params: { id: key }, query: { asOf } }, { keepPrevious: true });
  const tasks = usePagedApi(plansApi.tasks, { params: { id: key }, query: { asOf, ...filters, limit: 200 } });

  const hrefFor = (patch: FilterPatch) => {
    const p = new URLSearchParams();
    const next = { ...filters, ...patch };
    const day = 'asOf' in patch ? patch.asOf : asOf;
    if (day) p.set('ngay', day);
    for (const [k, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][]) {
      const v = next[k];
      if (v) p.set(name, String(v));
    }
    const s = p.toString();
    return `/ke-hoach/${encodeURIComponent(key)}${s ? `?${s}` : ''}`;
  };
  const setParams = (patch: FilterPatch) => navigate(hrefFor(patch), { replace: true });

  // links from the progress tables end in #nhiem-vu: bring the task list into view
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filters change
  useEffect(() => {
    if (window.location.hash === '#nhiem-vu') document.getElementById('nhiem-vu')?.scrollIntoView({ block: 'start' });
  }, [filterKey]);

  const back = (
    <Anchor component={Link} href={asOf ? `/ke-hoach?ngay=${asOf}` : '/ke-hoach'} size="sm">
      ← {t('plan.back')}
    </Anchor>
  );
  if (detail.error?.status === 404)
    return (
      <Stack>
        {back}
        <Alert color="yellow" title={t('plan.notFound')}>
          {detail.error.detail ?? ''}
        </Alert>
      </Stack>
    );

  return (
    <Stack gap="md">
      {back}
      <QueryView query={detail}>
        {(plan) => (
          <>
            <PlanHead plan={plan} />
            <PlanSummary plan={plan} asOf={asOf} onAsOf={(v) => setParams({ asOf: v })} />
            <PlanGoals plan={plan} />
            <BySection plan={plan} linkFor={hrefFor} />
            <ByUnit plan={plan} linkFor={hrefFor} />
            <PlanBudget planKey={plan.key} />
            <Section title={t('plan.timeline')}>
              <Text size="sm" c="dimmed">
                {t('plan.timelineHelp', { date: formatDate(plan.asOf) })}
              </Text>
              {tasks.query.data ? <PlanTimeline tasks={tasks.items} asOf={plan.asOf} /> : tasks.query.isPending ? <Loader size="sm" /> : null}
            </Section>
            <PlanTasks plan={plan} asOf={asOf} filters={filters} setParams={setParams} tasks={tasks} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
