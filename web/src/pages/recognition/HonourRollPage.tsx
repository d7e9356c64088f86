import { Alert, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { RECOGNITION_FORMS, type Honour, type RecognitionForm } from '../../../../contracts/recognition';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { useSearchParams } from '../../lib/router';
import { ListTable } from '../resources/ListTable';
import { honourExportUrl, useHonourRoll, useVerify } from './api';

/** `/vinh-danh`: the public honour roll (decided recognitions only) and the check of a certificate's code (`?ma=`). */
export default function HonourRollPage() {
  const { t } = useI18n();
  const [year, setYear] = useState('');
  const [form, setForm] = useState<RecognitionForm | undefined>();
  const [q, setQ] = useState('');
  const filters = { year: /^\d{4}$/.test(year) ? Number(year) : undefined, form, q: q.trim() || undefined };
  const pages = useCursorPages(JSON.stringify(filters));
  const roll = useHonourRoll({ ...filters, cursor: pages.cursor });
  return (
    <Stack gap="md">
      <PageHeader
        title={t('recognition.roll.title')}
        help={t('recognition.roll.intro')}
        actions={
          <Group gap="xs">
            <Button component="a" href={honourExportUrl(filters, 'xlsx')} download variant="light" data-testid="recognition-roll-xlsx">{t('schools.exportXlsx')}</Button>
            <Button component="a" href={honourExportUrl(filters, 'csv')} download variant="light" data-testid="recognition-roll-csv">{t('schools.exportCsv')}</Button>
          </Group>
        }
      />
      <Verify />
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput label={t('recognition.filter.q')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} data-testid="recognition-roll-q" />
        <TextInput label={t('recognition.filter.year')} value={year} onChange={(e) => setYear(e.currentTarget.value)} w={100} data-testid="recognition-roll-year" />
        <Select label={t('recognition.filter.form')} placeholder={t('common.all')} data={RECOGNITION_FORMS.map((f) => ({ value: f, label: t(`recognition.form.${f}`) }))} value={form ?? null}
          onChange={(v) => setForm((v || undefined) as RecognitionForm | undefined)} clearable w={200} data-testid="recognition-roll-form" />
      </Group>
      <QueryView query={roll}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" data-testid="recognition-roll-total">{t('recognition.roll.total', { count: formatNumber(data.total) })}</Text>
            <ListTable<Honour>
              rows={data.items}
              rowKey={(h) => h.nomineeId}
              rowProps={() => ({ 'data-testid': 'recognition-roll-row' })}
              minWidth={700}
              testId="recognition-roll-table"
              empty={t('recognition.roll.empty')}
              columns={[
                { key: 'name', header: t('recognition.col.contributor'), cell: (h) => h.contributor.name },
                { key: 'form', header: t('recognition.col.form'), cell: (h) => t(`recognition.form.${h.form}`) },
                { key: 'decision', header: t('recognition.col.decision'), cell: (h) => `${h.decisionNumber} (${formatDate(h.decidedOn)})` },
                { key: 'year', header: t('recognition.col.year'), numeric: true, cell: (h) => String(h.year) },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={roll.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}

function Verify() {
  const { t } = useI18n();
  const params = useSearchParams();
  const [typed, setTyped] = useState(params.get('ma') ?? '');
  const [code, setCode] = useState(params.get('ma') ?? '');
  const v = useVerify(code);
  return (
    <Card withBorder>
      <Title order={4}>{t('recognition.verify.title')}</Title>
      <Group gap="xs" align="flex-end" mt="xs" wrap="wrap">
        <TextInput label={t('recognition.verify.code')} placeholder="KN-2021-XXXX-XXXX" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} w={260} data-testid="recognition-verify-code" />
        <Button onClick={() => setCode(typed.trim())} data-testid="recognition-verify-submit">{t('recognition.verify.check')}</Button>
      </Group>
      {code && v.data && (v.data.valid
        ? <Alert color="green" mt="sm" data-testid="recognition-verify-result">{t('recognition.verify.valid', { name: v.data.contributorName ?? '', form: t(`recognition.form.${v.data.form!}`), number: v.data.decisionNumber ?? '', date: formatDate(v.data.decidedOn) })}</Alert>
        : <Alert color="red" mt="sm" data-testid="recognition-verify-result">{t('recognition.verify.invalid', { code: v.data.code })}</Alert>)}
    </Card>
  );
}
