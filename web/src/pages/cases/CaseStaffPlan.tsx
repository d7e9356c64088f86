import { ActionIcon, Button, Card, Checkbox, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { CaseDetail } from '../../../../contracts/cases';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { DraftRestored, useDraftForm } from '../../lib/form';
import { useNavigate } from '../../lib/router';
import { caseDraftKey, useAddEntry, useAssign, useAssignable, useUnassign } from './api';

/**
 * The staff of a case: take someone off (a member of the assignment or the school's head; the
 * server keeps the last counsellor and says so) and assign another of the school's counselling staff
 * or its head (the lead or the head: `can.assign`, the candidates from the server). Whoever takes
 * themselves off goes back to the list.
 */
export function Staff({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const off = useUnassign(c.id, (userId) => { if (userId === user?.id && !c.can.viewLog) navigate('/cong-tac-xa-hoi'); });
  const [picked, setPicked] = useState<string | null>(null);
  const candidates = useAssignable(c.id, c.can.assign);
  const assign = useAssign(c.id, () => setPicked(null));
  const removable = c.can.unassign && c.assigned.length > 1;
  const options = candidates.data?.candidates ?? [];
  return (
    <Card withBorder data-testid="case-staff">
      <Stack gap="xs">
        <Text fw={600}>{t('cases.staff.title')}</Text>
        {off.error && <ErrorAlert error={off.error} />}
        {c.assigned.map((a) => (
          <Group key={a.userId} justify="space-between" wrap="nowrap" data-testid="case-staff-row">
            <Text size="sm">{a.name}{a.lead ? ` · ${t('cases.staff.lead')}` : ''}</Text>
            {removable && <Button size="xs" variant="light" color="red" loading={off.isPending && off.variables === a.userId} onClick={() => off.mutate(a.userId)} data-testid="case-staff-remove">{t('cases.staff.remove')}</Button>}
          </Group>
        ))}
        {c.can.assign && (
          <>
            {assign.error && <ErrorAlert error={assign.error} />}
            {candidates.isSuccess && options.length === 0 ? <Text size="sm" c="dimmed" data-testid="case-assign-none">{t('cases.staff.none')}</Text> : (
              <Group align="flex-end" wrap="wrap">
                <Select label={t('cases.staff.pick')} data={options.map((o) => ({ value: o.userId, label: `${o.name} · ${t(`cases.staff.role.${o.role}`)}` }))} value={picked} onChange={setPicked}
                  searchable w={{ base: '100%', xs: 320 }} data-testid="case-assign-pick" />
                <Button disabled={!picked} loading={assign.isPending} onClick={() => picked && assign.mutate(picked)} data-testid="case-assign">{t('cases.staff.add')}</Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

type PlanAction = { what: string; who: string; when: string };
type PlanValues = { goals: string; actions: PlanAction[]; pupil: boolean; parent: boolean };
const NO_ACTION: PlanAction = { what: '', who: '', when: '' };
const PLAN_EMPTY: PlanValues = { goals: '', actions: [NO_ACTION], pupil: false, parent: false };

/**
 * The support plan (Thông tư 33/2018 Art. 6; Thông tư 18/2025): goals, actions with who and when,
 * and whether the pupil and the parent took part. Saved as a plan entry of the case; the draft stays
 * on this device, for this account and case (caseDraftKey).
 */
export function PlanForm({ id, userId }: { id: string; userId: string }) {
  const { t } = useI18n();
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<PlanValues>({ draftKey: caseDraftKey(userId, 'plan', id), initialValues: PLAN_EMPTY });
  const [saved, setSaved] = useState(false);
  const add = useAddEntry(id, () => { clearDraft(PLAN_EMPTY); setSaved(true); });
  const v = form.getValues();
  const submit = () => {
    setSaved(false);
    form.clearErrors();
    add.mutate({
      kind: 'plan', pupilParticipated: v.pupil, parentParticipated: v.parent,
      plan: { goals: v.goals, actions: v.actions.map((a) => ({ what: a.what, who: a.who, when: a.when.trim() || null })) },
    }, {
      // the server's per-field messages (422) under the fields they name: plan.goals → goals, plan.actions.0.what → actions.0.what
      onError: (e) => { if (e instanceof ApiError) form.setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path.replace(/^plan\./, ''), f.message]))); },
    });
  };
  return (
    <Card withBorder data-testid="case-plan">
      <Stack gap="xs">
        <Text fw={600}>{t('cases.plan.title')}</Text>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(PLAN_EMPTY)} />}
        {add.error && <ErrorAlert error={add.error} />}
        {saved && <Text size="sm" c="green" data-testid="case-plan-saved">{t('cases.plan.saved')}</Text>}
        <Textarea label={t('cases.plan.goals')} autosize minRows={2} {...form.getInputProps('goals')} data-testid="case-plan-goals" />
        {v.actions.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the actions are a list edited in place, without ids of their own
          <Group key={i} align="flex-end" wrap="wrap" gap="xs" data-testid="case-plan-action">
            <TextInput label={t('cases.plan.what')} {...form.getInputProps(`actions.${i}.what`)} w={{ base: '100%', sm: 280 }} data-testid="case-plan-what" />
            <TextInput label={t('cases.plan.who')} {...form.getInputProps(`actions.${i}.who`)} w={{ base: '100%', sm: 200 }} data-testid="case-plan-who" />
            <TextInput label={t('cases.plan.when')} {...form.getInputProps(`actions.${i}.when`)} w={{ base: '100%', sm: 160 }} data-testid="case-plan-when" />
            {v.actions.length > 1 && (
              <ActionIcon variant="light" color="red" size="lg" aria-label={t('cases.plan.removeAction')} onClick={() => form.removeListItem('actions', i)} data-testid="case-plan-remove">×</ActionIcon>
            )}
          </Group>
        ))}
        <Group>
          <Button variant="subtle" size="xs" disabled={v.actions.length >= 30} onClick={() => form.insertListItem('actions', { ...NO_ACTION })} data-testid="case-plan-add-action">{t('cases.plan.addAction')}</Button>
        </Group>
        <Group>
          <Checkbox label={t('cases.plan.pupil')} {...form.getInputProps('pupil', { type: 'checkbox' })} data-testid="case-plan-pupil" />
          <Checkbox label={t('cases.plan.parent')} {...form.getInputProps('parent', { type: 'checkbox' })} data-testid="case-plan-parent" />
        </Group>
        <Group>
          <Button loading={add.isPending} onClick={submit} data-testid="case-plan-save">{t('cases.plan.save')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
