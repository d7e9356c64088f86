import { Alert, Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import type { AnswerValue, AssessmentDetail, GroupDef, IndicatorDef } from '../../../../contracts/assessments';
import { ErrorAlert } from '../../components/common';
import { useI18n, type MessageKey } from '../../i18n';
import { DraftRestored, useDraftForm } from '../../lib/form';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { HistoryTimeline } from '../resources/shared';
import { ReasonModal } from '../resources/shared-dialogs';
// the same pure rules the server scores with: the score follows the answers as they are typed
import { answerable, indicatorLevel, liveSelfScore, toScore } from '../../../../contracts/assessment-scoring';
import { useAssessment, useMoveAssessment, useReview, useSaveAnswers } from './api';
import { IndicatorCard, IndicatorHeading, fieldKey } from './IndicatorCard';
import { ScorePanel } from './ScorePanel';
import { SurveyPrefill, hasPrefill, schoolsSource, surveyAnswer, usePrefill } from './SurveyPrefill';

/** `/danh-gia/:id`: a self-assessment: the organisation answers and submits; the reviewer comments, adjusts, returns, approves or unlocks. */
export default function AssessmentPage({ params }: { params: Record<string, string> }) {
  return <SignedIn>{() => <Loaded id={params.id ?? ''} />}</SignedIn>;
}

function Loaded({ id }: { id: string }) {
  const q = useAssessment(id);
  return <QueryView query={q}>{(a) => <Assessment key={a.state} a={a} />}</QueryView>;
}

type Values = Record<string, AnswerValue>;
export type ReviewValues = Record<string, { points: number | ''; comment: string }>;

function Assessment({ a }: { a: AssessmentDetail }) {
  const { t } = useI18n();
  const indicators = useMemo(() => answerable(a.framework), [a.framework]);
  const saved = useMemo(() => new Map(a.answers.map((x) => [x.code, x])), [a.answers]);
  const initial: Values = Object.fromEntries(indicators.map((i) => [fieldKey(i.code), saved.get(i.code)?.value ?? null]));
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<Values>({ draftKey: `assessment-${a.id}`, initialValues: initial });
  const [review, setReview] = useState<ReviewValues>(() =>
    Object.fromEntries(indicators.map((i) => [i.code, { points: saved.get(i.code)?.reviewedPoints ?? '', comment: saved.get(i.code)?.reviewerComment ?? '' }])));
  const editable = a.can.answer;
  const answersNow = (): { code: string; value: AnswerValue }[] => indicators.map((i) => ({ code: i.code, value: form.values[fieldKey(i.code)] ?? null }));
  const live = useMemo(
    () => liveSelfScore(a.framework, indicators.map((i) => ({ code: i.code, value: form.values[fieldKey(i.code)] ?? null })), a.evidence),
    [form.values, indicators, a.evidence, a.framework],
  );
  // the school's own score of the saved answers when it no longer types (for the indicators' own levels)
  const savedScore = useMemo(() => liveSelfScore(a.framework, a.answers, a.evidence), [a.framework, a.answers, a.evidence]);
  const shown = editable ? live : savedScore;
  const save = useSaveAnswers(a.id, () => {
    clearDraft();
    notifications.show({ color: 'green', message: t('as.saved') });
  });
  const saveReview = useReview(a.id, () => notifications.show({ color: 'green', message: t('as.review.saved') }));
  const prefillable = useMemo(() => hasPrefill(a), [a]);
  const prefill = usePrefill(a.id, prefillable);
  /** where an answer on screen came from: the survey it was filled from, while it is still the survey's value */
  const sourceOf = (code: string) => {
    const s = prefill.data?.schools.find((i) => i.code === code && i.filledFrom);
    if (s) return form.values[fieldKey(code)] === s.value ? t('as.prefill.schoolsFilled', { source: schoolsSource(t, s) }) : null;
    const p = prefill.data?.items.find((i) => i.code === code && i.filledFrom);
    return p && form.values[fieldKey(code)] === p.value ? t('as.prefill.source', { year: p.filledFrom!, answer: surveyAnswer(t, p) }) : null;
  };
  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} href="/danh-gia" size="sm">← {t('as.title')}</Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} data-testid="as-title">{a.organisationName}</Title>
          <Text c="dimmed">{a.campaignTitle}</Text>
        </div>
        <Badge size="lg" data-testid="as-state">{t(`as.state.${a.state}`)}</Badge>
      </Group>
      {a.state === 'returned' && a.returnReason && <Alert color="orange" title={t('as.returnReason')} data-testid="as-return-reason">{a.returnReason}</Alert>}
      {!editable && (a.state === 'submitted' || a.state === 'approved') && <Alert color="blue">{t('as.readOnly')}</Alert>}
      {restoredAt && editable && <DraftRestored at={restoredAt} onDiscard={() => clearDraft(initial)} onClose={dismissRestored} />}
      <ScorePanel self={editable ? toScore(live) : a.selfScore} reviewed={a.state === 'draft' ? null : a.reviewedScore} live={editable} />
      {editable && prefillable && (
        <SurveyPrefill a={a} view={prefill.data} beforeFill={() => save.mutateAsync(answersNow())}
          onFilled={(items) => { for (const i of items) form.setFieldValue(fieldKey(i.code), i.value); }} />
      )}
      {save.error && <ErrorAlert error={save.error} />}
      {saveReview.error && <ErrorAlert error={saveReview.error} />}
      <Stack gap="md" data-testid="as-form">
      {a.framework.groups.map((g) => (
        <Stack key={g.code} gap="xs">
          <Title order={2} size="h4">{g.code}. {g.name}</Title>
          {shownRows(g).map(({ ind: i, heading }) => (heading
            ? <IndicatorHeading key={i.code} ind={i} points={shown.indicators[i.code]?.points ?? 0} max={shown.indicators[i.code]?.max ?? 0} level={indicatorLevel(i, shown.indicators)} />
            : (
              <IndicatorCard
                key={i.code}
                a={a}
                ind={i}
                form={form}
                editable={editable}
                review={a.can.review ? review : null}
                setReview={setReview}
                points={(editable ? live : null)?.indicators[i.code]?.points ?? saved.get(i.code)?.selfPoints ?? 0}
                level={indicatorLevel(i, shown.indicators)}
                source={prefillable ? sourceOf(i.code) : null}
              />
            )))}
        </Stack>
      ))}
      </Stack>
      <Group gap="xs" wrap="wrap">
        {editable && <Button variant="light" onClick={() => save.mutate(answersNow())} loading={save.isPending} data-testid="as-save">{t('as.save')}</Button>}
        {a.can.review && (
          <Button variant="light" loading={saveReview.isPending} data-testid="as-review-save"
            onClick={() => saveReview.mutate(indicators.map((i) => ({ code: i.code, reviewedPoints: review[i.code]?.points === '' ? null : Number(review[i.code]?.points), comment: review[i.code]?.comment || null })))}>
            {t('as.review.save')}
          </Button>
        )}
        <Actions a={a} beforeSubmit={() => save.mutateAsync(answersNow())} />
      </Group>
      <Title order={2} size="h4">{t('as.history')}</Title>
      <HistoryTimeline items={a.history.map((e, n) => ({ key: String(n), title: t(`as.event.${e.action}` as MessageKey), at: e.at, by: e.actor, note: e.reason }))} />
    </Stack>
  );
}

