import { Alert, Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { RECOGNITION_FORMS, type ListDetail, type Nominee, type RecognitionForm } from '../../../../contracts/recognition';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatVnd, parseVnDate } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { certificateUrl, useAppraise, useDecide, useList, useSubmitList } from './api';

/** `/khen-thuong/:id`: a nomination list; Vụ TĐKT appraises each nominee and records the decision; certificates download. */
export default function RecognitionListPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const valid = /^[0-9a-f-]{36}$/i.test(params.id);
  const list = useList(valid ? params.id : undefined);
  if (!valid || list.error?.status === 404) return <Alert color="yellow">{t('recognition.notFound')}</Alert>;
  return <SignedIn>{() => <QueryView query={list}>{(l) => <Detail l={l} />}</QueryView>}</SignedIn>;
}

function Detail({ l }: { l: ListDetail }) {
  const { t } = useI18n();
  const submit = useSubmitList();
  return (
    <Stack gap="md">
      <Anchor component={Link} href="/khen-thuong" size="sm">← {t('recognition.lists.title')}</Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{l.title}</Title>
        <Badge data-testid="recognition-list-state">{t(`recognition.listState.${l.state}`)}</Badge>
      </Group>
      <Text size="sm" c="dimmed">{l.proposedBy.name} · {l.year}</Text>
      {l.can.submit && <Group><Button onClick={() => submit.mutate(l.id)} loading={submit.isPending} data-testid="recognition-list-submit">{t('recognition.list.submit')}</Button></Group>}
      {submit.error && <ErrorAlert error={submit.error} />}
      <Table.ScrollContainer minWidth={800}>
        <Table striped data-testid="recognition-nominees">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('recognition.col.contributor')}</Table.Th><Table.Th>{t('recognition.col.reason')}</Table.Th><Table.Th>{t('recognition.col.form')}</Table.Th>
            <Table.Th>{t('recognition.col.accepted')}</Table.Th><Table.Th>{t('recognition.col.state')}</Table.Th><Table.Th />
          </Table.Tr></Table.Thead>
          <Table.Tbody>{l.items.map((n) => <NomineeRow key={n.id} n={n} />)}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {l.can.decide && <DecisionForm l={l} />}
    </Stack>
  );
}

function NomineeRow({ n }: { n: Nominee }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const appraise = useAppraise();
  return (
    <Table.Tr data-testid="recognition-nominee">
      <Table.Td>{n.contributor.name}</Table.Td>
      <Table.Td>{n.reason}{n.appraisalNote && <Text size="xs" c="dimmed">{n.appraisalNote}</Text>}</Table.Td>
      <Table.Td>{t(`recognition.form.${n.form}`)}</Table.Td>
      <Table.Td>{formatVnd(n.acceptedMoney)} / {formatVnd(n.acceptedInKind)}</Table.Td>
      <Table.Td data-testid="recognition-nominee-state">{t(`recognition.state.${n.state}`)}{n.certificateCode && <Text size="xs" data-testid="recognition-code">{n.certificateCode}</Text>}</Table.Td>
      <Table.Td>
        {n.can.appraise && (
          <Stack gap={4}>
            <TextInput size="xs" placeholder={t('recognition.appraise.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="recognition-appraise-note" />
            <Group gap={4}>
              <Button size="xs" onClick={() => appraise.mutate({ id: n.id, action: 'accept', note })} data-testid="recognition-accept">{t('recognition.appraise.accept')}</Button>
              <Button size="xs" variant="light" onClick={() => appraise.mutate({ id: n.id, action: 'ask_more', note })} data-testid="recognition-ask-more">{t('recognition.appraise.askMore')}</Button>
              <Button size="xs" color="red" variant="light" onClick={() => appraise.mutate({ id: n.id, action: 'refuse', note })} data-testid="recognition-refuse">{t('recognition.appraise.refuse')}</Button>
            </Group>
            {appraise.error && <ErrorAlert error={appraise.error} />}
          </Stack>
        )}
        {n.can.certificate && <Button size="xs" component="a" href={certificateUrl(n.id)} download variant="light" data-testid="recognition-certificate">{t('recognition.certificate')}</Button>}
      </Table.Td>
    </Table.Tr>
  );
}

function DecisionForm({ l }: { l: ListDetail }) {
  const { t } = useI18n();
  const accepted = l.items.filter((n) => n.state === 'accepted');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [form, setForm] = useState<RecognitionForm>('merit_certificate');
  const decide = useDecide();
  return (
    <Card withBorder data-testid="recognition-decision">
      <Title order={4}>{t('recognition.decision.title')}</Title>
      <Text size="sm" c="dimmed">{t('recognition.decision.for', { count: String(accepted.length) })}</Text>
      <Group gap="xs" align="flex-end" mt="xs" wrap="wrap">
        <TextInput label={t('recognition.decision.number')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} w={200} data-testid="recognition-decision-number" />
        <TextInput label={t('recognition.decision.date')} placeholder="dd/mm/yyyy" value={date} onChange={(e) => setDate(e.currentTarget.value)} w={140} data-testid="recognition-decision-date" />
        <Select label={t('recognition.col.form')} data={RECOGNITION_FORMS.map((f) => ({ value: f, label: t(`recognition.form.${f}`) }))} value={form} onChange={(v) => v && setForm(v as RecognitionForm)} w={200} data-testid="recognition-decision-form" />
        <Button loading={decide.isPending} data-testid="recognition-decision-submit"
          onClick={() => decide.mutate({ number, decidedOn: parseVnDate(date) ?? date, form, nomineeIds: accepted.map((n) => n.id) })}>{t('recognition.decision.submit')}</Button>
      </Group>
      {decide.error && <ErrorAlert error={decide.error} />}
    </Card>
  );
}
