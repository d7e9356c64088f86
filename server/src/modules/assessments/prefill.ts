import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { AssessmentDetail } from '../../../../contracts/assessments.js';
import { PREFILL_QUESTIONS, prefillValue, schoolShare, type PrefillQuestion, type PrefillView, type SchoolsPrefillItem, type SchoolsPrefillRule, type SurveyAnswers } from '../../../../contracts/assessment-prefill.js';
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

/**
 * The managing body's indicators taken from its schools' results (Quyết định 3806): for each, the
 * schools of the assessment's province in the campaigns of the rule's framework of the same year,
 * and those of them whose approved (reviewed) result is one of the rule's results; a school in two
 * such campaigns counts once.
 */
async function schoolCounts(db: Db, a: AssessmentDetail): Promise<Omit<SchoolsPrefillItem, 'filledAt' | 'filledFrom'>[]> {
  const rules = answerable(a.framework).flatMap((ind) => (ind.prefill?.survey === 'schools' ? [{ code: ind.code, rule: ind.prefill as SchoolsPrefillRule }] : []));
  const out: Omit<SchoolsPrefillItem, 'filledAt' | 'filledFrom'>[] = [];
  for (const { code, rule } of rules) {
    const r = await db.one<{ total: number; n: number }>(
      `SELECT count(DISTINCT s.organisation_id)::int AS total,
              count(DISTINCT s.organisation_id) FILTER (WHERE s.state = 'approved' AND s.reviewed_result = ANY($4::text[]))::int AS n
         FROM assessment s
         JOIN assessment_campaign c ON c.id = s.campaign_id
         JOIN assessment_framework_version v ON v.id = c.version_id
         JOIN assessment_framework f ON f.id = v.framework_id
        WHERE f.key = $1 AND c.year = $2 AND s.province_code = $3`,
      [rule.framework, a.year, a.provinceCode, rule.results]);
    out.push({ code, framework: rule.framework, year: a.year, results: rule.results, count: r.n, total: r.total, value: schoolShare(r.n, r.total) });
  }
  return out;
}

async function view(db: Db, a: AssessmentDetail): Promise<PrefillView> {
  const facility = answerable(a.framework).some((ind) => ind.prefill?.survey === 'facility');
  const survey = facility ? await latestSurvey(db, a.organisationId) : null;
  const counts = await schoolCounts(db, a);
  if (!survey && !counts.length) return { survey: null, items: [], schools: [] };
  const filled = new Map((await db.query<{ code: string; value: unknown; school_year: string; filled_at: Date }>(
    'SELECT code, value, school_year, filled_at FROM assessment_prefill WHERE assessment_id = $1', [a.id])).map((f) => [f.code, f]));
  const saved = new Map(a.answers.map((x) => [x.code, x.value]));
  const schools = counts.map((c): SchoolsPrefillItem => {
    const f = filled.get(c.code);
    const still = f !== undefined && JSON.stringify(f.value) === JSON.stringify(saved.get(c.code) ?? null);
    return { ...c, filledAt: still ? new Date(f.filled_at).toISOString() : null, filledFrom: still ? f.school_year : null };
  });
  if (!survey) return { survey: null, items: [], schools };
  return {
    schools,
    survey: { schoolYear: survey.schoolYear, updatedAt: survey.updatedAt },
    items: answerable(a.framework).flatMap((ind) => {
      const value = prefillValue(ind, survey.answers);
      if (ind.prefill?.survey !== 'facility' || value === undefined) return [];
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

/** Fill the empty answers from the latest survey, or from the schools' results (an answer already given is never overwritten). */
export async function applyPrefill(db: Db, actor: Actor, clock: Clock, id: string): Promise<PrefillView> {
  return db.tx(async (t) => {
    if (!(await repo.lockAssessment(t, id))) throw notFound('Không tìm thấy bản tự đánh giá');
    const a = await service.getAssessment(t, actor, clock, id);
    const counts = await schoolCounts(t, a);
    const facility = answerable(a.framework).some((ind) => ind.prefill?.survey === 'facility') || !counts.length;
    const survey = facility ? await latestSurvey(t, a.organisationId) : null;
    const given = new Set(a.answers.filter((x) => x.value !== null && x.value !== '').map((x) => x.code));
    const fill = survey
      ? answerable(a.framework).flatMap((ind) => {
        const value = ind.prefill?.survey === 'facility' && !given.has(ind.code) ? prefillValue(ind, survey.answers) : undefined;
        return value === undefined || ind.prefill?.survey !== 'facility' ? [] : [{ code: ind.code, value, question: ind.prefill.question }];
      })
      : [];
    const fromSchools = counts.filter((c) => c.value !== null && !given.has(c.code));
    // the organisation's own rule: who may answer and whether the assessment is still editable
    const after = await service.saveAnswers(t, actor, clock, id, { answers: [...fill, ...fromSchools].map(({ code, value }) => ({ code, value })) });
    if (counts.length && !counts.some((c) => c.total > 0) && !survey) {
      throw conflict(`Chưa có trường nào của tỉnh trong đợt đánh giá ${counts[0]!.framework} năm ${a.year} để tính tỉ lệ`);
    }
    if (!survey && !counts.length) throw conflict('Trường chưa có khảo sát cơ sở vật chất để điền (hãy ghi khảo sát ở trang của trường trước)');
    if (fromSchools.length) {
      await t.query(
        `INSERT INTO assessment_prefill (assessment_id, code, survey_id, school_year, question, value, filled_by, filled_at)
         SELECT $1, x.code, NULL, $2, x.question, x.value, $3, $4 FROM jsonb_to_recordset($5::jsonb) AS x(code text, question text, value jsonb)
         ON CONFLICT (assessment_id, code) DO UPDATE SET survey_id = NULL, school_year = EXCLUDED.school_year, question = EXCLUDED.question,
           value = EXCLUDED.value, filled_by = EXCLUDED.filled_by, filled_at = EXCLUDED.filled_at`,
        // the source's year where a survey's school year goes; the question names the framework and the results counted
        [id, String(a.year), actor.userId, clock.now(), JSON.stringify(fromSchools.map((c) => ({ code: c.code, value: c.value, question: `schools:${c.framework}:${c.results.join(',')}` })))]);
      await audit(t, actor, { entity: 'assessment', entityId: id, action: 'prefill', after: { schools: fromSchools.map((c) => ({ code: c.code, value: c.value, count: c.count, total: c.total, framework: c.framework, year: c.year })) } });
    }
    if (survey && fill.length) {
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
