import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { BOARD_DOCUMENT_KINDS, BOARD_ROLES, type BoardDocument, type BoardDocumentKind, type BoardMember, type BoardRole } from '../../../../contracts/board';
import { organisationsApi } from '../../../../contracts/organisations';
import { fileUrl } from '../../api/resources';
import { ErrorAlert, PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { FilesField, useFiles } from '../../components/FilesField';
import { useI18n } from '../../i18n';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { formatDate, formatNumber, parseVnDate } from '../../lib/format';
import { QueryView, useApi } from '../../lib/query';
import { ListTable, SignedIn } from '../resources/ListTable';
import { DOCUMENT_ACCEPT, DOCUMENT_RULES } from '../budgets/TaskBudget';
import { documentsExportUrl, reportUrl, useAddDocument, useAddMember, useDocuments, useMembers } from './api';

/** `/ban-dieu-phoi`: the coordination board's members by role, its documents, and its yearly report. */
export default function BoardPage() {
  return <SignedIn>{() => <Board />}</SignedIn>;
}

function Board() {
  const { t } = useI18n();
  const members = useMembers();
  return (
    <Stack gap="md">
      <PageHeader title={t('board.title')} help={t('board.intro')} />
      <QueryView query={members}>
        {(m) => (
          <>
            {m.can.report && <YearlyReport />}
            <Members items={m.items} />
            {m.can.keep && <MemberForm />}
            <Documents />
            {m.can.keep && <DocumentForm />}
          </>
        )}
      </QueryView>
    </Stack>
  );
}

function YearlyReport() {
  const { t } = useI18n();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const valid = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  return (
    <Card withBorder data-testid="board-report">
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput label={t('board.report.year')} value={year} onChange={(e) => setYear(e.currentTarget.value)} maxLength={4} inputMode="numeric" w={120}
          error={valid ? null : t('board.report.yearInvalid')} data-testid="board-report-year" />
        <Button component="a" href={valid ? reportUrl(Number(year)) : undefined} download disabled={!valid} data-testid="board-report-docx">{t('board.report.download')}</Button>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>{t('board.report.help')}</Text>
    </Card>
  );
}

function Members({ items }: { items: BoardMember[] }) {
  const { t } = useI18n();
  return (
    <Stack gap="xs" component="section" aria-labelledby="board-members-title">
      <Title order={2} size="h4" id="board-members-title">{t('board.members', { count: formatNumber(items.length) })}</Title>
      <ListTable<BoardMember>
        rows={items}
        rowKey={(m) => m.id}
        rowProps={(m) => ({ 'data-testid': 'board-member', 'data-role': m.role })}
        minWidth={640}
        testId="board-members"
        empty={t('board.noMembers')}
        columns={[
          { key: 'role', header: t('board.col.role'), cell: (m) => t(`board.role.${m.role}`) },
          { key: 'unit', header: t('board.col.unit'), cell: (m) => m.unit.name },
          { key: 'title', header: t('board.col.title'), cell: (m) => m.title },
          { key: 'since', header: t('board.col.since'), nowrap: true, cell: (m) => formatDate(m.since) },
        ]}
      />
    </Stack>
  );
}

/** The Ministry's units, searched by name, to name the unit a member represents. */
function UnitSelect({ value, onChange, error }: { value: string | null; onChange: (v: string | null) => void; error?: ReactNode }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useApi(organisationsApi.list, { query: { kind: 'ministry_unit', q: q || undefined, limit: 100 } }, { keepPrevious: true });
  return (
    <Select label={t('board.col.unit')} searchable data={(list.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} value={value} onChange={onChange}
      searchValue={search} onSearchChange={setSearch} filter={({ options }) => options} nothingFoundMessage={t('common.noResults')} error={error} data-testid="board-member-unit" />
  );
}

type MemberValues = { role: BoardRole; organisationId: string | null; title: string; since: string };
const MEMBER_EMPTY: MemberValues = { role: 'member', organisationId: null, title: '', since: '' };

/** A member of the board: what is typed is kept on this device until it is sent; the server's refusals show on the fields they name. */
function MemberForm() {
  const { t } = useI18n();
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<MemberValues>({ draftKey: 'kn.draft.boardMember', initialValues: MEMBER_EMPTY });
  const v = form.getValues();
  // after a member is recorded: the next one, of the same role
  const add = useAddMember(() => clearDraft({ ...MEMBER_EMPTY, role: form.getValues().role }));
  const sinceIso = v.since.trim() ? parseVnDate(v.since) : null;
  const sinceBad = v.since.trim() !== '' && !sinceIso;
  const submit = () => {
    form.clearErrors();
    if (v.organisationId) add.mutate({ role: v.role, organisationId: v.organisationId, title: v.title, since: sinceIso }, { onError: (e) => showServerErrors(form, e) });
  };
  return (
    <Card withBorder data-testid="board-member-form">
      <Title order={3} size="h5">{t('board.memberForm.title')}</Title>
      <Stack gap="xs" mt="xs">
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(MEMBER_EMPTY)} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select label={t('board.col.role')} data={BOARD_ROLES.map((r) => ({ value: r, label: t(`board.role.${r}`) }))} allowDeselect={false} {...form.getInputProps('role')} data-testid="board-member-role" />
          <UnitSelect value={v.organisationId} onChange={(id) => form.setFieldValue('organisationId', id)} error={form.errors.organisationId} />
          <TextInput label={t('board.col.title')} placeholder={t('board.memberForm.titlePlaceholder')} {...form.getInputProps('title')} maxLength={300} data-testid="board-member-title" />
          <TextInput label={t('board.col.since')} placeholder="dd/mm/yyyy" {...form.getInputProps('since')} error={sinceBad ? t('date.invalid') : form.errors.since} data-testid="board-member-since" />
        </SimpleGrid>
        {add.error && <ErrorAlert error={add.error} />}
        <Group>
          <Button disabled={!v.organisationId || sinceBad} loading={add.isPending} data-testid="board-member-submit" onClick={submit}>{t('board.memberForm.submit')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Documents() {
  const { t } = useI18n();
  const [kind, setKind] = useState<BoardDocumentKind | undefined>();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const filters = { kind, q: q || undefined };
  const pages = useCursorPages(JSON.stringify(filters));
  const docs = useDocuments({ ...filters, cursor: pages.cursor });
  return (
    <Stack gap="xs" component="section" aria-labelledby="board-docs-title">
      <Title order={2} size="h4" id="board-docs-title">{t('board.documents')}</Title>
      <Group gap="md" align="flex-end" wrap="wrap" data-testid="board-doc-filters">
        <TextInput label={t('board.filter.q')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} data-testid="board-doc-q" />
        <Select label={t('board.col.kind')} placeholder={t('common.all')} data={BOARD_DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`board.kind.${k}`) }))} value={kind ?? null}
          onChange={(v) => setKind((v || undefined) as BoardDocumentKind | undefined)} clearable w={220} data-testid="board-doc-kind" />
        <Button component="a" href={documentsExportUrl(filters, 'xlsx')} download variant="light" data-testid="board-doc-xlsx">{t('schools.exportXlsx')}</Button>
        <Button component="a" href={documentsExportUrl(filters, 'csv')} download variant="light" data-testid="board-doc-csv">{t('schools.exportCsv')}</Button>
      </Group>
      <QueryView query={docs}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed">{t('board.documentsTotal', { count: formatNumber(data.total) })}</Text>
            <ListTable<BoardDocument>
              rows={data.items}
              rowKey={(d) => d.id}
              rowProps={() => ({ 'data-testid': 'board-document' })}
              minWidth={640}
              testId="board-documents"
              empty={t('board.noDocuments')}
              columns={[
                { key: 'kind', header: t('board.col.kind'), cell: (d) => t(`board.kind.${d.kind}`) },
                { key: 'number', header: t('board.col.number'), nowrap: true, cell: (d) => d.number ?? '—' },
                { key: 'title', header: t('board.col.docTitle'), cell: (d) => (d.file ? <Anchor href={fileUrl(d.file.id)} size="sm">{d.title}</Anchor> : d.title) },
                { key: 'issued', header: t('board.col.issuedOn'), nowrap: true, cell: (d) => formatDate(d.issuedOn) },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={docs.isFetching} scrollTop={false} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}

type DocumentValues = { kind: BoardDocumentKind; number: string; title: string; issuedOn: string };
const DOCUMENT_EMPTY: DocumentValues = { kind: 'decision', number: '', title: '', issuedOn: '' };

/** A document of the board with its file: what is typed is kept on this device until it is sent (the file is chosen again after a reload). */
function DocumentForm() {
  const { t } = useI18n();
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<DocumentValues>({ draftKey: 'kn.draft.boardDocument', initialValues: DOCUMENT_EMPTY });
  const v = form.getValues();
  const files = useFiles(DOCUMENT_RULES);
  // after a document is kept: the next one, of the same kind
  const add = useAddDocument(() => { clearDraft({ ...DOCUMENT_EMPTY, kind: form.getValues().kind }); files.clear(); });
  const iso = parseVnDate(v.issuedOn);
  const dateBad = v.issuedOn.trim() !== '' && !iso;
  const submit = () => {
    form.clearErrors();
    if (!iso || !files.check(t('board.docForm.fileRequired'))) return;
    add.mutate({ kind: v.kind, number: v.number, title: v.title, issuedOn: iso, file: files.files[0] }, { onError: (e) => { showServerErrors(form, e); files.fromServer(e); } });
  };
  return (
    <Card withBorder data-testid="board-doc-form">
      <Title order={3} size="h5">{t('board.docForm.title')}</Title>
      <Stack gap="xs" mt="xs">
        {restoredAt && <DraftRestored at={restoredAt} extra={t('update.filesNotKept')} onClose={dismissRestored} onDiscard={() => clearDraft(DOCUMENT_EMPTY)} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select label={t('board.col.kind')} data={BOARD_DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`board.kind.${k}`) }))} allowDeselect={false} {...form.getInputProps('kind')} data-testid="board-doc-form-kind" />
          <TextInput label={t('board.col.number')} placeholder="01/QĐ-BĐP" {...form.getInputProps('number')} maxLength={100} data-testid="board-doc-form-number" />
          <TextInput label={t('board.col.docTitle')} {...form.getInputProps('title')} maxLength={500} data-testid="board-doc-form-title" />
          <TextInput label={t('board.col.issuedOn')} placeholder="dd/mm/yyyy" {...form.getInputProps('issuedOn')} error={dateBad ? t('date.invalid') : form.errors.issuedOn} data-testid="board-doc-form-issued" />
        </SimpleGrid>
        <FilesField state={files} label={t('board.docForm.file')} accept={DOCUMENT_ACCEPT} inputTestId="board-doc-form-file" />
        {add.error && <ErrorAlert error={add.error} />}
        <Group><Button disabled={!iso} loading={add.isPending} onClick={submit} data-testid="board-doc-form-submit">{t('board.docForm.submit')}</Button></Group>
      </Stack>
    </Card>
  );
}
