import { Button, Card, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { activitiesApi, type ActivityDetail } from '../../../../contracts/activities';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useApiMutation } from '../../lib/query';
import { ACTIVITIES } from './api';

/**
 * The participants' evaluation of a held activity, two sources told apart: the paper forms the
 * organiser entered (respondents and average), and the responses given here, one per account,
 * counted and averaged by the server; the organiser's side reads the comments (without authors).
 */
export function ActivityFeedback({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const fb = a.feedback;
  if (a.state !== 'held' && fb.count === 0 && a.evaluation.score === null) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="act-fb-title" data-testid="act-feedback">
      <Title order={2} size="h4" id="act-fb-title">{t('act.fb.title')}</Title>
      <Text size="sm" data-testid="act-fb-paper">
        {a.evaluation.score !== null
          ? t('act.fb.paper', { score: formatNumber(a.evaluation.score), count: formatNumber(a.evaluation.respondents) })
          : t('act.fb.noPaper')}
        {a.evaluation.note ? ` – ${a.evaluation.note}` : ''}
      </Text>
      <Text size="sm" data-testid="act-fb-online">
        {fb.count > 0 && fb.average !== null ? t('act.fb.online', { score: formatNumber(fb.average), count: formatNumber(fb.count) }) : t('act.fb.noOnline')}
      </Text>
      {fb.mine && <Text size="sm" c="dimmed" data-testid="act-fb-mine">{t('act.fb.mine', { score: formatNumber(fb.mine.score) })}</Text>}
      {a.can.feedback && <FeedbackForm id={a.id} />}
      {fb.comments.length > 0 && (
        <Stack gap={4} data-testid="act-fb-comments">
          <Text size="sm" fw={600}>{t('act.fb.comments')}</Text>
          {/* biome-ignore lint/suspicious/noArrayIndexKey: comments come newest first and are never reordered */}
          {fb.comments.map((c, i) => <Text key={i} size="sm" data-testid="act-fb-comment-item">“{c}”</Text>)}
        </Stack>
      )}
    </Stack>
  );
}

function FeedbackForm({ id }: { id: string }) {
  const { t } = useI18n();
  const [score, setScore] = useState<string>('');
  const [comment, setComment] = useState('');
  const send = useApiMutation((v: { score: number; comment: string | null }) => call(activitiesApi.feedback, { params: { id }, body: v }), { domains: [ACTIVITIES] });
  return (
    <Card withBorder data-testid="act-fb-form">
      <Stack gap="xs">
        <Text size="sm">{t('act.fb.ask')}</Text>
        <SegmentedControl data={['1', '2', '3', '4', '5']} value={score} onChange={setScore} w="fit-content" aria-label={t('act.fb.score')} data-testid="act-fb-score" />
        <Textarea label={t('act.fb.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} maxLength={1000} data-testid="act-fb-comment" />
        {send.error && <ErrorAlert error={send.error} />}
        <Group>
          <Button disabled={!score} loading={send.isPending} onClick={() => send.mutate({ score: Number(score), comment: comment.trim() || null })} data-testid="act-fb-submit">{t('act.fb.submit')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
