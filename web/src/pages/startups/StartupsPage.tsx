import { Anchor, Badge, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { PROPOSAL_STATES, startupsApi, type Call, type Proposal, type ProposalState } from '../../../../contracts/startups';
import { call } from '../../api/call';
import { ApiError } from '../../api/client';
import { ErrorAlert, PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber, formatVnd, parseVnDate } from '../../lib/format';
import { QueryView, useInvalidate } from '../../lib/query';
import { Link } from '../../lib/router';
import { ListTable, SignedIn } from '../resources/ListTable';
import { proposalsExportUrl, STARTUPS, useCalls, useProposals, type ProposalFilters } from './api';

/**
 * `/mo-hinh-khoi-nghiep`: the calls for startup-model proposals with their published criteria, and
 * the proposals in the account's scope (a training institution its own, a reviewer those assigned
 * to it, Vụ GDCTHSSV and Vụ KHTC all). Vụ GDCTHSSV opens a call here.
 */
export default function StartupsPage() {
  return <SignedIn>{() => <Startups />}</SignedIn>;
}

function Startups() {
  const { t } = useI18n();
  const calls = useCalls();
  return (
    <Stack gap="md">
      <PageHeader title={t('su.title')} help={t('su.intro')} />
      <QueryView query={calls}>
        {(data) => (
          <Stack gap="sm" component="section">
            <Title order={2} size="h4">{t('su.calls')}</Title>
            {data.items.length === 0 && <Text size="sm" c="dimmed">{t('su.noCalls')}</Text>}
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {data.items.map((c) => <CallCard key={c.id} c={c} submit={data.can.submit} />)}
            </SimpleGrid>
            {data.can.create && <CallForm />}
          </Stack>
        )}
      </QueryView>
      <Proposals />
    </Stack>
  );
}

function CallCard({ c, submit }: { c: Call; submit: boolean }) {
  const { t } = useI18n();
  return (
    <Card withBorder data-testid="su-call">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} data-testid="su-call-title">{c.title}</Text>
          <Badge color={c.open ? 'green' : 'gray'} variant="light">{c.open ? t('su.open') : t('su.closed')}</Badge>
        </Group>
        <Text size="sm">{t('su.deadline')}: {formatDate(c.deadline)} · {t('su.callCounts', { proposals: formatNumber(c.proposals), approved: formatNumber(c.approved) })}</Text>
        <Text size="sm" fw={500}>{t('su.criteria')}</Text>
        <Stack gap={2} component="ul" m={0} pl="md">
          {c.criteria.map((k) => <Text key={k.key} size="sm" component="li" data-testid="su-criterion">{k.label} ({t('su.maxPoints', { max: k.max })})</Text>)}
        </Stack>
        {submit && c.open && <Button component={Link} href={`/mo-hinh-khoi-nghiep/dot/${c.id}/nop`} variant="light" w="fit-content" data-testid="su-call-submit">{t('su.submitProposal')}</Button>}
      </Stack>
    </Card>
  );
}

interface CriterionRow { label: string; max: number | string }

