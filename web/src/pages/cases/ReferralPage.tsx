import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useRef } from 'react';
import type { Referral } from '../../../../contracts/cases';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { DraftRestored, useDraftForm } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { KeyValue } from '../resources/shared';
import { caseDraftKey, useAnswerReferral, useReferral } from './api';

/** `/chuyen-gui/:id`: a referral as the provider received it; accept or decline with a reason, report back, close. */
export default function ReferralPage({ params }: { params: Record<string, string> }) {
  const r = useReferral(params.id);
  return <SignedIn>{(u) => <QueryView query={r}>{(x) => <One r={x} userId={u.id} />}</QueryView>}</SignedIn>;
}

function One({ r, userId }: { r: Referral; userId: string }) {
  const { t } = useI18n();
  // the answer being typed is kept on this device, for this account and referral (caseDraftKey)
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({ draftKey: caseDraftKey(userId, 'answer', r.id), initialValues: { text: '' } });
  const text = form.getValues().text;
  // once an answer is through, the text it carried is cleared; what was typed meanwhile is kept
  const sent = useRef('');
  const answer = useAnswerReferral(r.id, () => {
    if (form.getValues().text === sent.current) clearDraft({ text: '' });
  });
  const act = (action: 'accept' | 'decline' | 'report' | 'close') => {
    sent.current = text;
    answer.mutate({ action, text: text || null });
  };
  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} href="/chuyen-gui" size="sm">← {t('ref.inbox')}</Anchor>
      <Title order={1}>{r.caseReference}</Title>
      <Text c="dimmed">{r.schoolName} · {t(`cases.refState.${r.state}`)}</Text>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          {r.pupil && <KeyValue label={t('cases.field.pupil')} value={`${r.pupil.fullName}${r.pupil.className ? ` · ${r.pupil.className}` : ''}`} testId="ref-pupil" />}
          {r.category && <KeyValue label={t('cases.col.category')} value={t(`cases.cat.${r.category}`)} />}
          <KeyValue label={t('cases.ref.basis')} value={t(`cases.basis.${r.legalBasis}`)} />
          <KeyValue label={t('cases.ref.consent')} value={[r.pupilConsent && t('cases.ref.pupilConsent'), r.parentConsent && t('cases.ref.parentConsent')].filter(Boolean).join(' · ') || '—'} />
          <KeyValue label={t('cases.ref.sentAt')} value={formatDateTime(r.sentAt)} />
        </SimpleGrid>
      </Card>
      <Text fw={600}>{t('cases.ref.summary')}</Text>
      <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="ref-summary-text">{r.sharedSummary}</Text>
      {r.assessment && <><Text fw={600}>{t('cases.field.assessment')}</Text><Text style={{ whiteSpace: 'pre-wrap' }}>{r.assessment}</Text></>}
      {r.report && <><Text fw={600}>{t('cases.ref.report')}</Text><Text style={{ whiteSpace: 'pre-wrap' }}>{r.report}</Text></>}
      {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft({ text: '' })} />}
      {answer.error && <ErrorAlert error={answer.error} />}
      {(r.can.decline || r.can.report) && <Textarea label={t('ref.text')} autosize minRows={2} {...form.getInputProps('text')} data-testid="ref-text" />}
      <Group>
        {r.can.accept && <Button loading={answer.isPending} onClick={() => act('accept')} data-testid="ref-accept">{t('ref.accept')}</Button>}
        {r.can.decline && <Button color="orange" variant="light" loading={answer.isPending} onClick={() => act('decline')} data-testid="ref-decline">{t('ref.decline')}</Button>}
        {r.can.report && <Button variant="light" loading={answer.isPending} onClick={() => act('report')} data-testid="ref-report">{t('ref.report')}</Button>}
        {r.can.close && <Button variant="default" loading={answer.isPending} onClick={() => act('close')} data-testid="ref-close">{t('ref.close')}</Button>}
      </Group>
    </Stack>
  );
}
