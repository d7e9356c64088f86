import { Alert, Anchor, Badge, Button, Card, Checkbox, FileInput, Group, MultiSelect, NumberInput, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { startupsApi, type ProposalDetail, type ProposalFileKind } from '../../../../contracts/startups';
import { call } from '../../api/call';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber, formatVnd, parseVnDate, todayVn } from '../../lib/format';
import { QueryView, useInvalidate } from '../../lib/query';
import { Link } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { Fields, Row } from '../plans/TaskAssignment';
import { attachProposalFiles, PLANS, PROPOSAL_FILE_ACCEPT, STARTUPS, useProposal, useReviewerCandidates } from './api';

/** `/mo-hinh-khoi-nghiep/:id`: a proposal with what the account may do on it (assign, score, budget opinion, decide, files, progress). */
export default function ProposalPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const valid = /^[0-9a-f-]{36}$/i.test(params.id);
  const detail = useProposal(valid ? params.id : undefined);
  if (!valid || detail.error?.status === 404) return <Alert color="yellow">{t('su.notFound')}</Alert>;
  if (detail.error?.status === 403) return <Alert color="yellow">{t('su.forbidden')}</Alert>;
  return <SignedIn>{() => <QueryView query={detail}>{(p) => <Proposal p={p} />}</QueryView>}</SignedIn>;
}

/** One write of the page: busy state, the server's refusal, and a refresh of the proposal (and the plans, which its approval moves). */
function useAction() {
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (fn: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await invalidate(STARTUPS, PLANS);
      if (done) notifications.show({ color: 'green', message: done });
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder component="section" data-testid={testId}>
      <Stack gap="xs">
        <Title order={2} size="h4">{title}</Title>
        {children}
      </Stack>
    </Card>
  );
}

