import { Button, Card, Checkbox, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { CASE_OUTCOMES, LEGAL_BASES, SHARED_FIELDS, type CaseDetail, type CaseOutcome, type CaseStep, type LegalBasis, type SharedField } from '../../../../contracts/cases';
import type { ReferralChannel } from '../../../../contracts/providers';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAddEntry, useBreakGlass, useMoveCase, useProviders, useRefer } from './api';

/** The moves a step allows, as the server's domain rules list them (the server decides; this only offers). */
const NEXT: Record<CaseStep, CaseStep[]> = {
  screening: ['assessment'], assessment: ['plan', 'referral', 'closed'], plan: ['intervention', 'referral'], intervention: ['referral', 'follow_up'],
  referral: ['intervention', 'follow_up'], follow_up: ['intervention', 'closed'], closed: ['follow_up'],
};

export function MoveStep({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const [to, setTo] = useState<CaseStep | null>(null);
  const [outcome, setOutcome] = useState<CaseOutcome | null>(null);
  const [reason, setReason] = useState('');
  const move = useMoveCase(c.id);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('cases.move')}</Text>
        {move.error && <ErrorAlert error={move.error} />}
        <Group align="flex-end" wrap="wrap">
          <Select label={t('cases.move.to')} data={NEXT[c.step].map((s) => ({ value: s, label: t(`cases.step.${s}`) }))} value={to} onChange={(v) => setTo(v as CaseStep | null)} w={280} data-testid="case-move-to" />
          {to === 'closed' && <Select label={t('cases.field.outcome')} data={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`cases.outcome.${o}`) }))} value={outcome} onChange={(v) => setOutcome(v as CaseOutcome | null)} w={240} data-testid="case-move-outcome" />}
          {c.step === 'closed' && <TextInput label={t('cases.move.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
          <Button disabled={!to} loading={move.isPending} onClick={() => to && move.mutate({ to, outcome, reason: reason || null })} data-testid="case-move">{t('cases.move.do')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function NewEntry({ id }: { id: string }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [pupil, setPupil] = useState(false);
  const [parent, setParent] = useState(false);
  const add = useAddEntry(id, () => setBody(''));
  return (
    <Stack gap="xs">
      {add.error && <ErrorAlert error={add.error} />}
      <Textarea label={t('cases.entry.new')} autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} data-testid="case-note" />
      <Group>
        <Checkbox label={t('cases.entry.pupilTook')} checked={pupil} onChange={(e) => setPupil(e.currentTarget.checked)} />
        <Checkbox label={t('cases.entry.parentTook')} checked={parent} onChange={(e) => setParent(e.currentTarget.checked)} />
        <Button variant="light" loading={add.isPending} onClick={() => add.mutate({ kind: 'session', body, pupilParticipated: pupil, parentParticipated: parent })} data-testid="case-note-add">{t('cases.entry.add')}</Button>
      </Group>
    </Stack>
  );
}

export function NewReferral({ id }: { id: string }) {
  const { t } = useI18n();
  const providers = useProviders({ limit: 200 });
  const [providerId, setProviderId] = useState<string | null>(null);
  const [shared, setShared] = useState<SharedField[]>([]);
  const [summary, setSummary] = useState('');
  const [basis, setBasis] = useState<LegalBasis>('consent');
  const [pupil, setPupil] = useState(false);
  const [parent, setParent] = useState(false);
  const [note, setNote] = useState('');
  const [channel, setChannel] = useState<ReferralChannel>('online');
  const refer = useRefer(id, () => setSummary(''));
  const chosen = providers.data?.items.find((p) => p.id === providerId);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('cases.refer')}</Text>
        {refer.error && <ErrorAlert error={refer.error} />}
        <Select label={t('cases.ref.provider')} searchable data={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} value={providerId}
          onChange={(v) => { setProviderId(v); const p = providers.data?.items.find((x) => x.id === v); if (p) setChannel(p.channels[0]); }} data-testid="ref-provider" />
        {chosen && <Select label={t('cases.ref.channel')} data={chosen.channels.map((c) => ({ value: c, label: t(`prov.channel.${c}`) }))} value={channel} onChange={(v) => v && setChannel(v as ReferralChannel)} allowDeselect={false} data-testid="ref-channel" />}
        <Checkbox.Group label={t('cases.ref.shared')} value={shared} onChange={(v) => setShared(v as SharedField[])}>
          <Group gap="md">{SHARED_FIELDS.map((f) => <Checkbox key={f} value={f} label={t(`cases.shared.${f}`)} data-testid={`ref-share-${f}`} />)}</Group>
        </Checkbox.Group>
        <Textarea label={t('cases.ref.summary')} autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} data-testid="ref-summary" />
        <Select label={t('cases.ref.basis')} data={LEGAL_BASES.map((b) => ({ value: b, label: t(`cases.basis.${b}`) }))} value={basis} onChange={(v) => v && setBasis(v as LegalBasis)} allowDeselect={false} data-testid="ref-basis" />
        <Group>
          <Checkbox label={t('cases.ref.pupilConsent')} checked={pupil} onChange={(e) => setPupil(e.currentTarget.checked)} data-testid="ref-pupil-consent" />
          <Checkbox label={t('cases.ref.parentConsent')} checked={parent} onChange={(e) => setParent(e.currentTarget.checked)} data-testid="ref-parent-consent" />
        </Group>
        <TextInput label={t('cases.ref.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group>
          <Button disabled={!providerId} loading={refer.isPending} data-testid="ref-send"
            onClick={() => providerId && refer.mutate({ providerId, sharedFields: shared, sharedSummary: summary, legalBasis: basis, pupilConsent: pupil, parentConsent: parent, consentNote: note || null, channel })}>
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
