import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { BUDGET_KINDS, BUDGET_SOURCES, type BudgetKind, type BudgetSource, type Sums } from '../../../../contracts/budgets';
import { fileUrl } from '../../api/resources';
import { ErrorAlert } from '../../components/common';
import { FilesField, useFiles, type FileRules } from '../../components/FilesField';
import { useI18n } from '../../i18n';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { formatDate, formatVnd, parseViInteger } from '../../lib/format';
import { ListTable } from '../resources/ListTable';
import { useAddLine, useTaskBudget } from './api';

const SUM_KEYS = ['stateBudget', 'programmeFund', 'socialResources', 'total'] as const;
export const DOCUMENT_ACCEPT = '.pdf,.docx,.doc,.jpg,.jpeg,.png';
export const DOCUMENT_RULES: FileRules = { single: true, pdf: true, maxMb: 10, problem: (f, t) => (/\.(pdf|docx?|jpe?g|png)$/i.test(f.name) ? (f.size === 0 ? t('need.photos.empty', { name: f.name }) : null) : t('bud.badType', { name: f.name })) };

/** Estimate against spending by source, as a small table (a task's, or a plan's totals). */
export function SumsTable({ estimate, spending, testId }: { estimate: Sums; spending: Sums; testId: string }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={420} type="native">
      <Table withTableBorder data-testid={testId}>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('bud.col.source')}</Table.Th><Table.Th style={{ textAlign: 'right' }}>{t('bud.estimate')}</Table.Th><Table.Th style={{ textAlign: 'right' }}>{t('bud.spending')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SUM_KEYS.map((k) => (
            <Table.Tr key={k} data-testid={`${testId}-${k}`}>
              <Table.Td fw={k === 'total' ? 600 : undefined}>{t(`bud.sum.${k}`)}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(estimate[k])}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(spending[k])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** On a task's page: its budget by source, the lines with their approving documents, and the lead unit's form. */
export function TaskBudget({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const budget = useTaskBudget(taskId);
  if (!budget.data) return null; // the public reads no budget; a failure leaves the rest of the page
  const b = budget.data;
  return (
    <Stack gap="xs" component="section" aria-labelledby="task-budget-title" data-testid="task-budget">
      <Title order={2} size="h4" id="task-budget-title">{t('bud.title')}</Title>
      <Text size="sm" c="dimmed">{t('bud.ledgerNote')}</Text>
      <SumsTable estimate={b.estimate} spending={b.spending} testId="task-budget-sums" />
      <ListTable
        rows={b.lines}
        rowKey={(l) => l.id}
        rowProps={() => ({ 'data-testid': 'budget-line' })}
        minWidth={760}
        empty={t('bud.noLines')}
        columns={[
          { key: 'kind', header: t('bud.col.kind'), cell: (l) => t(`bud.kind.${l.kind}`) },
          { key: 'source', header: t('bud.col.source'), cell: (l) => t(`bud.source.${l.source}`) },
          { key: 'amount', header: t('bud.col.amount'), numeric: true, cell: (l) => formatVnd(l.amountVnd) },
          { key: 'year', header: t('bud.col.year'), cell: (l) => String(l.year) },
          { key: 'unit', header: t('bud.col.unit'), cell: (l) => l.unit.name },
          { key: 'doc', header: t('bud.col.document'), cell: (l) => (l.document ? <Anchor href={fileUrl(l.document.id)} size="sm">{l.documentNumber ?? l.document.name}</Anchor> : l.documentNumber ?? '—') },
          { key: 'note', header: t('bud.col.note'), cell: (l) => l.note ?? '' },
          { key: 'at', header: t('bud.col.entered'), nowrap: true, cell: (l) => formatDate(l.createdAt) },
        ]}
      />
      {b.can.enter && <LineForm taskId={taskId} />}
    </Stack>
  );
}

type LineFormValues = { kind: BudgetKind; source: BudgetSource; amountVnd: string; year: string; documentNumber: string; note: string };
const lineInitial = (): LineFormValues => ({ kind: 'estimate', source: 'state_budget', amountVnd: '', year: String(new Date().getFullYear()), documentNumber: '', note: '' });

/**
 * The lead unit enters an estimate or a spending with its approving document. What is typed is
 * kept on this device for this task until it is sent (the document is chosen again after a reload);
 * the server's refusals show on the fields they name.
 */
function LineForm({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<LineFormValues>({ draftKey: `kn.draft.budgetLine.${taskId}`, initialValues: lineInitial() });
  const files = useFiles(DOCUMENT_RULES);
  const v = form.getValues();
  // after a line is sent: the next line of the same kind, source and year
  const add = useAddLine(taskId, () => { const now = form.getValues(); clearDraft({ ...now, amountVnd: '', documentNumber: '', note: '' }); files.clear(); });
  // social resources spent are the ledger's: the form does not offer them
  const sources = BUDGET_SOURCES.filter((s) => v.kind === 'estimate' || s !== 'social_resources');
  const submit = () => {
    form.clearErrors();
    const amountVnd = parseViInteger(v.amountVnd);
    if (amountVnd === undefined || Number.isNaN(amountVnd)) return form.setFieldError('amountVnd', t('bud.amountInvalid'));
    if (!files.check(t('bud.documentRequired'))) return;
    add.mutate({ kind: v.kind, source: v.source, amountVnd, year: Number(v.year), documentNumber: v.documentNumber, note: v.note, file: files.files[0] }, {
      onError: (e) => { showServerErrors(form, e); files.fromServer(e); },
    });
  };
  return (
    <Card withBorder data-testid="budget-form">
      <Title order={3} size="h5">{t('bud.form.title')}</Title>
      <Stack gap="xs" mt="xs">
        {restoredAt && <DraftRestored at={restoredAt} extra={t('update.filesNotKept')} onClose={dismissRestored} onDiscard={() => clearDraft(lineInitial())} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select label={t('bud.col.kind')} data={BUDGET_KINDS.map((k) => ({ value: k, label: t(`bud.kind.${k}`) }))} value={v.kind} allowDeselect={false} error={form.errors.kind}
            onChange={(k) => { if (!k) return; form.setFieldValue('kind', k as BudgetKind); if (k === 'spending' && v.source === 'social_resources') form.setFieldValue('source', 'state_budget'); }} data-testid="budget-kind" />
          <Select label={t('bud.col.source')} data={sources.map((s) => ({ value: s, label: t(`bud.source.${s}`) }))} allowDeselect={false} {...form.getInputProps('source')} data-testid="budget-source" />
          <TextInput label={t('bud.form.amount')} inputMode="numeric" {...form.getInputProps('amountVnd')} data-testid="budget-amount" />
          <TextInput label={t('bud.col.year')} inputMode="numeric" {...form.getInputProps('year')} maxLength={4} data-testid="budget-year" />
          <TextInput label={t('bud.form.documentNumber')} placeholder="15/QĐ-BGDĐT" {...form.getInputProps('documentNumber')} maxLength={100} data-testid="budget-document-number" />
        </SimpleGrid>
        <FilesField state={files} label={t('bud.form.document')} accept={DOCUMENT_ACCEPT} inputTestId="budget-document" />
        <Textarea label={t('bud.col.note')} {...form.getInputProps('note')} autosize minRows={2} maxLength={1000} data-testid="budget-note" />
        {v.kind === 'spending' && <Text size="xs" c="dimmed">{t('bud.ledgerNote')}</Text>}
        {add.error && <ErrorAlert error={add.error} />}
        <Group><Button onClick={submit} loading={add.isPending} data-testid="budget-submit">{t('bud.form.submit')}</Button></Group>
      </Stack>
    </Card>
  );
}
