import { Button, Card, Checkbox, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { CASE_OUTCOMES, ENTRY_KINDS, LEGAL_BASES, SHARED_FIELDS, type CaseDetail, type CaseOutcome, type CaseStep, type EntryKind, type LegalBasis, type SharedField } from '../../../../contracts/cases';
import type { ReferralChannel } from '../../../../contracts/providers';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { DraftRestored, useDraftForm } from '../../lib/form';
import { caseDraftKey, useAddEntry, useBreakGlass, useMoveCase, useProviders, useRefer } from './api';

/** The moves a step allows, as the server's domain rules list them (the server decides; this only offers). */
const NEXT: Record<CaseStep, CaseStep[]> = {
  screening: ['assessment'], assessment: ['plan', 'referral', 'closed'], plan: ['intervention', 'referral'], intervention: ['referral', 'follow_up'],
  referral: ['intervention', 'follow_up'], follow_up: ['intervention', 'closed'], closed: ['follow_up'],
};

type MoveValues = { to: CaseStep | null; outcome: CaseOutcome | null; reason: string };
const MOVE_EMPTY: MoveValues = { to: null, outcome: null, reason: '' };

/** The step move, closure included (outcome); its draft is this account's, for this case (caseDraftKey). */
export function MoveStep({ c, userId }: { c: CaseDetail; userId: string }) {
  const { t } = useI18n();
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<MoveValues>({ draftKey: caseDraftKey(userId, 'move', c.id), initialValues: MOVE_EMPTY });
  const move = useMoveCase(c.id);
  const options = NEXT[c.step];
  const { to: picked, outcome, reason } = form.getValues();
  // a draft kept from an earlier step may name a move this step no longer allows
  const to = picked && options.includes(picked) ? picked : null;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('cases.move')}</Text>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(MOVE_EMPTY)} />}
        {move.error && <ErrorAlert error={move.error} />}
        <Group align="flex-end" wrap="wrap">
          <Select label={t('cases.move.to')} data={options.map((s) => ({ value: s, label: t(`cases.step.${s}`) }))} value={to} onChange={(v) => form.setFieldValue('to', v as CaseStep | null)} w={280} data-testid="case-move-to" />
          {to === 'closed' && <Select label={t('cases.field.outcome')} data={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`cases.outcome.${o}`) }))} {...form.getInputProps('outcome')} w={240} data-testid="case-move-outcome" />}
          {c.step === 'closed' && <TextInput label={t('cases.move.reason')} {...form.getInputProps('reason')} data-testid="case-move-reason" />}
          <Button disabled={!to} loading={move.isPending} onClick={() => to && move.mutate({ to, outcome, reason: reason || null }, { onSuccess: () => clearDraft(MOVE_EMPTY) })} data-testid="case-move">{t('cases.move.do')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

type EntryValues = { kind: Exclude<EntryKind, 'plan'>; body: string; pupil: boolean; parent: boolean };
const ENTRY_EMPTY: EntryValues = { kind: 'session', body: '', pupil: false, parent: false };

/**
 * A session or a note (a support plan has goals and actions of its own, not entered here); the draft
 * stays on this device, for this account and case (caseDraftKey).
 */
export function NewEntry({ id, userId }: { id: string; userId: string }) {
  const { t } = useI18n();
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<EntryValues>({ draftKey: caseDraftKey(userId, 'entry', id), initialValues: ENTRY_EMPTY });
  const add = useAddEntry(id, () => clearDraft(ENTRY_EMPTY));
  const v = form.getValues();
  return (
    <Stack gap="xs">
      {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(ENTRY_EMPTY)} />}
      {add.error && <ErrorAlert error={add.error} />}
      <Select label={t('cases.entry.kind')} data={ENTRY_KINDS.filter((k) => k !== 'plan').map((k) => ({ value: k, label: t(`cases.entry.${k}`) }))} {...form.getInputProps('kind')} allowDeselect={false} w={240} data-testid="case-note-kind" />
      <Textarea label={t('cases.entry.new')} autosize minRows={2} {...form.getInputProps('body')} data-testid="case-note" />
      <Group>
        <Checkbox label={t('cases.entry.pupilTook')} {...form.getInputProps('pupil', { type: 'checkbox' })} data-testid="case-note-pupil" />
        <Checkbox label={t('cases.entry.parentTook')} {...form.getInputProps('parent', { type: 'checkbox' })} data-testid="case-note-parent" />
        <Button variant="light" loading={add.isPending} onClick={() => add.mutate({ kind: v.kind, body: v.body, pupilParticipated: v.pupil, parentParticipated: v.parent })} data-testid="case-note-add">{t('cases.entry.add')}</Button>
      </Group>
    </Stack>
  );
}

