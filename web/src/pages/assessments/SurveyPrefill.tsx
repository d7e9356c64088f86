import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { assessmentPrefillApi, PREFILL_QUESTIONS, type PrefillItem, type PrefillQuestion, type PrefillView, type SchoolsPrefillItem } from '../../../../contracts/assessment-prefill';
import type { AssessmentDetail } from '../../../../contracts/assessments';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { useApi, useApiMutation } from '../../lib/query';
import { ASSESSMENTS } from './api';

/** Whether some indicator of the framework can take its answer from the facility survey. */
export const hasPrefill = (a: AssessmentDetail) => {
  const walk = (g: AssessmentDetail['framework']['groups'][number]): boolean =>
    g.indicators.some((i) => !!i.prefill || !!i.parts?.some((p) => !!p.prefill)) || (g.groups ?? []).some(walk);
  return a.framework.groups.some(walk);
};

export const usePrefill = (id: string, enabled: boolean) => useApi(assessmentPrefillApi.prefill, { params: { id } }, { enabled });

const SERVICE: Partial<Record<PrefillQuestion, MessageKey>> = { waterService: 'survey.service.water', sanitationService: 'survey.service.sanitation', hygieneService: 'survey.service.hygiene' };
/** "Drinking water: Basic" — the survey's question and its answer, in the reader's language. */
export function surveyAnswer(t: TFunction, item: Pick<PrefillItem, 'question' | 'answer'>): string {
  const q = SERVICE[item.question] ?? (`survey.field.${item.question}` as MessageKey);
  const kind = PREFILL_QUESTIONS[item.question];
  const a = typeof item.answer === 'boolean' ? t(item.answer ? 'as.yes' : 'as.no')
    : typeof item.answer === 'number' ? String(item.answer)
      : kind === 'boolean' || kind === 'count' ? String(item.answer)
        : SERVICE[item.question] ? t(`survey.level.${item.answer}` as MessageKey)
          : t(`survey.${item.question === 'waterSource' ? 'water' : 'handwashing'}.${item.answer}` as MessageKey);
  return `${t(q)}: ${a}`;
}

/**
 * "Fill from the facility survey": saves what is on the screen, then asks the server to fill the
 * answers still empty from the school's latest survey, and puts them in the form.
 */
export function SurveyPrefill({ a, view, beforeFill, onFilled }: {
  a: AssessmentDetail; view: PrefillView | undefined; beforeFill: () => Promise<unknown>; onFilled: (items: { code: string; value: number | boolean | null }[]) => void;
}) {
  const { t } = useI18n();
  const apply = useApiMutation<void, PrefillView>(() => call(assessmentPrefillApi.applyPrefill, { params: { id: a.id }, body: {} }), { domains: [ASSESSMENTS] });
  if (!view) return null;
  if (view.schools.length) return <SchoolsPrefill view={view} apply={apply} beforeFill={beforeFill} onFilled={onFilled} />;
  if (!view.survey) return <Text size="sm" c="dimmed" data-testid="as-prefill-none">{t('as.prefill.none')}</Text>;
  const survey = view.survey;
  return (
    <Alert color="teal" variant="light" data-testid="as-prefill">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">{t('as.prefill.offer', { year: survey.schoolYear, n: view.items.length })}</Text>
        <Button size="xs" variant="light" color="teal" loading={apply.isPending} data-testid="as-prefill-apply"
          onClick={async () => {
            await beforeFill();
            const after = await apply.mutateAsync();
            const filled = after.items.filter((i) => i.filledFrom && !view.items.find((v) => v.code === i.code)?.filledFrom);
            onFilled(after.items.filter((i) => i.filledFrom));
            notifications.show({ color: 'green', message: t('as.prefill.done', { n: filled.length, year: survey.schoolYear }) });
          }}>
          {t('as.prefill.apply')}
        </Button>
      </Group>
      {apply.error && <ErrorAlert error={apply.error} />}
    </Alert>
  );
}

/** "12 of 30 schools (40%)": where a managing body's share comes from. */
export const schoolsSource = (t: TFunction, i: Pick<SchoolsPrefillItem, 'count' | 'total' | 'year' | 'value'>) =>
  t('as.prefill.schoolsSource', { count: i.count, total: i.total, year: i.year, value: i.value ?? 0 });

/**
 * A Department's shares of its schools' results (Quyết định 3806): each indicator with its "x of y
 * schools", and the button that fills the empty ones (saving what is on the screen first).
 */
function SchoolsPrefill({ view, apply, beforeFill, onFilled }: {
  view: PrefillView; apply: ReturnType<typeof useApiMutation<void, PrefillView>>;
  beforeFill: () => Promise<unknown>; onFilled: (items: { code: string; value: number | boolean | null }[]) => void;
}) {
  const { t } = useI18n();
  const year = view.schools[0]!.year;
  const counted = view.schools.filter((i) => i.total > 0);
  return (
    <Alert color="teal" variant="light" data-testid="as-prefill-schools">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">{counted.length ? t('as.prefill.schoolsOffer', { year, n: counted.length }) : t('as.prefill.schoolsNone', { year })}</Text>
        {counted.length > 0 && (
          <Button size="xs" variant="light" color="teal" loading={apply.isPending} data-testid="as-prefill-schools-apply"
            onClick={async () => {
              await beforeFill();
              const after = await apply.mutateAsync();
              const filled = after.schools.filter((i) => i.filledFrom && !view.schools.find((v) => v.code === i.code)?.filledFrom);
              onFilled(after.schools.filter((i) => i.filledFrom));
              notifications.show({ color: 'green', message: t('as.prefill.schoolsDone', { n: filled.length, year }) });
            }}>
            {t('as.prefill.schoolsApply')}
          </Button>
        )}
      </Group>
      {counted.map((i) => <Text key={i.code} size="xs" data-testid={`as-prefill-schools-${i.code}`}>{i.code}: {schoolsSource(t, i)}</Text>)}
      {apply.error && <ErrorAlert error={apply.error} />}
    </Alert>
  );
}