/**
 * What a group shows, in order: a card for every indicator answered (an indicator with parts is
 * answered through them), headed by the indicator itself when it has levels of its own.
 */
function shownRows(g: GroupDef): { ind: IndicatorDef; heading: boolean }[] {
  const out: { ind: IndicatorDef; heading: boolean }[] = [];
  const walk = (i: IndicatorDef) => {
    if (!i.parts?.length) { out.push({ ind: i, heading: false }); return; }
    if (i.levels?.length) out.push({ ind: i, heading: true });
    i.parts.forEach(walk);
  };
  const group = (x: GroupDef) => { x.indicators.forEach(walk); x.groups?.forEach(group); };
  group(g);
  return out;
}

function Actions({ a, beforeSubmit }: { a: AssessmentDetail; beforeSubmit: () => Promise<unknown> }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<'return' | 'unlock' | null>(null);
  const move = useMoveAssessment(a.id, () => {
    setDialog(null);
    notifications.show({ color: 'green', message: t('as.done') });
  });
  return (
    <>
      {move.error && !dialog && <ErrorAlert error={move.error} />}
      {a.can.submit && (
        <Button onClick={async () => { await beforeSubmit(); move.mutate({ action: 'submit' }); }} loading={move.isPending} data-testid="as-submit">{t('as.submit')}</Button>
      )}
      {a.can.approve && <Button color="green" onClick={() => move.mutate({ action: 'approve' })} loading={move.isPending} data-testid="as-approve">{t('as.approve')}</Button>}
      {a.can.return && <Button color="orange" variant="light" onClick={() => setDialog('return')} data-testid="as-return">{t('as.return')}</Button>}
      {a.can.unlock && <Button color="gray" variant="light" onClick={() => setDialog('unlock')} data-testid="as-unlock">{t('as.unlock')}</Button>}
      {dialog && (
        <ReasonModal
          title={t(dialog === 'return' ? 'as.returnTitle' : 'as.unlockTitle')}
          color={dialog === 'return' ? 'orange' : 'gray'}
          confirmLabel={t(dialog === 'return' ? 'as.return' : 'as.unlock')}
          busy={move.isPending}
          textTestId="as-reason"
          confirmTestId="as-reason-confirm"
          onClose={() => setDialog(null)}
          onConfirm={(reason) => move.mutate({ action: dialog, reason })}
        />
      )}
    </>
  );
}
