import { Alert, Anchor, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { ACTIVITY_KINDS, ACTIVITY_STATES, categoryOf, PARTICIPANT_GROUPS, type ActivityKind, type ActivityState } from '../../../../contracts/activities';
import { plansApi } from '../../../../contracts/plans';
import { ErrorAlert } from '../../components/common';
import { ProvinceFilter } from '../../components/ProvinceFilter';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { QueryView, useApi } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { activityBody, activitySchema, emptyActivity, emptyAgendaRow, fromActivity, type AgendaRow, type ActivityValues } from './activityForm';
import { OrgPicker } from './OrgPicker';
import { useActivity, useSaveActivity } from './api';

/** `/hoat-dong/moi` (`?nhiem-vu=<task>` links the task) and `/hoat-dong/:id/sua`: the organiser records an activity or a communication product. */
export default function ActivityFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const auth = useAuth();
  const search = useSearchParams();
  const task = search.get('nhiem-vu');
  return (
    <SignedIn>
      {(user) => (auth.can('activities.create') ? <Loaded id={params.id} organiserId={user.organisation.id} taskId={task && /^[0-9a-f-]{36}$/i.test(task) ? task : null} /> : <Alert color="yellow">{t('act.form.notAllowed')}</Alert>)}
    </SignedIn>
  );
}

function Loaded({ id, organiserId, taskId }: { id?: string; organiserId: string; taskId: string | null }) {
  const existing = useActivity(id);
  if (!id) return <ActivityForm initial={emptyActivity(organiserId, taskId)} />;
  return <QueryView query={existing}>{(a) => <ActivityForm id={id} initial={fromActivity(a)} />}</QueryView>;
}