function Proposal({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const open = p.state === 'submitted';
  return (
    <Stack gap="md" maw={1000} data-testid="su-detail">
      <Anchor component={Link} href="/mo-hinh-khoi-nghiep" size="sm">← {t('su.title')}</Anchor>
      <Stack gap={4}>
        <Badge variant="light" color={p.state === 'approved' ? 'green' : p.state === 'refused' ? 'red' : 'blue'} data-testid="su-state">{t(`su.state.${p.state}`)}</Badge>
        <Title order={1} size="h2" data-testid="su-title">{p.title}</Title>
        <Text size="sm" c="dimmed">{p.institution.name} · {p.callTitle}</Text>
        {p.can.edit && <Button component={Link} href={`/mo-hinh-khoi-nghiep/${p.id}/sua`} variant="light" w="fit-content" data-testid="su-edit">{t('su.edit.open')}</Button>}
      </Stack>
      <Card withBorder>
        <Fields>
          <Row label={t('su.field.model')}><Text size="sm" style={{ whiteSpace: 'pre-line' }}>{p.model}</Text></Row>
          <Row label={t('su.field.locality')}>{p.locality}</Row>
          <Row label={t('su.field.households')}>{formatNumber(p.targetHouseholds)}</Row>
          <Row label={t('su.field.budget')}><span data-testid="su-budget">{formatVnd(p.budget)}</span></Row>
          <Row label={t('su.field.results')}><Text size="sm" style={{ whiteSpace: 'pre-line' }}>{p.expectedResults}</Text></Row>
          <Row label={t('su.submittedOn')}>{formatDate(p.createdAt)}</Row>
          {p.averageScore !== null && <Row label={t('su.col.score')}><span data-testid="su-average">{t('su.average', { score: formatNumber(p.averageScore), count: p.reviews })}</span></Row>}
          {p.budgetOpinion && <Row label={t('su.budgetOpinion')}><span data-testid="su-opinion">{p.budgetOpinion}</span></Row>}
          {p.decisionNumber && <Row label={t('su.decision')}><span data-testid="su-decision">{t('su.decisionLine', { number: p.decisionNumber, date: formatDate(p.decisionDate) })}</span>{p.decisionNote ? ` – ${p.decisionNote}` : ''}</Row>}
        </Fields>
      </Card>
      <Files p={p} />
      {p.reviewList.length > 0 && <Reviews p={p} />}
      {p.can.assign && open && <Assign p={p} />}
      {p.can.score && open && <Score p={p} />}
      {p.can.budgetOpinion && open && <BudgetOpinion p={p} />}
      {p.can.decide && open && <Decide p={p} />}
      {(p.state === 'approved' || p.progress.length > 0) && <ProgressSection p={p} />}
    </Stack>
  );
}

function Files({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const kind: ProposalFileKind | null = p.can.attachProposal ? 'proposal' : p.can.attachDecision ? 'decision' : null;
  return (
    <Section title={t('su.files')}>
      {p.files.length === 0 ? <Text size="sm" c="dimmed">{t('su.noFiles')}</Text> : p.files.map((f) => (
        <Text key={f.id} size="sm" data-testid="su-file"><Anchor href={`/api/v1/files/${f.id}`}>{f.name}</Anchor> · {t(`su.fileKind.${f.kind}`)}</Text>
      ))}
      {error && <ErrorAlert error={error} />}
      {kind && (
        <Button component="label" variant="light" loading={busy} w="fit-content" data-testid="su-file-upload">
          {t(kind === 'proposal' ? 'su.attachProposal' : 'su.attachDecision')}
          <input type="file" multiple hidden accept={PROPOSAL_FILE_ACCEPT} onChange={(e) => { const files = [...(e.currentTarget.files ?? [])]; if (files.length) void run(() => attachProposalFiles(p.id, kind, files), t('su.filesAdded')); }} />
        </Button>
      )}
    </Section>
  );
}

function Reviews({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  return (
    <Section title={t('su.reviews')} testId="su-reviews">
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder>
          <Table.Thead><Table.Tr><Table.Th>{t('su.col.reviewer')}</Table.Th>{p.criteria.map((c) => <Table.Th key={c.key}>{c.label} (/{c.max})</Table.Th>)}<Table.Th>{t('su.col.total')}</Table.Th><Table.Th>{t('su.col.comment')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{p.reviewList.map((r) => (
            <Table.Tr key={r.reviewerId} data-testid="su-review">
              <Table.Td>{r.reviewer}</Table.Td>
              {p.criteria.map((c) => <Table.Td key={c.key}>{r.scores?.[c.key] === undefined ? '—' : formatNumber(r.scores[c.key])}</Table.Td>)}
              <Table.Td>{r.total === null ? t('su.notScored') : formatNumber(r.total)}</Table.Td>
              <Table.Td>{r.comment ?? ''}</Table.Td>
            </Table.Tr>
          ))}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

function Assign({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const candidates = useReviewerCandidates(true);
  const [ids, setIds] = useState<string[]>(p.reviewList.map((r) => r.reviewerId));
  const { busy, error, run } = useAction();
  return (
    <Section title={t('su.assign')} testId="su-assign">
      <MultiSelect
        label={t('su.reviewers')} searchable data-testid="su-assign-reviewers"
        data={(candidates.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.organisation})` }))}
        value={ids} onChange={setIds} maxValues={10}
      />
      {error && <ErrorAlert error={error} />}
      <Button w="fit-content" loading={busy} onClick={() => void run(() => call(startupsApi.assign, { params: { id: p.id }, body: { reviewerIds: ids } }), t('su.assigned'))} data-testid="su-assign-save">{t('su.assignSave')}</Button>
    </Section>
  );
}

function Score({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const mine = p.reviewList[0];
  const [scores, setScores] = useState<Record<string, number | string>>(Object.fromEntries(p.criteria.map((c) => [c.key, mine?.scores?.[c.key] ?? ''])));
  const [comment, setComment] = useState(mine?.comment ?? '');
  const { busy, error, run } = useAction();
  const body = () => ({ scores: Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)])), comment: comment.trim() || null });
  return (
    <Section title={t('su.score')} testId="su-score">
      <Text size="sm" c="dimmed">{t('su.scoreHelp')}</Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        {p.criteria.map((c) => (
          <NumberInput key={c.key} label={`${c.label} (0–${c.max})`} value={scores[c.key]} onChange={(v) => setScores((o) => ({ ...o, [c.key]: v }))} min={0} max={c.max} decimalScale={1} decimalSeparator="," w={220} data-testid={`su-score-${c.key}`} />
        ))}
      </Group>
      <Textarea label={t('su.col.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} data-testid="su-score-comment" />
      {error && <ErrorAlert error={error} />}
      <Button w="fit-content" loading={busy} onClick={() => void run(() => call(startupsApi.score, { params: { id: p.id }, body: body() }), t('su.scored'))} data-testid="su-score-save">{t('su.scoreSave')}</Button>
    </Section>
  );
}

function BudgetOpinion({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const [opinion, setOpinion] = useState(p.budgetOpinion ?? '');
  const { busy, error, run } = useAction();
  return (
    <Section title={t('su.budgetOpinion')} testId="su-opinion-form">
      <Textarea label={t('su.budgetOpinionLabel')} value={opinion} onChange={(e) => setOpinion(e.currentTarget.value)} autosize minRows={2} data-testid="su-opinion-text" />
      {error && <ErrorAlert error={error} />}
      <Button w="fit-content" loading={busy} onClick={() => void run(() => call(startupsApi.budgetOpinion, { params: { id: p.id }, body: { opinion } }), t('su.opinionSaved'))} data-testid="su-opinion-save">{t('su.opinionSave')}</Button>
    </Section>
  );
}

function Decide({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<'approve' | 'refuse'>('approve');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayVn());
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useAction();
  const save = () => run(async () => {
    await call(startupsApi.decide, { params: { id: p.id }, body: { decision, number, date: parseVnDate(date) ?? date, note: note.trim() || null } });
    if (file) await attachProposalFiles(p.id, 'decision', [file]);
  }, t('su.decided'));
  return (
    <Section title={t('su.decide')} testId="su-decide">
      <SegmentedControl value={decision} onChange={(v) => setDecision(v as 'approve' | 'refuse')} data={[{ value: 'approve', label: t('su.approve') }, { value: 'refuse', label: t('su.refuse') }]} w="fit-content" data-testid="su-decide-choice" />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput label={t('su.decisionNumber')} placeholder="123/QĐ-BGDĐT" value={number} onChange={(e) => setNumber(e.currentTarget.value)} required w={220} data-testid="su-decide-number" />
        <TextInput label={t('su.decisionDate')} placeholder="dd/mm/yyyy" value={date} onChange={(e) => setDate(e.currentTarget.value)} required w={150} data-testid="su-decide-date" />
        <FileInput label={t('su.decisionFile')} clearable accept={PROPOSAL_FILE_ACCEPT} value={file} onChange={setFile} w={{ base: '100%', sm: 280 }} data-testid="su-decide-file" />
      </Group>
      <Textarea label={t('su.decisionNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} data-testid="su-decide-note" />
      {error && <ErrorAlert error={error} />}
      <Button w="fit-content" loading={busy} onClick={() => void save()} data-testid="su-decide-save">{t('su.decideSave')}</Button>
    </Section>
  );
}

function ProgressSection({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const [v, setV] = useState({ households: '' as number | string, jobs: '' as number | string, averageIncome: '' as number | string, incomeNote: '', note: '', closed: false });
  const { busy, error, run } = useAction();
  const save = async () => {
    const ok = await run(() => call(startupsApi.report, { params: { id: p.id }, body: {
      householdsSupported: Number(v.households === '' ? Number.NaN : v.households), jobs: Number(v.jobs === '' ? Number.NaN : v.jobs),
      averageIncomeVnd: v.averageIncome === '' ? null : Number(v.averageIncome), incomeNote: v.incomeNote.trim() || null, note: v.note.trim() || null, closed: v.closed,
    } }), t('su.reported'));
    if (ok) setV({ households: '', jobs: '', averageIncome: '', incomeNote: '', note: '', closed: false });
  };
  return (
    <Section title={t('su.progress')} testId="su-progress">
      {p.progress.length === 0 ? <Text size="sm" c="dimmed">{t('su.noProgress')}</Text> : (
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder>
            <Table.Thead><Table.Tr><Table.Th>{t('su.col.reportedOn')}</Table.Th><Table.Th>{t('su.col.households')}</Table.Th><Table.Th>{t('su.col.jobs')}</Table.Th><Table.Th>{t('su.col.averageIncome')}</Table.Th><Table.Th>{t('su.col.income')}</Table.Th><Table.Th>{t('su.col.note')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{p.progress.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: reports are listed oldest first and never reordered
              <Table.Tr key={i} data-testid="su-progress-row">
                <Table.Td>{formatDate(r.reportedOn)}{r.closed ? ` · ${t('su.closing')}` : ''}</Table.Td><Table.Td>{formatNumber(r.householdsSupported)}</Table.Td><Table.Td>{formatNumber(r.jobs)}</Table.Td>
                <Table.Td data-testid="su-progress-average-income">{r.averageIncomeVnd === null ? '' : formatVnd(r.averageIncomeVnd)}</Table.Td>
                <Table.Td>{r.incomeNote ?? ''}</Table.Td><Table.Td>{r.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {p.can.report && (
        <Stack gap="xs" data-testid="su-report-form">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NumberInput label={t('su.col.households')} value={v.households} onChange={(x) => setV((o) => ({ ...o, households: x }))} min={0} allowDecimal={false} w={200} data-testid="su-report-households" />
            <NumberInput label={t('su.col.jobs')} value={v.jobs} onChange={(x) => setV((o) => ({ ...o, jobs: x }))} min={0} allowDecimal={false} w={160} data-testid="su-report-jobs" />
            <NumberInput label={t('su.col.averageIncome')} value={v.averageIncome} onChange={(x) => setV((o) => ({ ...o, averageIncome: x }))} min={0} allowDecimal={false} allowNegative={false}
              thousandSeparator="." decimalSeparator="," w={260} data-testid="su-report-average-income" />
            <TextInput label={t('su.col.income')} value={v.incomeNote} onChange={(e) => { const incomeNote = e.currentTarget.value; setV((o) => ({ ...o, incomeNote })); }} w={{ base: '100%', sm: 320 }} data-testid="su-report-income" />
          </Group>
          <Textarea label={t('su.col.note')} value={v.note} onChange={(e) => { const note = e.currentTarget.value; setV((o) => ({ ...o, note })); }} autosize minRows={1} data-testid="su-report-note" />
          <Checkbox label={t('su.closingReport')} checked={v.closed} onChange={(e) => { const closed = e.currentTarget.checked; setV((o) => ({ ...o, closed })); }} data-testid="su-report-closed" />
          {error && <ErrorAlert error={error} />}
          <Button w="fit-content" loading={busy} onClick={() => void save()} data-testid="su-report-save">{t('su.reportSave')}</Button>
        </Stack>
      )}
    </Section>
  );
}
