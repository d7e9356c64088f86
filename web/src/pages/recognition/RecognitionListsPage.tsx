import { Anchor, Button, Card, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { LIST_STATES, RECOGNITION_FORMS, type ListState, type RecognitionForm, type RecognitionList } from '../../../../contracts/recognition';
import { ErrorAlert, PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { formatNumber, formatVnd } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link, useNavigate } from '../../lib/router';
import { ListTable, SignedIn } from '../resources/ListTable';
import { listExportUrl, useCreateList, useLists, useRanking } from './api';

/** `/khen-thuong`: contributors ranked from the ledger, the board's nomination lists, and a new list. */
export default function RecognitionListsPage() {
  return <SignedIn>{() => <Lists />}</SignedIn>;
}

function Lists() {
  const { t } = useI18n();
  const [year, setYear] = useState('');
  const [state, setState] = useState<ListState | undefined>();
  const [q, setQ] = useState('');
  const filters = { year: /^\d{4}$/.test(year) ? Number(year) : undefined, state, q: q.trim() || undefined };
  const pages = useCursorPages(JSON.stringify(filters));
  const lists = useLists({ ...filters, cursor: pages.cursor });
  return (
    <Stack gap="md">
      <PageHeader
        title={t('recognition.lists.title')}
        help={t('recognition.lists.intro')}
        actions={
          <Group gap="xs">
            <Button component="a" href={listExportUrl(filters, 'xlsx')} download variant="light" data-testid="recognition-lists-xlsx">{t('schools.exportXlsx')}</Button>
            <Button component="a" href={listExportUrl(filters, 'csv')} download variant="light" data-testid="recognition-lists-csv">{t('schools.exportCsv')}</Button>
            <Button component={Link} href="/vinh-danh" variant="subtle">{t('recognition.roll.title')}</Button>
          </Group>
        }
      />
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput label={t('recognition.filter.q')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} data-testid="recognition-lists-q" />
        <TextInput label={t('recognition.filter.year')} value={year} onChange={(e) => setYear(e.currentTarget.value)} w={100} data-testid="recognition-lists-year" />
        <Select label={t('recognition.filter.state')} placeholder={t('common.all')} data={LIST_STATES.map((s) => ({ value: s, label: t(`recognition.listState.${s}`) }))} value={state ?? null}
          onChange={(v) => setState((v || undefined) as ListState | undefined)} clearable w={200} data-testid="recognition-lists-state" />
      </Group>
      <QueryView query={lists}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed">{t('recognition.lists.total', { count: formatNumber(data.total) })}</Text>
            <ListTable<RecognitionList>
              rows={data.items}
              rowKey={(l) => l.id}
              rowProps={() => ({ 'data-testid': 'recognition-list-row' })}
              minWidth={800}
              testId="recognition-lists-table"
              empty={t('recognition.lists.empty')}
              columns={[
                { key: 'title', header: t('recognition.col.list'), cell: (l) => <Anchor component={Link} href={`/khen-thuong/${l.id}`} size="sm">{l.title}</Anchor> },
                { key: 'year', header: t('recognition.col.year'), numeric: true, cell: (l) => String(l.year) },
                { key: 'state', header: t('recognition.col.state'), cell: (l) => t(`recognition.listState.${l.state}`) },
                { key: 'n', header: t('recognition.col.nominees'), numeric: true, cell: (l) => `${l.nominees} / ${l.accepted} / ${l.honoured}` },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={lists.isFetching} />
          </>
        )}
      </QueryView>
      <NewList />
    </Stack>
  );
}

/** The board proposes a list with its first nominee, chosen from the ledger's ranking. */
function NewList() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [contributorId, setContributor] = useState<string | null>(null);
  const [form, setForm] = useState<RecognitionForm>('merit_certificate');
  const [reason, setReason] = useState('');
  const ranking = useRanking({ q: undefined });
  const create = useCreateList((l) => navigate(`/khen-thuong/${l.id}`));
  if (ranking.error) return null; // accounts that do not propose do not read the ranking either
  return (
    <Card withBorder data-testid="recognition-new">
      <Title order={4}>{t('recognition.new.title')}</Title>
      <Stack gap="xs" mt="xs">
        <TextInput label={t('recognition.new.listTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="recognition-new-title" />
        <TextInput label={t('recognition.filter.year')} value={year} onChange={(e) => setYear(e.currentTarget.value)} w={120} data-testid="recognition-new-year" />
        <Select label={t('recognition.new.contributor')} searchable data={(ranking.data?.items ?? []).map((r) => ({ value: r.contributor.id, label: `${r.rank}. ${r.contributor.name} — ${formatVnd(r.total)}` }))}
          value={contributorId} onChange={setContributor} data-testid="recognition-new-contributor" />
        <Select label={t('recognition.col.form')} data={RECOGNITION_FORMS.map((f) => ({ value: f, label: t(`recognition.form.${f}`) }))} value={form} onChange={(v) => v && setForm(v as RecognitionForm)} w={240} data-testid="recognition-new-form" />
        <Textarea label={t('recognition.new.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-testid="recognition-new-reason" />
        {create.error && <ErrorAlert error={create.error} />}
        <Group>
          <Button disabled={!contributorId} loading={create.isPending} data-testid="recognition-new-submit"
            onClick={() => contributorId && create.mutate({ title, year: Number(year), contributorId, form, reason })}>{t('recognition.new.submit')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
