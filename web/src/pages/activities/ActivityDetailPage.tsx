import { Alert, Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { activitiesApi, ACTIVITY_FILE_KINDS, type ActivityDetail, type ActivityFileKind } from '../../../../contracts/activities';
import { callForm } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { QueryView, useInvalidate } from '../../lib/query';
import { Link } from '../../lib/router';
import { ApiError } from '../../api/client';
import { SignedIn } from '../resources/ListTable';
import { Fields, Row } from '../plans/TaskAssignment';
import { ACTIVITIES, useActivity } from './api';
import { ActivityFeedback } from './ActivityFeedback';
import { ActivityRecognitions, useActivityDecisions } from '../recognition/ActivityRecognitions';

/** `/hoat-dong/:id`: a record with its organisers, tasks, participants, programme, materials and evaluation. */
export default function ActivityDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const valid = /^[0-9a-f-]{36}$/i.test(params.id);
  const detail = useActivity(valid ? params.id : undefined);
  if (!valid || detail.error?.status === 404) return <Alert color="yellow">{t('act.notFound')}</Alert>;
  return <SignedIn>{() => <QueryView query={detail}>{(a) => <Record a={a} />}</QueryView>}</SignedIn>;
}

const org = (o: { name: string; shortName: string | null }) => o.shortName ?? o.name;

function Record({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  // the decisions handed over at an agenda item (the launch meeting's honouring), linked from that item
  const decisions = useActivityDecisions(a.id).data?.items ?? [];
  return (
    <Stack gap="md" data-testid="act-detail">
      <Anchor component={Link} href="/hoat-dong" size="sm">← {t('act.title')}</Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="xs"><Badge variant="light">{t(`act.kind.${a.kind}`)}</Badge><Badge variant="outline" data-testid="act-state">{t(`act.state.${a.state}`)}</Badge></Group>
          <Title order={1} size="h2" data-testid="act-title">{a.title}</Title>
        </Stack>
        {a.can.edit && <Button component={Link} href={`/hoat-dong/${a.id}/sua`} variant="light" data-testid="act-edit">{t('act.edit')}</Button>}
      </Group>
      <Card withBorder>
        <Fields>
          <Row label={t('act.col.date')}>{a.startsOn === a.endsOn ? formatDate(a.startsOn) : `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`}</Row>
          <Row label={t('act.col.organiser')}>{org(a.organiser)}{a.coOrganisers.length > 0 && ` · ${t('act.coOrganisers')}: ${a.coOrganisers.map(org).join(', ')}`}</Row>
          {a.place && <Row label={t('act.field.place')}>{a.place}</Row>}
          {a.channel && <Row label={t('act.field.channel')}>{a.channel}</Row>}
          {a.link && <Row label={t('act.field.link')}><Anchor href={a.link} target="_blank" rel="noopener noreferrer">{a.link}</Anchor></Row>}
          {a.provinceName && <Row label={t('act.col.province')}>{a.provinceName}</Row>}
          {a.audience && <Row label={t('act.field.audience')}>{a.audience}</Row>}
          {a.reach !== null && <Row label={t('act.field.reach')}>{formatNumber(a.reach)}</Row>}
          {a.summary && <Row label={t('act.field.summary')}><Text size="sm" style={{ whiteSpace: 'pre-line' }}>{a.summary}</Text></Row>}
          {a.invitees.length > 0 && <Row label={t('act.invitees')}>{a.invitees.map(org).join(', ')}</Row>}
        </Fields>
      </Card>
      <Stack gap="xs" component="section">
        <Title order={2} size="h4">{t('act.field.tasks')}</Title>
        {a.tasks.length === 0 ? <Text size="sm" c="dimmed">{t('act.noTasks')}</Text> : a.tasks.map((x) => (
          <Anchor key={x.id} component={Link} href={`/nhiem-vu/${x.id}`} size="sm" data-testid="act-task">{x.planNumber} · {x.number}: {x.content}</Anchor>
        ))}
      </Stack>
      {a.participants.length > 0 && (
        <Table withTableBorder maw={560} data-testid="act-participants">
          <Table.Thead><Table.Tr><Table.Th>{t('act.col.group')}</Table.Th><Table.Th>{t('act.col.planned')}</Table.Th><Table.Th>{t('act.col.actual')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{a.participants.map((p) => <Table.Tr key={p.group}><Table.Td>{t(`act.group.${p.group}`)}</Table.Td><Table.Td>{formatNumber(p.planned)}</Table.Td><Table.Td>{formatNumber(p.actual)}</Table.Td></Table.Tr>)}</Table.Tbody>
        </Table>
      )}
      {a.agenda.length > 0 && (
        <Stack gap="xs" component="section">
          <Title order={2} size="h4">{t('act.agenda')}</Title>
          <Table withTableBorder data-testid="act-agenda">
            <Table.Thead><Table.Tr><Table.Th>{t('act.col.no')}</Table.Th><Table.Th>{t('act.col.content')}</Table.Th><Table.Th>{t('act.col.responsible')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{a.agenda.map((i) => (
              <Table.Tr key={i.position}>
                <Table.Td>{i.position}.{i.time ? ` ${i.time}` : ''}</Table.Td>
                <Table.Td>
                  {i.content}
                  {i.agreement && <Text size="xs">{t('act.agreement')}: <Anchor component={Link} href="/van-ban-ky-ket">{i.agreement.title}</Anchor></Text>}
                  {decisions.filter((d) => d.activity?.agendaPosition === i.position).map((d) => (
                    <Text key={d.id} size="xs" data-testid="act-agenda-recognition">{t('actrec.agendaLink')}: <Anchor href="#khen-thuong">{t('actrec.decision', { number: d.number, date: formatDate(d.decidedOn) })}</Anchor></Text>
                  ))}
                </Table.Td>
                <Table.Td>{i.responsible ?? (i.responsibleOrg ? org(i.responsibleOrg) : '')}</Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        </Stack>
      )}
      <ActivityFeedback a={a} />
      <ActivityRecognitions activityId={a.id} />
      <Materials a={a} />
    </Stack>
  );
}

function Materials({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const [kind, setKind] = useState<ActivityFileKind>('document');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    try {
      await callForm(activitiesApi.attach, { params: { id: a.id }, fields: { kind }, files: [...files] });
      await invalidate(ACTIVITIES);
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h4">{t('act.materials')}</Title>
      {a.files.length === 0 ? <Text size="sm" c="dimmed">{t('act.noMaterials')}</Text> : a.files.map((f) => (
        <Text key={f.id} size="sm" data-testid="act-file"><Anchor href={`/api/v1/files/${f.id}`}>{f.name}</Anchor> · {t(`act.fileKind.${f.kind}`)}</Text>
      ))}
      {error && <ErrorAlert error={error} />}
      {a.can.attach && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select label={t('act.fileKindLabel')} data={ACTIVITY_FILE_KINDS.map((k) => ({ value: k, label: t(`act.fileKind.${k}`) }))} value={kind} onChange={(v) => setKind((v as ActivityFileKind) ?? 'document')} allowDeselect={false} w={200} data-testid="act-file-kind" />
          <Button component="label" variant="light" loading={busy} data-testid="act-file-upload">
            {t('act.attach')}
            <input type="file" multiple hidden accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp,.heic" onChange={(e) => void upload(e.currentTarget.files)} />
          </Button>
        </Group>
      )}
    </Stack>
  );
}
