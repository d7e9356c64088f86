import { Anchor, Badge, Button, Card, FileInput, Group, NumberInput, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useState, type Dispatch, type SetStateAction } from 'react';
import type { AnswerValue, AssessmentDetail, IndicatorDef } from '../../../../contracts/assessments';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAddEvidence, useRemoveEvidence } from './api';
import type { ReviewValues } from './AssessmentPage';

/** A form field's name for an indicator code ("1.3.a" would read as a path). */
export const fieldKey = (code: string) => `i_${code.replace(/\./g, '_')}`;

/** One indicator: its answer (or the answer read only), its evidence, and the reviewer's points and comment. */
export function IndicatorCard({ a, ind, form, editable, review, setReview, points, level = null, source = null }: {
  a: AssessmentDetail; ind: IndicatorDef; form: UseFormReturnType<Record<string, AnswerValue>>; editable: boolean;
  review: ReviewValues | null; setReview: Dispatch<SetStateAction<ReviewValues>>; points: number;
  /** the level its points reach on its own sub-scale (live while typing), when it has one */
  level?: { code: string; label: string } | null;
  /** where the answer came from when it was filled from the facility survey */
  source?: string | null;
}) {
  const { t } = useI18n();
  const key = fieldKey(ind.code);
  const saved = a.answers.find((x) => x.code === ind.code);
  const value = form.values[key] ?? null;
  const set = (v: AnswerValue) => form.setFieldValue(key, v);
  const max = ind.scoring.kind === 'yes' || ind.scoring.kind === 'evidence' ? ind.scoring.points
    : ind.scoring.kind === 'bands' ? Math.max(...ind.scoring.bands.map((b) => b.points)) : ind.scoring.kind === 'choice' ? Math.max(...ind.scoring.options.map((o) => o.points)) : 0;
  return (
    <Card withBorder padding="sm" data-testid={`as-ind-${ind.code}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>{ind.code}. {ind.text}</Text>
          <Group gap={4} wrap="nowrap">
            {ind.mandatory && <Badge color="red" variant="light" size="sm">{t('as.mandatory')}</Badge>}
            {ind.provisional && <Badge color="orange" variant="outline" size="sm">{t('as.provisionalBadge')}</Badge>}
            {max > 0 && <Badge variant="light" size="sm" data-testid={`as-points-${ind.code}`}>{points}/{max}</Badge>}
            {level && <LevelBadge code={ind.code} level={level} />}
          </Group>
        </Group>
        {ind.evidence && <Text size="xs" c="dimmed">{t('as.evidenceAsked', { text: ind.evidence })}</Text>}
        {source && <Text size="xs" c="teal" data-testid={`as-prefill-source-${ind.code}`}>{source}</Text>}
        {ind.type === 'yes_no' && (
          <SegmentedControl
            disabled={!editable}
            value={value === true ? 'yes' : value === false ? 'no' : ''}
            onChange={(v) => set(v === 'yes' ? true : v === 'no' ? false : null)}
            data={[{ value: '', label: '—' }, { value: 'yes', label: t('as.yes') }, { value: 'no', label: t('as.no') }]}
            w="fit-content"
            data-testid={`as-answer-${ind.code}`}
          />
        )}
        {(ind.type === 'number' || ind.type === 'percentage') && (
          <NumberInput disabled={!editable} value={typeof value === 'number' ? value : ''} onChange={(v) => set(typeof v === 'number' ? v : null)}
            min={0} max={ind.type === 'percentage' ? 100 : undefined} suffix={ind.type === 'percentage' ? ' %' : undefined} w={200} data-testid={`as-answer-${ind.code}`} />
        )}
        {ind.type === 'choice' && ind.scoring.kind === 'choice' && (
          <Select disabled={!editable} value={typeof value === 'string' ? value : null} onChange={(v) => set(v)} clearable
            data={ind.scoring.options.map((o) => ({ value: o.value, label: `${o.label} (${o.points})` }))} maw={480} data-testid={`as-answer-${ind.code}`} />
        )}
        {ind.type === 'text' && (
          <Textarea disabled={!editable} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.currentTarget.value || null)} autosize minRows={2} data-testid={`as-answer-${ind.code}`} />
        )}
        <EvidenceList a={a} code={ind.code} editable={editable} />
        {saved?.reviewerComment && !review && <Text size="sm" c="orange" data-testid={`as-comment-${ind.code}`}>{t('as.review.comment')}: {saved.reviewerComment}</Text>}
        {saved?.reviewedPoints !== null && saved?.reviewedPoints !== undefined && !review && <Text size="sm">{t('as.review.points')}: {saved.reviewedPoints}</Text>}
        {review && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <NumberInput label={t('as.review.points')} value={review[ind.code]?.points ?? ''} min={0} max={max} w={140} disabled={max === 0}
              onChange={(v) => setReview((r) => ({ ...r, [ind.code]: { points: typeof v === 'number' ? v : '', comment: r[ind.code]?.comment ?? '' } }))} data-testid={`as-review-points-${ind.code}`} />
            <TextInput label={t('as.review.comment')} value={review[ind.code]?.comment ?? ''} style={{ flex: 1, minWidth: 220 }}
              onChange={(e) => { const c = e.currentTarget.value; setReview((r) => ({ ...r, [ind.code]: { points: r[ind.code]?.points ?? '', comment: c } })); }} data-testid={`as-review-comment-${ind.code}`} />
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** The level an indicator's points reach on its own sub-scale (Level 1/2/3). */
function LevelBadge({ code, level }: { code: string; level: { code: string; label: string } }) {
  const { t } = useI18n();
  return <Badge color="grape" variant="light" size="sm" title={t('as.indicatorLevel', { label: level.label })} aria-label={t('as.indicatorLevel', { label: level.label })} data-testid={`as-level-${code}`}>{level.label}</Badge>;
}

/**
 * An indicator answered through its parts (a sub-scale) that has levels of its own: its text, the
 * sum of its parts within its maximum, and the level that sum reaches, above the parts' cards.
 */
export function IndicatorHeading({ ind, points, max, level }: { ind: IndicatorDef; points: number; max: number; level: { code: string; label: string } | null }) {
  const { t } = useI18n();
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" data-testid={`as-parent-${ind.code}`}>
      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{ind.code}. {ind.text}</Text>
      <Group gap={4} wrap="nowrap">
        {ind.mandatory && <Badge color="red" variant="light" size="sm">{t('as.mandatory')}</Badge>}
        <Badge variant="light" size="sm" data-testid={`as-points-${ind.code}`}>{points}/{max}</Badge>
        {level && <LevelBadge code={ind.code} level={level} />}
      </Group>
    </Group>
  );
}

function EvidenceList({ a, code, editable }: { a: AssessmentDetail; code: string; editable: boolean }) {
  const { t } = useI18n();
  const items = a.evidence.filter((e) => e.code === code);
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const add = useAddEvidence(a.id, () => { setLabel(''); setUrl(''); setFile(null); });
  const remove = useRemoveEvidence(a.id);
  if (!editable && items.length === 0) return null;
  return (
    <Stack gap={4}>
      {items.map((e) => (
        <Group key={e.id} gap="xs" data-testid="as-evidence">
          <Text size="sm">{t('as.evidence')}:</Text>
          <Anchor size="sm" href={e.url ?? `/api/v1/files/${e.fileId}`} target="_blank" rel="noopener noreferrer">{e.label}</Anchor>
          {editable && <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(e.id)}>{t('as.evidence.remove')}</Button>}
        </Group>
      ))}
      {editable && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput size="xs" label={t('as.evidence.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} data-testid={`as-ev-label-${code}`} />
          <TextInput size="xs" label={t('as.evidence.url')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} data-testid={`as-ev-url-${code}`} />
          <FileInput size="xs" label={t('as.evidence.file')} value={file} onChange={setFile} accept="image/*,application/pdf" clearable w={200} data-testid={`as-ev-file-${code}`} />
          <Button size="xs" variant="light" loading={add.isPending} disabled={!label.trim() || (!url.trim() && !file)}
            onClick={() => add.mutate({ code, label, url: url.trim() || undefined, file: file ?? undefined })} data-testid={`as-ev-add-${code}`}>
            {t('as.evidence.add')}
          </Button>
        </Group>
      )}
      {add.error && <ErrorAlert error={add.error} />}
    </Stack>
  );
}
