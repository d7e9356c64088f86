import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { AssessmentDetail } from '../../../../contracts/assessments.js';
import { PREFILL_QUESTIONS, prefillValue, type PrefillQuestion, type PrefillView, type SurveyAnswers } from '../../../../contracts/assessment-prefill.js';
import { answerable } from './domain.js';
import * as repo from './repository.js';
import * as service from './service.js';

/**
 * Answers filled from the school's latest facility survey (the surveys module's table, read in
 * SQL; only the assessments' tables are written). The school's own use cases decide: reading the
 * assessment authorises the view; filling goes through `saveAnswers` (who may answer, whether it
 * is still editable, validation, points, scores) with only the empty answers, and records where
 * each came from in `assessment_prefill`.
 */
const COLUMNS: Record<PrefillQuestion, string> = {
  waterService: 'water_service', sanitationService: 'sanitation_service', hygieneService: 'hygiene_service', waterSource: 'water_source', handwashing: 'handwashing',
  waterAvailable: 'water_available', toiletsImproved: 'toilets_improved', toiletsSingleSex: 'toilets_single_sex', toiletsUsable: 'toilets_usable', kitchen: 'kitchen',
  toiletsTotal: 'toilets_total', toiletsStandard: 'toilets_standard',
};
const QUESTIONS = Object.keys(PREFILL_QUESTIONS) as PrefillQuestion[];

interface LatestSurvey { id: string; schoolYear: string; updatedAt: string; answers: SurveyAnswers }
async function latestSurvey(db: Db, organisationId: string): Promise<LatestSurvey | null> {
  const r = await db.maybeOne<Record<string, unknown> & { id: string; school_year: string; updated_at: Date }>(
    `SELECT id, school_year, updated_at, ${QUESTIONS.map((q) => COLUMNS[q]).join(', ')} FROM facility_survey WHERE school_id = $1 ORDER BY school_year DESC LIMIT 1`, [organisationId]);
  if (!r) return null;
  const answers: SurveyAnswers = {};
  for (const q of QUESTIONS) answers[q] = r[COLUMNS[q]] as string | number | boolean;
  return { id: r.id, schoolYear: r.school_year, updatedAt: new Date(r.updated_at).toISOString(), answers };
}

async function view(db: Db, a: AssessmentDetail): Promise<PrefillView> {
  const survey = await latestSurvey(db, a.organisationId);
  if (!survey) return { survey: null, items: [] };
  const filled = new Map((await db.query<{ code: string; value: unknown; school_year: string; filled_at: Date }>(
    'SELECT code, value, school_year, filled_at FROM assessment_prefill WHERE assessment_id = $1', [a.id])).map((f) => [f.code, f]));
  const saved = new Map(a.answers.map((x) => [x.code, x.value]));
  return {
    survey: { schoolYear: survey.schoolYear, updatedAt: survey.updatedAt },
    items: answerable(a.framework).flatMap((ind) => {
      const value = prefillValue(ind, survey.answers);
      if (!ind.prefill || value === undefined) return [];
      const f = filled.get(ind.code);
      // from the survey as long as the saved answer is still what the survey gave
      const still = f !== undefined && JSON.stringify(f.value) === JSON.stringify(saved.get(ind.code) ?? null);
      return [{
        code: ind.code, question: ind.prefill.question, answer: survey.answers[ind.prefill.question]!, value,
        filledAt: still ? new Date(f.filled_at).toISOString() : null, filledFrom: still ? f.school_year : null,
      }];
    }),
  };
}

export async function prefillView(db: Db, actor: Actor, clock: Clock, id: string): Promise<PrefillView> {
  return view(db, await service.getAssessment(db, actor, clock, id));
}

/** Fill the empty answers from the latest survey (an answer already given is never overwritten). */
export async function applyPrefill(db: Db, actor: Actor, clock: Clock, id: string): Promise<PrefillView> {
  return db.tx(async (t) => {
    if (!(await repo.lockAssessment(t, id))) throw notFound('Không tìm thấy bản tự đánh giá');
    const a = await service.getAssessment(t, actor, clock, id);
    const survey = await latestSurvey(t, a.organisationId);
    const given = new Set(a.answers.filter((x) => x.value !== null && x.value !== '').map((x) => x.code));
    const fill = survey
      ? answerable(a.framework).flatMap((ind) => {
        const value = ind.prefill && !given.has(ind.code) ? prefillValue(ind, survey.answers) : undefined;
        return value === undefined ? [] : [{ code: ind.code, value, question: ind.prefill!.question }];
      })
      : [];
    // the school's own rule: who may answer and whether the assessment is still editable
    const after = await service.saveAnswers(t, actor, clock, id, { answers: fill.map(({ code, value }) => ({ code, value })) });
    if (!survey) throw conflict('Trường chưa có khảo sát cơ sở vật chất để điền (hãy ghi khảo sát ở trang của trường trước)');
    if (fill.length) {
      await t.query(
        `INSERT INTO assessment_prefill (assessment_id, code, survey_id, school_year, question, value, filled_by, filled_at)
         SELECT $1, x.code, $2, $3, x.question, x.value, $4, $5 FROM jsonb_to_recordset($6::jsonb) AS x(code text, question text, value jsonb)
         ON CONFLICT (assessment_id, code) DO UPDATE SET survey_id = EXCLUDED.survey_id, school_year = EXCLUDED.school_year, question = EXCLUDED.question,
           value = EXCLUDED.value, filled_by = EXCLUDED.filled_by, filled_at = EXCLUDED.filled_at`,
        [id, survey.id, survey.schoolYear, actor.userId, clock.now(), JSON.stringify(fill)]);
      await audit(t, actor, { entity: 'assessment', entityId: id, action: 'prefill', after: { surveyId: survey.id, schoolYear: survey.schoolYear, filled: fill.map((f) => ({ code: f.code, value: f.value })) } });
    }
    return view(t, after);
  });
}