function ActivityForm({ id, initial }: { id?: string; initial: ActivityValues }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const schema = useMemo(() => activitySchema({ date: t('act.form.badDate'), count: t('act.form.badCount'), score: t('act.form.badScore') }), [t]);
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({ draftKey: `kn.draft.activity.${id ?? 'new'}`, initialValues: initial, schema });
  // the tasks the organiser leads or partners, to link
  const tasks = useApi(plansApi.mine, { query: { role: 'any', limit: 200 } });
  const save = useSaveActivity(id, (a) => {
    clearDraft();
    form.resetDirty();
    notifications.show({ color: 'green', message: t('act.form.saved') });
    navigate(`/hoat-dong/${a.id}`);
  });
  const submit = form.onSubmit(
    (v) => save.mutate(activityBody(v), { onError: (e) => showServerErrors(form, e) }),
    () => notifications.show({ color: 'red', message: t('form.fixErrors') }),
  );
  const v = form.values;
  const communication = categoryOf(v.kind) === 'communication';
  const taskOptions = (tasks.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.planNumber} · ${x.number}: ${x.content.slice(0, 90)}` }));
  for (const tid of v.taskIds) if (!taskOptions.some((o) => o.value === tid)) taskOptions.push({ value: tid, label: tid });
  return (
    <form onSubmit={submit} noValidate data-testid="act-form">
      <Stack gap="md" maw={960}>
        <Anchor component={Link} href={id ? `/hoat-dong/${id}` : '/hoat-dong'} size="sm">
          ← {t('common.back')}
        </Anchor>
        <Title order={1}>{id ? t('act.form.editTitle') : t('act.form.newTitle')}</Title>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(initial)} />}
        {save.error && <ErrorAlert error={save.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('act.field.kind')} data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`act.kind.${k}`) }))} value={v.kind} onChange={(x) => form.setFieldValue('kind', (x as ActivityKind) ?? 'training')} allowDeselect={false} data-testid="act-form-kind" />
          <Select label={t('act.field.state')} data={ACTIVITY_STATES.map((s) => ({ value: s, label: t(`act.state.${s}`) }))} value={v.state} onChange={(x) => form.setFieldValue('state', (x as ActivityState) ?? 'planned')} allowDeselect={false} data-testid="act-form-state" />
        </SimpleGrid>
        <TextInput label={t('act.field.title')} required maxLength={500} {...form.getInputProps('title')} data-testid="act-form-title" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={communication ? t('act.field.publishedOn') : t('act.field.startsOn')} required placeholder="dd/mm/yyyy" {...form.getInputProps('startsOn')} data-testid="act-form-starts" />
          <TextInput label={t('act.field.endsOn')} placeholder="dd/mm/yyyy" {...form.getInputProps('endsOn')} data-testid="act-form-ends" />
          {communication
            ? <TextInput label={t('act.field.channel')} maxLength={300} {...form.getInputProps('channel')} data-testid="act-form-channel" />
            : <TextInput label={t('act.field.place')} maxLength={300} {...form.getInputProps('place')} data-testid="act-form-place" />}
          <TextInput label={t('act.field.link')} placeholder="https://" maxLength={300} {...form.getInputProps('link')} data-testid="act-form-link" />
          <ProvinceFilter value={v.provinceCode} onChange={(c) => form.setFieldValue('provinceCode', c ?? '')} testId="act-form-province" />
          {communication && <TextInput label={t('act.field.reach')} inputMode="numeric" {...form.getInputProps('reach')} data-testid="act-form-reach" />}
        </SimpleGrid>
        <OrgPicker label={t('act.field.coOrganisers')} value={v.coOrganisers} onChange={(x) => form.setFieldValue('coOrganisers', x)} max={30} testId="act-form-coorganisers" />
        <Textarea label={t('act.field.audience')} autosize minRows={2} maxLength={1000} {...form.getInputProps('audience')} data-testid="act-form-audience" />
        <MultiSelect label={t('act.field.tasks')} description={t('act.field.tasksHelp')} data={taskOptions} value={v.taskIds} onChange={(x) => form.setFieldValue('taskIds', x)} searchable clearable maxValues={20} data-testid="act-form-tasks" />
        {!communication && (
          <Stack gap={4}>
            <Text fw={600}>{t('act.field.participants')}</Text>
            <Text size="xs" c="dimmed">{t('act.field.participantsHelp')}</Text>
            <Table withTableBorder maw={560}>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('act.col.group')}</Table.Th><Table.Th>{t('act.col.planned')}</Table.Th><Table.Th>{t('act.col.actual')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {PARTICIPANT_GROUPS.map((g) => (
                  <Table.Tr key={g}>
                    <Table.Td>{t(`act.group.${g}`)}</Table.Td>
                    <Table.Td><TextInput aria-label={`${t(`act.group.${g}`)} – ${t('act.col.planned')}`} inputMode="numeric" size="xs" {...form.getInputProps(`participants.${g}.planned`)} data-testid={`act-form-planned-${g}`} /></Table.Td>
                    <Table.Td><TextInput aria-label={`${t(`act.group.${g}`)} – ${t('act.col.actual')}`} inputMode="numeric" size="xs" {...form.getInputProps(`participants.${g}.actual`)} data-testid={`act-form-actual-${g}`} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {!communication && (
          <OrgPicker label={t('act.field.invitees')} description={t('act.field.inviteesHelp')} value={v.invitees} onChange={(x) => form.setFieldValue('invitees', x)} max={200} testId="act-form-invitees" />
        )}
        {!communication && <AgendaRows rows={v.agenda} onChange={(x) => form.setFieldValue('agenda', x)} />}
        {v.state === 'held' && !communication && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('act.field.respondents')} inputMode="numeric" {...form.getInputProps('respondents')} data-testid="act-form-respondents" />
            <TextInput label={t('act.field.score')} inputMode="decimal" {...form.getInputProps('score')} data-testid="act-form-score" />
            <TextInput label={t('act.field.evaluationNote')} maxLength={2000} {...form.getInputProps('evaluationNote')} data-testid="act-form-evaluation-note" />
          </SimpleGrid>
        )}
        <Textarea label={t('act.field.summary')} autosize minRows={3} maxLength={5000} {...form.getInputProps('summary')} data-testid="act-form-summary" />
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">{t('act.form.draftNote')}</Text>
          <Button type="submit" loading={save.isPending} data-testid="act-form-save">{t('act.form.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The programme's items: time, content and who is responsible; a row is added or removed here. */
function AgendaRows({ rows, onChange }: { rows: AgendaRow[]; onChange: (rows: AgendaRow[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<AgendaRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap={4} data-testid="act-form-agenda">
      <Text fw={600}>{t('act.agenda')}</Text>
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: agenda rows are identified by their order
        <Group key={i} gap="xs" align="flex-end" wrap="wrap" data-testid="act-form-agenda-row">
          <TextInput label={t('act.field.agendaTime')} value={r.time} onChange={(e) => set(i, { time: e.currentTarget.value })} maxLength={60} w={110} data-testid="act-form-agenda-time" />
          <TextInput label={t('act.col.content')} value={r.content} onChange={(e) => set(i, { content: e.currentTarget.value })} maxLength={1000} w={{ base: '100%', sm: 380 }} data-testid="act-form-agenda-content" />
          <TextInput label={t('act.col.responsible')} value={r.responsible} onChange={(e) => set(i, { responsible: e.currentTarget.value })} maxLength={300} w={{ base: '100%', sm: 240 }} data-testid="act-form-agenda-responsible" />
          <Button variant="subtle" color="red" onClick={() => onChange(rows.filter((_, j) => j !== i))} data-testid="act-form-agenda-remove">{t('act.form.removeItem')}</Button>
        </Group>
      ))}
      <Button variant="light" w="fit-content" onClick={() => onChange([...rows, emptyAgendaRow()])} disabled={rows.length >= 60} data-testid="act-form-agenda-add">{t('act.form.addItem')}</Button>
    </Stack>
  );
}