/** Vụ GDCTHSSV opens a call: title, deadline, criteria with their maximum points (keys made from their order). */
function CallForm() {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const [title, setTitle] = useState('');
  const [deadline, setDeadline] = useState('');
  const [rows, setRows] = useState<CriterionRow[]>([{ label: '', max: 50 }, { label: '', max: 50 }]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(startupsApi.createCall, { body: { title, deadline: parseVnDate(deadline) ?? deadline, criteria: rows.filter((r) => r.label.trim()).map((r, i) => ({ key: `c${i + 1}`, label: r.label, max: Number(r.max) })) } });
      notifications.show({ color: 'green', message: t('su.callOpened') });
      setTitle('');
      setDeadline('');
      setRows([{ label: '', max: 50 }, { label: '', max: 50 }]);
      await invalidate(STARTUPS);
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder data-testid="su-call-form">
      <Stack gap="xs">
        <Title order={3} size="h5">{t('su.newCall')}</Title>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput label={t('su.field.callTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} w={{ base: '100%', sm: 420 }} required data-testid="su-call-form-title" />
          <TextInput label={t('su.deadline')} placeholder="dd/mm/yyyy" value={deadline} onChange={(e) => setDeadline(e.currentTarget.value)} w={140} required data-testid="su-call-form-deadline" />
        </Group>
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: criteria rows have no identity but their order
          <Group key={i} gap="sm" align="flex-end" wrap="wrap">
            <TextInput label={t('su.field.criterion', { n: i + 1 })} value={r.label} onChange={(e) => { const label = e.currentTarget.value; setRows((o) => o.map((x, j) => (j === i ? { ...x, label } : x))); }} w={{ base: '100%', sm: 360 }} data-testid="su-call-form-criterion" />
            <NumberInput label={t('su.field.max')} value={r.max} onChange={(max) => setRows((o) => o.map((x, j) => (j === i ? { ...x, max } : x)))} min={1} max={100} w={110} data-testid="su-call-form-max" />
          </Group>
        ))}
        <Group gap="xs">
          <Button variant="subtle" onClick={() => setRows((o) => [...o, { label: '', max: 10 }])} disabled={rows.length >= 20} data-testid="su-call-form-add">{t('su.addCriterion')}</Button>
          <Button onClick={() => void save()} loading={busy} data-testid="su-call-form-save">{t('su.openCall')}</Button>
        </Group>
        {error && <ErrorAlert error={error} />}
      </Stack>
    </Card>
  );
}

function Proposals() {
  const { t } = useI18n();
  const [state, setState] = useState<ProposalState | undefined>();
  const [q, setQ] = useState('');
  const filters: ProposalFilters = { state, q: q.trim() || undefined };
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useProposals({ ...filters, cursor: pages.cursor });
  return (
    <Stack gap="sm" component="section">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} size="h4">{t('su.proposals')}</Title>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput label={t('su.filter.q')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={260} data-testid="su-filter-q" />
          <Select label={t('su.col.state')} placeholder={t('common.all')} data={PROPOSAL_STATES.map((s) => ({ value: s, label: t(`su.state.${s}`) }))} value={state ?? null} onChange={(v) => setState((v || undefined) as ProposalState | undefined)} clearable w={200} data-testid="su-filter-state" />
          <Button component="a" href={proposalsExportUrl(filters, 'xlsx')} download variant="light" data-testid="su-export-xlsx">{t('schools.exportXlsx')}</Button>
          <Button component="a" href={proposalsExportUrl(filters, 'csv')} download variant="light" data-testid="su-export-csv">{t('schools.exportCsv')}</Button>
        </Group>
      </Group>
      <QueryView query={list}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" data-testid="su-total">{t('su.total', { count: formatNumber(data.total) })}</Text>
            <ListTable<Proposal>
              rows={data.items}
              rowKey={(p) => p.id}
              rowProps={() => ({ 'data-testid': 'su-row' })}
              minWidth={860}
              testId="su-table"
              empty={t('su.empty')}
              columns={[
                { key: 'title', header: t('su.col.title'), cell: (p) => <Anchor component={Link} href={`/mo-hinh-khoi-nghiep/${p.id}`} size="sm">{p.title}</Anchor> },
                { key: 'institution', header: t('su.col.institution'), cell: (p) => p.institution.name },
                { key: 'locality', header: t('su.col.locality'), cell: (p) => p.locality },
                { key: 'households', header: t('su.col.households'), numeric: true, cell: (p) => formatNumber(p.targetHouseholds) },
                { key: 'budget', header: t('su.col.budget'), numeric: true, nowrap: true, cell: (p) => formatVnd(p.budget) },
                { key: 'score', header: t('su.col.score'), numeric: true, cell: (p) => (p.averageScore === null ? '—' : `${formatNumber(p.averageScore)} (${p.reviews})`) },
                { key: 'state', header: t('su.col.state'), cell: (p) => <Badge variant="light" color={p.state === 'approved' ? 'green' : p.state === 'refused' ? 'red' : 'blue'}>{t(`su.state.${p.state}`)}</Badge> },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