type ReferValues = { providerId: string | null; shared: SharedField[]; summary: string; basis: LegalBasis; pupil: boolean; parent: boolean; note: string; channel: ReferralChannel };
const REFER_EMPTY: ReferValues = { providerId: null, shared: [], summary: '', basis: 'consent', pupil: false, parent: false, note: '', channel: 'online' };

/** A referral with what is shared and on what basis; its draft is this account's, for this case (caseDraftKey). */
export function NewReferral({ id, userId }: { id: string; userId: string }) {
  const { t } = useI18n();
  const providers = useProviders({ limit: 200 });
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<ReferValues>({ draftKey: caseDraftKey(userId, 'refer', id), initialValues: REFER_EMPTY });
  // a sent referral leaves nothing behind: what was shared and the consents are asked again for the next one
  const refer = useRefer(id, () => clearDraft(REFER_EMPTY));
  const v = form.getValues();
  const chosen = providers.data?.items.find((p) => p.id === v.providerId);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('cases.refer')}</Text>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(REFER_EMPTY)} />}
        {refer.error && <ErrorAlert error={refer.error} />}
        <Select label={t('cases.ref.provider')} searchable data={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} value={v.providerId}
          onChange={(x) => { form.setFieldValue('providerId', x); const p = providers.data?.items.find((y) => y.id === x); if (p) form.setFieldValue('channel', p.channels[0]); }} data-testid="ref-provider" />
        {chosen && <Select label={t('cases.ref.channel')} data={chosen.channels.map((c) => ({ value: c, label: t(`prov.channel.${c}`) }))} value={v.channel} onChange={(x) => x && form.setFieldValue('channel', x as ReferralChannel)} allowDeselect={false} data-testid="ref-channel" />}
        <Checkbox.Group label={t('cases.ref.shared')} value={v.shared} onChange={(x) => form.setFieldValue('shared', x as SharedField[])}>
          <Group gap="md">{SHARED_FIELDS.map((f) => <Checkbox key={f} value={f} label={t(`cases.shared.${f}`)} data-testid={`ref-share-${f}`} />)}</Group>
        </Checkbox.Group>
        <Textarea label={t('cases.ref.summary')} autosize minRows={2} {...form.getInputProps('summary')} data-testid="ref-summary" />
        <Select label={t('cases.ref.basis')} data={LEGAL_BASES.map((b) => ({ value: b, label: t(`cases.basis.${b}`) }))} value={v.basis} onChange={(x) => x && form.setFieldValue('basis', x as LegalBasis)} allowDeselect={false} data-testid="ref-basis" />
        <Group>
          <Checkbox label={t('cases.ref.pupilConsent')} {...form.getInputProps('pupil', { type: 'checkbox' })} data-testid="ref-pupil-consent" />
          <Checkbox label={t('cases.ref.parentConsent')} {...form.getInputProps('parent', { type: 'checkbox' })} data-testid="ref-parent-consent" />
        </Group>
        <TextInput label={t('cases.ref.note')} {...form.getInputProps('note')} data-testid="ref-note" />
        <Group>
          <Button disabled={!v.providerId} loading={refer.isPending} data-testid="ref-send"
            onClick={() => v.providerId && refer.mutate({ providerId: v.providerId, sharedFields: v.shared, sharedSummary: v.summary, legalBasis: v.basis, pupilConsent: v.pupil, parentConsent: v.parent, consentNote: v.note || null, channel: v.channel })}>
            {t('cases.ref.send')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function BreakGlass({ id }: { id: string }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const glass = useBreakGlass(id);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('cases.breakGlass')}</Text>
        <Text size="sm" c="dimmed">{t('cases.breakGlassHelp')}</Text>
        {glass.error && <ErrorAlert error={glass.error} />}
        <Group align="flex-end">
          <TextInput label={t('cases.breakGlassReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={420} data-testid="case-glass-reason" />
          <Button color="red" variant="light" loading={glass.isPending} onClick={() => glass.mutate(reason)} data-testid="case-glass">{t('cases.breakGlassDo')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
