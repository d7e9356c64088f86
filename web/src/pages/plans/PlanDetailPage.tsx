import { Alert, Anchor, Badge, Button, Card, Collapse, FileInput, Group, List, Loader, Modal, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState, type ComponentProps, type FormEvent, type ReactNode } from 'react';
import {
  ApiError,
  plansApi,
  TASK_STATUSES,
  type ImportRowError,
  type PlanDetail,
  type PlanSectionProgress,
  type StatusTally,
  type PlanTarget,
  type PlanTaskFilters,
  type TaskImportResult,
  type TaskStatus,
  type TaskView,
} from '../../api';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber, parseViDecimal, parseVnDate, todayVn } from '../../lib/format';
import { useAsync, useDebounced } from '../../lib/hooks';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { asOfFrom } from './PlanListPage';
import { PlanTimeline } from './PlanTimeline';
import { AsOfInput, dateRange, leadsText, StatusBadge, StatusLegend, TallyBar, TallyCounts, taskDeadline, timesText } from './shared';
import { ImportErrorReport } from '../../components/ImportErrorReport';

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
  if (q && q.trim()) f.q = q.trim();
  return f;
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function Section({ title, children, testId, actions }: { title: string; children: ReactNode; testId?: string; actions?: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title} data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4">
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

// ---------- goals and targets ----------

function MeasureForm({ target, onDone }: { target: PlanTarget; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [value, setValue] = useState('');
  const [date, setDate] = useState<string | null>(parseVnDate(todayVn()));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ value?: string; date?: string }>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = parseViDecimal(value);
    const next: typeof errors = {};
    if (v === undefined || Number.isNaN(v)) next.value = t('plan.measureBadValue');
    if (!date) next.date = t('plan.measureBadDate');
    setErrors(next);
    if (next.value || next.date) return;
    setBusy(true);
    setError(null);
    try {
      await plansApi.recordMeasurement(target.id, { value: v!, measuredOn: date!.slice(0, 10), note: note.trim() || null });
      notifications.show({ color: 'green', message: t('plan.measureSaved') });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="measure-form">
      <Stack gap="sm">
        {error && <ErrorAlert error={error} />}
        <TextInput label={t('plan.measureValue', { unit: target.unit })} inputMode="decimal" required value={value} onChange={(e) => setValue(e.currentTarget.value)} error={errors.value} data-autofocus />
        <DateInput
          label={t('plan.measureDate')}
          required
          value={date}
          onChange={(d) => setDate(d)}
          valueFormat="DD/MM/YYYY"
          dateParser={(input) => parseVnDate(input)}
          locale={lang === 'vi' ? 'vi' : 'en'}
          error={errors.date}
        />
        <TextInput label={t('plan.measureNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const withUnit = (n: number, unit: string) => (unit === '%' ? `${formatNumber(n)}%` : `${formatNumber(n)} ${unit}`);

function targetProgress(x: PlanTarget): number | null {
  if (x.measuredValue == null || x.targetValue == null || x.targetValue === 0) return null;
  return Math.max(0, Math.min(100, (x.measuredValue * 100) / x.targetValue));
}

function Measured({ x }: { x: PlanTarget }) {
  const { t } = useI18n();
  const pct = targetProgress(x);
  if (x.measuredValue == null)
    return (
      <Text size="sm" c="dimmed">
        {t('plan.measured')}: {t('plan.noMeasure')}
      </Text>
    );
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {withUnit(x.measuredValue, x.unit)}{' '}
        <Text span size="xs" c="dimmed" fw={400}>
          {t('plan.measuredOn', { date: formatDate(x.measuredOn) })}
        </Text>
      </Text>
      {pct !== null && <Progress value={pct} color={pct >= 100 ? 'green' : 'blue'} size="sm" aria-label={`${x.label}: ${formatNumber(Math.round(pct))}%`} />}
    </Stack>
  );
}

function Goals({ plan, onChanged }: { plan: PlanDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  const [measuring, setMeasuring] = useState<PlanTarget | null>(null);
  const withTargets = plan.goals.filter((g) => g.targets.length > 0);
  return (
    <Section title={t('plan.goals')} testId="plan-goals">
      {withTargets.length === 0 && <Text c="dimmed">{t('plan.goalsEmpty')}</Text>}
      {withTargets.map((g) => (
        <Stack key={g.id} gap="xs">
          <GoalText code={g.code} text={g.text} />
          {phone ? (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {g.targets.map((x) => (
                <Card key={x.id} component="li" withBorder padding="xs" data-testid="plan-target">
                  <Stack gap={4}>
                    <Text size="sm">{x.label}</Text>
                    <Text size="sm">
                      {t('plan.targetValue')}: <strong>{x.targetValue == null ? '—' : withUnit(x.targetValue, x.unit)}</strong>
                      {x.targetDate ? ` ${t('plan.targetBy', { date: formatDate(x.targetDate) })}` : ''}
                    </Text>
                    <Measured x={x} />
                    {plan.permissions.manage && (
                      <div>
                        <Button size="compact-xs" variant="light" onClick={() => setMeasuring(x)} aria-label={`${t('plan.measure')}: ${x.label}`}>
                          {t('plan.measure')}
                        </Button>
                      </div>
                    )}
                  </Stack>
                </Card>
              ))}
            </Stack>
          ) : (
          <Table.ScrollContainer minWidth={560} type="native">
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plan.target')}</Table.Th>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('plan.targetValue')}</Table.Th>
                  <Table.Th style={{ minWidth: 160 }}>{t('plan.measured')}</Table.Th>
                  {plan.permissions.manage && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {g.targets.map((x) => (
                    <Table.Tr key={x.id} data-testid="plan-target">
                      <Table.Td>
                        <Text size="sm">{x.label}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm" fw={600}>
                          {x.targetValue == null ? '—' : withUnit(x.targetValue, x.unit)}
                        </Text>
                        {x.targetDate && (
                          <Text size="xs" c="dimmed">
                            {t('plan.targetBy', { date: formatDate(x.targetDate) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Measured x={x} />
                      </Table.Td>
                      {plan.permissions.manage && (
                        <Table.Td style={{ textAlign: 'right' }}>
                          <Button size="compact-xs" variant="light" onClick={() => setMeasuring(x)} aria-label={`${t('plan.measure')}: ${x.label}`}>
                            {t('plan.measure')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          )}
        </Stack>
      ))}
      <Modal opened={!!measuring} onClose={() => setMeasuring(null)} title={measuring ? t('plan.measureTitle', { label: measuring.label }) : ''} size="lg">
        {measuring && (
          <MeasureForm
            target={measuring}
            onDone={() => {
              setMeasuring(null);
              onChanged();
            }}
          />
        )}
      </Modal>
    </Section>
  );
}

function GoalText({ code, text }: { code: string; text: string }) {
  const { t } = useI18n();
  const [open, { toggle }] = useDisclosure(false);
  const long = text.length > 240;
  return (
    <Text size="sm">
      <strong>{code}.</strong> {long && !open ? `${text.slice(0, 240)}…` : text}{' '}
      {long && (
        <Anchor component="button" type="button" size="sm" onClick={toggle} aria-expanded={open}>
          {open ? t('plan.less') : t('plan.more')}
        </Anchor>
      )}
    </Text>
  );
}

// ---------- progress by section and by unit ----------

/** Sections as a tree (each parent followed by its children), parents counting their children's tasks. */
function sectionRows(plan: PlanDetail): { s: PlanSectionProgress; depth: number; count: number; tally: StatusTally }[] {
  const children = new Map<string | null, PlanSectionProgress[]>();
  const codes = new Set(plan.sections.map((s) => s.code));
  for (const s of plan.sections) {
    const parent = s.parentCode && codes.has(s.parentCode) ? s.parentCode : null;
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(s);
  }
  const out: { s: PlanSectionProgress; depth: number; count: number; tally: StatusTally }[] = [];
  const walk = (s: PlanSectionProgress, depth: number): { count: number; tally: StatusTally } => {
    const row = { s, depth, count: s.taskCount, tally: { ...s.tally } };
    out.push(row);
    for (const c of children.get(s.code) ?? []) {
      const sub = walk(c, depth + 1);
      row.count += sub.count;
      for (const k of TASK_STATUSES) row.tally[k] += sub.tally[k];
    }
    return row;
  };
  for (const root of children.get(null) ?? []) walk(root, 0);
  return out.filter((r) => r.count > 0);
}

interface ProgressRow {
  key: string;
  href: string;
  label: ReactNode;
  depth: number;
  strong: boolean;
  count: number;
  tally: StatusTally;
}

/** Progress rows: a table on wide screens, a list of bars on phones. */
function ProgressTable({ rows, firstHeader, maxHeight }: { rows: ProgressRow[]; firstHeader: string; maxHeight?: number }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  if (phone)
    return (
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {rows.map((r) => (
          <Stack key={r.key} component="li" gap={4} pl={r.depth * 14}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Anchor component={Link} href={r.href} size="sm" c="inherit" fw={r.strong ? 600 : 400}>
                {r.label}
              </Anchor>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('plan.tasksShown', { count: formatNumber(r.count) })}
              </Text>
            </Group>
            <TallyBar tally={r.tally} height={10} />
            <TallyCounts tally={r.tally} />
          </Stack>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={480} maxHeight={maxHeight} type="native">
      <Table verticalSpacing="xs" striped stickyHeader={!!maxHeight}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{firstHeader}</Table.Th>
            <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{t('plan.col.count')}</Table.Th>
            <Table.Th style={{ width: '35%', minWidth: 160 }}>{t('plan.col.progress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td style={{ paddingLeft: 10 + r.depth * 20 }}>
                <Anchor component={Link} href={r.href} size="sm" c="inherit" fw={r.strong ? 600 : 400}>
                  {r.label}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatNumber(r.count)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <TallyBar tally={r.tally} height={10} />
                  <TallyCounts tally={r.tally} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function BySection({ plan, linkFor }: { plan: PlanDetail; linkFor: (patch: Partial<PlanTaskFilters>) => string }) {
  const { t } = useI18n();
  const rows: ProgressRow[] = sectionRows(plan).map(({ s, depth, count, tally }) => ({
    key: s.code,
    href: `${linkFor({ section: s.code })}#nhiem-vu`,
    label: `${s.code}. ${s.title}`,
    depth,
    strong: depth === 0,
    count,
    tally,
  }));
  return (
    <Section title={t('plan.bySection')} testId="plan-by-section">
      <ProgressTable rows={rows} firstHeader={t('plan.col.section')} />
    </Section>
  );
}

function ByUnit({ plan, linkFor }: { plan: PlanDetail; linkFor: (patch: Partial<PlanTaskFilters>) => string }) {
  const { t } = useI18n();
  const rows: ProgressRow[] = plan.byUnit.map((u) => ({ key: u.id, href: `${linkFor({ unitId: u.id })}#nhiem-vu`, label: u.name, depth: 0, strong: false, count: u.count, tally: u.tally }));
  return (
    <Section title={t('plan.byUnit')} testId="plan-by-unit">
      <ProgressTable rows={rows} firstHeader={t('plan.col.unit')} maxHeight={520} />
    </Section>
  );
}

// ---------- import ----------

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

function TaskImport({ planKey, onImported }: { planKey: string; onImported: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<TaskImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    setRowErrors(null);
    setError(null);
    if (!file) return setFileError(t('import.needFile'));
    if (!/\.(xlsx|csv)$/i.test(file.name)) return setFileError(t('import.badType'));
    setFileError(null);
    setProgress(0);
    try {
      const r = await plansApi.importTasks(planKey, file, setProgress);
      setResult(r);
      setFile(null);
      onImported();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      if (apiErr.rowErrors.length) setRowErrors(apiErr.rowErrors);
      else setError(apiErr);
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('plan.importHelp')}
      </Text>
      <form onSubmit={onSubmit} noValidate data-testid="plan-import-form">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <FileInput
            label={t('import.file')}
            placeholder={t('import.filePlaceholder')}
            accept={ACCEPT}
            value={file}
            onChange={(f) => {
              setFile(f);
              setFileError(null);
            }}
            error={fileError}
            clearable
            disabled={busy}
            miw={260}
            style={{ flex: 1 }}
            fileInputProps={{ 'data-testid': 'plan-import-file', 'aria-label': t('import.file') } as ComponentProps<'input'>}
          />
          <Button type="submit" loading={busy} data-testid="plan-import-submit">
            {t('import.submit')}
          </Button>
        </Group>
      </form>
      {busy && (
        <Stack gap={4} aria-live="polite">
          <Progress value={Math.round((progress ?? 0) * 100)} animated={(progress ?? 0) >= 1} striped={(progress ?? 0) >= 1} aria-label={t('plan.import')} />
          <Text size="sm" c="dimmed">
            {(progress ?? 0) >= 1 ? t('import.processing') : t('import.uploading', { percent: Math.round((progress ?? 0) * 100) })}
          </Text>
        </Stack>
      )}
      {error && <ErrorAlert error={error} />}
      {result && (
        <Alert color="green" data-testid="plan-import-success">
          {t('plan.importSuccess', { created: formatNumber(result.created), assignments: formatNumber(result.assignments) })}
        </Alert>
      )}
      {rowErrors && <ImportErrorReport errors={rowErrors} />}
    </Stack>
  );
}

// ---------- tasks ----------

function TaskTable({ tasks }: { tasks: TaskView[] }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  if (!tasks.length) return <Text c="dimmed">{t('plan.tasksEmpty')}</Text>;
  if (phone)
    return (
      <Stack gap="xs" data-testid="plan-tasks">
        {tasks.map((task) => (
          <Card key={task.id} withBorder padding="sm" data-testid="task-row">
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Anchor component={Link} href={`/nhiem-vu/${task.id}`} fw={600} size="sm">
                  {task.number}
                </Anchor>
                <StatusBadge status={task.status} />
              </Group>
              <Text size="sm" lineClamp={4}>
                {task.content}
              </Text>
              <Text size="xs" c="dimmed">
                {leadsText(task)} · {timesText(task)} · {t('task.due', { date: formatDate(taskDeadline(task)) })}
              </Text>
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="plan-tasks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('taskCol.number')}</Table.Th>
            <Table.Th>{t('taskCol.content')}</Table.Th>
            <Table.Th w={180}>{t('taskCol.lead')}</Table.Th>
            <Table.Th w={130}>{t('taskCol.time')}</Table.Th>
            <Table.Th w={100}>{t('taskCol.deadline')}</Table.Th>
            <Table.Th w={140}>{t('taskCol.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <Table.Tr key={task.id} data-testid="task-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} href={`/nhiem-vu/${task.id}`} size="sm" fw={600}>
                  {task.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} href={`/nhiem-vu/${task.id}`} size="sm" c="inherit" tabIndex={-1}>
                  <Text size="sm" lineClamp={3} span>
                    {task.content}
                  </Text>
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{leadsText(task)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{timesText(task)}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(taskDeadline(task))}</Table.Td>
              <Table.Td>
                <StatusBadge status={task.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
  const [q, setQ] = useState(filters.q ?? '');
  const debouncedQ = useDebounced(q.trim(), 400);
  const [legalOpen, { toggle: toggleLegal }] = useDisclosure(false);
  const [importOpen, { toggle: toggleImport }] = useDisclosure(false);

  const detail = useAsync((signal) => plansApi.get(key, asOf, signal), [key, asOf]);
  const tasks = useAsync((signal) => plansApi.tasks(key, filters, asOf, signal), [key, asOf, filterKey]);

  const hrefFor = (patch: Partial<PlanTaskFilters> & { asOf?: string | undefined }) => {
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
  const setParams = (patch: Partial<PlanTaskFilters> & { asOf?: string | undefined }) => navigate(hrefFor(patch), { replace: true });

  useEffect(() => {
    if ((filters.q ?? '') !== debouncedQ) setParams({ q: debouncedQ || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedQ]);

  // links from the progress tables end in #nhiem-vu: bring the task list into view
  useEffect(() => {
    if (window.location.hash === '#nhiem-vu') document.getElementById('nhiem-vu')?.scrollIntoView({ block: 'start' });
  }, [filterKey]);

  if (detail.loading && !detail.data) return <PageLoader />;
  if (detail.error || !detail.data) {
    return (
      <Stack>
        <Anchor component={Link} href="/ke-hoach" size="sm">
          ← {t('plan.back')}
        </Anchor>
        {detail.error?.status === 404 ? (
          <Alert color="yellow" title={t('plan.notFound')}>
            {detail.error.detail ?? ''}
          </Alert>
        ) : (
          detail.error && <ErrorAlert error={detail.error} onRetry={detail.reload} />
        )}
      </Stack>
    );
  }
  const plan = detail.data;
  const hasFilters = Object.keys(filters).length > 0;
  const sectionOptions = plan.sections.map((s) => ({ value: s.code, label: `${s.code}. ${s.title}` }));
  const unitOptions = plan.byUnit.map((u) => ({ value: u.id, label: u.name }));

  return (
    <Stack gap="md">
      <Anchor component={Link} href={asOf ? `/ke-hoach?ngay=${asOf}` : '/ke-hoach'} size="sm">
        ← {t('plan.back')}
      </Anchor>

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

      <Card withBorder>
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
            <AsOfInput value={asOf} onChange={(v) => setParams({ asOf: v })} />
            <Stack gap={4} align="flex-start">
              <Text size="sm" fw={600}>
                {t('plan.report')}
              </Text>
              <Group gap="xs" wrap="wrap">
                <Button component="a" href={plansApi.reportUrl(plan.key, asOf, 'docx')} download variant="filled" data-testid="plan-report-docx">
                  {t('plan.reportDocx')}
                </Button>
                <Button component="a" href={plansApi.reportUrl(plan.key, asOf, 'xlsx')} download variant="light" data-testid="plan-report-xlsx">
                  {t('plan.reportXlsx')}
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                {t('plan.reportHint', { date: formatDate(plan.asOf) })}
              </Text>
            </Stack>
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

      <Goals plan={plan} onChanged={detail.reload} />

      <BySection plan={plan} linkFor={hrefFor} />
      <ByUnit plan={plan} linkFor={hrefFor} />

      <Section title={t('plan.timeline')}>
        <Text size="sm" c="dimmed">
          {t('plan.timelineHelp', { date: formatDate(plan.asOf) })}
        </Text>
        {tasks.data ? <PlanTimeline tasks={tasks.data.tasks} asOf={plan.asOf} /> : tasks.loading ? <Loader size="sm" /> : null}
      </Section>

      <Card withBorder component="section" aria-labelledby="nhiem-vu-title" id="nhiem-vu" style={{ scrollMarginTop: 70 }}>
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Title order={2} size="h4" id="nhiem-vu-title">
                {t('plan.tasks')}
              </Title>
              <Text size="sm" c="dimmed" aria-live="polite" data-testid="plan-task-count">
                {tasks.data ? t('plan.tasksShown', { count: formatNumber(tasks.data.tasks.length) }) : '\u00a0'}
              </Text>
            </div>
            <Group gap="xs" wrap="wrap" role="group" aria-label={t('plan.tasksExport')}>
              <Button component="a" size="xs" variant="light" href={plansApi.tasksExportUrl(plan.key, filters, asOf, 'xlsx')} download data-testid="plan-tasks-xlsx" aria-label={`${t('plan.tasksExport')}: ${t('plans.exportXlsx')}`}>
                {t('plans.exportXlsx')}
              </Button>
              <Button component="a" size="xs" variant="light" href={plansApi.tasksExportUrl(plan.key, filters, asOf, 'csv')} download data-testid="plan-tasks-csv" aria-label={`${t('plan.tasksExport')}: ${t('plans.exportCsv')}`}>
                {t('plans.exportCsv')}
              </Button>
              {plan.permissions.manage && (
                <Button size="xs" variant={importOpen ? 'filled' : 'default'} onClick={toggleImport} aria-expanded={importOpen} data-testid="plan-import">
                  {t('plan.import')}
                </Button>
              )}
            </Group>
          </Group>
          {plan.permissions.manage && (
            <Collapse expanded={importOpen}>
              <Card withBorder bg="gray.0">
                <TaskImport
                  planKey={plan.key}
                  onImported={() => {
                    detail.reload();
                    tasks.reload();
                  }}
                />
              </Card>
            </Collapse>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <TextInput label={t('plan.filter.search')} placeholder={t('plan.filter.searchPlaceholder')} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} data-testid="plan-task-search" />
            <Select label={t('plan.filter.section')} placeholder={t('common.all')} data={sectionOptions} value={filters.section ?? null} onChange={(v) => setParams({ section: v ?? undefined })} clearable searchable data-testid="plan-filter-section" />
            <Select
              label={t('plan.filter.status')}
              placeholder={t('common.all')}
              data={TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))}
              value={filters.status || null}
              onChange={(v) => setParams({ status: (v as TaskStatus) ?? undefined })}
              clearable
              data-testid="plan-filter-status"
            />
            <Select label={t('plan.filter.unit')} placeholder={t('common.all')} data={unitOptions} value={filters.unitId ?? null} onChange={(v) => setParams({ unitId: v ?? undefined })} clearable searchable data-testid="plan-filter-unit" />
          </SimpleGrid>
          {hasFilters && (
            <div>
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => {
                  setQ('');
                  setParams({ section: undefined, status: undefined, unitId: undefined, q: undefined });
                }}
              >
                {t('plan.filter.clear')}
              </Button>
            </div>
          )}
          {tasks.error && <ErrorAlert error={tasks.error} onRetry={tasks.reload} />}
          {tasks.loading && !tasks.data && <PageLoader />}
          {tasks.data && (
            <div style={{ opacity: tasks.loading ? 0.6 : 1 }}>
              <TaskTable tasks={tasks.data.tasks} />
            </div>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
