/** The facility survey form: values as typed, their checks and the request they make. */
import { z } from 'zod';
import type { Survey, SurveyInput } from '../../../api/resources';
import type { TFunction } from '../../../i18n';
import { parseViInteger } from '../../../lib/format';

export const NUMBERS = ['classroomsSolid', 'classroomsSemiSolid', 'classroomsTemporary', 'classroomsLacking', 'subjectRooms', 'subjectRoomsLacking', 'toiletsTotal', 'toiletsStandard', 'boardingPlaces', 'semiBoardingPlaces', 'computers'] as const;
export const BOOLS = ['toiletsImproved', 'toiletsSingleSex', 'toiletsUsable', 'waterAvailable', 'kitchen', 'internet'] as const;
export type NumField = (typeof NUMBERS)[number];
export type BoolField = (typeof BOOLS)[number];
export type ChoiceField = 'waterSource' | 'handwashing' | 'electricity' | 'roadAccess' | 'teachingEquipment';
/** A yes/no answer: '' until the school answers. */
export type YesNo = '' | 'yes' | 'no';
/** Every answer as typed: '' is no answer (nothing is pre-filled). */
export type SurveyValues = Record<NumField, string> & Record<BoolField, YesNo> & Record<ChoiceField, string> & { schoolYear: string; note: string };
/** Every question, in the order of the form. */
export const QUESTIONS = ['classroomsSolid', 'classroomsSemiSolid', 'classroomsTemporary', 'classroomsLacking', 'subjectRooms', 'subjectRoomsLacking', 'toiletsTotal', 'toiletsStandard', 'waterSource', 'handwashing', 'toiletsImproved', 'toiletsSingleSex', 'toiletsUsable', 'waterAvailable', 'electricity', 'roadAccess', 'teachingEquipment', 'boardingPlaces', 'semiBoardingPlaces', 'computers', 'kitchen', 'internet'] as const;
export type Question = (typeof QUESTIONS)[number];

export const CHOICES = {
  waterSource: ['piped', 'protected_well', 'rainwater', 'unprotected', 'surface', 'none'],
  handwashing: ['water_soap', 'water_only', 'none'],
  electricity: ['grid', 'solar', 'none'],
  roadAccess: ['paved', 'dirt', 'seasonal', 'none'],
  teachingEquipment: ['sufficient', 'partial', 'lacking'],
} as const;

/** The school year now: it starts in September (August counted forward), e.g. "2026-2027". */
export function currentSchoolYear(): string {
  const d = new Date();
  const y = d.getMonth() >= 7 ? d.getFullYear() : d.getFullYear() - 1;
  return `${y}-${y + 1}`;
}

/** The form's values: the answers of the survey of that school year if there is one, otherwise none. */
export function surveyValues(s: Survey | undefined, schoolYear: string): SurveyValues {
  return {
    ...(Object.fromEntries(NUMBERS.map((k) => [k, s ? String(s[k]) : ''])) as Record<NumField, string>),
    ...(Object.fromEntries(BOOLS.map((k) => [k, s ? (s[k] ? 'yes' : 'no') : ''])) as Record<BoolField, YesNo>),
    waterSource: s?.waterSource ?? '',
    handwashing: s?.handwashing ?? '',
    electricity: s?.electricity ?? '',
    roadAccess: s?.roadAccess ?? '',
    teachingEquipment: s?.teachingEquipment ?? '',
    note: s?.note ?? '',
    schoolYear,
  };
}

const count = (s: string) => parseViInteger(s.trim());
const isCount = (s: string) => {
  const n = count(s);
  return n !== undefined && !Number.isNaN(n) && Number.isInteger(n) && n >= 0;
};

/** The questions left unanswered, in the order of the form. */
export function unanswered(v: SurveyValues): Question[] {
  return QUESTIONS.filter((k) => String(v[k] ?? '').trim() === '');
}

export function surveySchema(t: TFunction) {
  const required = t('form.required');
  const counts = Object.fromEntries(
    NUMBERS.map((k) => [k, z.string().refine((s) => s.trim() !== '', required).refine((s) => s.trim() === '' || isCount(s), t('form.invalidInteger'))]),
  ) as Record<NumField, z.ZodString>;
  const answers = Object.fromEntries([...BOOLS, ...(Object.keys(CHOICES) as ChoiceField[])].map((k) => [k, z.string().refine((s) => s !== '', required)])) as Record<BoolField | ChoiceField, z.ZodString>;
  return z
    .object({
      ...counts,
      ...answers,
      schoolYear: z.string().refine((y) => /^\d{4}-\d{4}$/.test(y) && Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, t('survey.yearInvalid')),
    })
    .refine((v) => !isCount(v.toiletsStandard) || !isCount(v.toiletsTotal) || count(v.toiletsStandard)! <= count(v.toiletsTotal)!, {
      path: ['toiletsStandard'],
      message: t('survey.toiletsStandardTooMany'),
    });
}

/** The request of a form whose every answer is given (the schema checked it). */
export function surveyBody(v: SurveyValues): SurveyInput {
  return {
    ...(Object.fromEntries(NUMBERS.map((k) => [k, count(v[k])!])) as Record<NumField, number>),
    ...(Object.fromEntries(BOOLS.map((k) => [k, v[k] === 'yes'])) as Record<BoolField, boolean>),
    waterSource: v.waterSource as SurveyInput['waterSource'],
    handwashing: v.handwashing as SurveyInput['handwashing'],
    electricity: v.electricity as SurveyInput['electricity'],
    roadAccess: v.roadAccess as SurveyInput['roadAccess'],
    teachingEquipment: v.teachingEquipment as SurveyInput['teachingEquipment'],
    note: v.note.trim() || null,
  };
}
