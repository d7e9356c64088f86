/** The facility survey form: values as typed, their checks and the request they make. */
import { z } from 'zod';
import type { Survey, SurveyInput } from '../../../api/resources';
import type { TFunction } from '../../../i18n';
import { parseViInteger } from '../../../lib/format';

export const NUMBERS = ['classroomsSolid', 'classroomsSemiSolid', 'classroomsTemporary', 'classroomsLacking', 'subjectRooms', 'subjectRoomsLacking', 'toiletsTotal', 'toiletsStandard', 'boardingPlaces', 'semiBoardingPlaces', 'computers'] as const;
export const BOOLS = ['toiletsImproved', 'toiletsSingleSex', 'toiletsUsable', 'waterAvailable', 'kitchen', 'internet'] as const;
export type NumField = (typeof NUMBERS)[number];
export type BoolField = (typeof BOOLS)[number];
export type SurveyValues = Record<NumField, string> &
  Record<BoolField, boolean> &
  Pick<SurveyInput, 'waterSource' | 'handwashing' | 'electricity' | 'roadAccess' | 'teachingEquipment'> & { schoolYear: string; note: string };

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

export function surveyValues(s: Survey | undefined, schoolYear: string): SurveyValues {
  return {
    ...(Object.fromEntries(NUMBERS.map((k) => [k, s ? String(s[k]) : ''])) as Record<NumField, string>),
    ...(Object.fromEntries(BOOLS.map((k) => [k, s ? s[k] : false])) as Record<BoolField, boolean>),
    waterSource: s?.waterSource ?? 'piped',
    handwashing: s?.handwashing ?? 'water_soap',
    electricity: s?.electricity ?? 'grid',
    roadAccess: s?.roadAccess ?? 'paved',
    teachingEquipment: s?.teachingEquipment ?? 'partial',
    note: s?.note ?? '',
    schoolYear,
  };
}

/** An empty count is 0. */
const count = (s: string) => parseViInteger(s || '0');
const isCount = (s: string) => {
  const n = count(s);
  return n !== undefined && !Number.isNaN(n) && n >= 0;
};

export function surveySchema(t: TFunction) {
  const counts = Object.fromEntries(NUMBERS.map((k) => [k, z.string().refine(isCount, t('form.invalidInteger'))])) as Record<NumField, z.ZodString>;
  return z
    .object({
      ...counts,
      schoolYear: z.string().refine((y) => /^\d{4}-\d{4}$/.test(y) && Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, t('survey.yearInvalid')),
    })
    .refine((v) => !isCount(v.toiletsStandard) || !isCount(v.toiletsTotal) || count(v.toiletsStandard)! <= count(v.toiletsTotal)!, {
      path: ['toiletsStandard'],
      message: t('survey.toiletsStandardTooMany'),
    });
}

export function surveyBody(v: SurveyValues): SurveyInput {
  return {
    ...(Object.fromEntries(NUMBERS.map((k) => [k, count(v[k])!])) as Record<NumField, number>),
    ...(Object.fromEntries(BOOLS.map((k) => [k, v[k]])) as Record<BoolField, boolean>),
    waterSource: v.waterSource,
    handwashing: v.handwashing,
    electricity: v.electricity,
    roadAccess: v.roadAccess,
    teachingEquipment: v.teachingEquipment,
    note: v.note.trim() || null,
  };
}
