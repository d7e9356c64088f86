import { describe, expect, it } from 'vitest';
import { SurveyInput } from '../../../../../contracts/surveys';
import { translate, type TFunction } from '../../../i18n';
import { QUESTIONS, surveyBody, surveySchema, surveyValues, unanswered, type SurveyValues } from './surveyForm';

const t: TFunction = (key, params) => translate('vi', key, params);

const answered: SurveyValues = {
  ...surveyValues(undefined, '2026-2027'),
  classroomsSolid: '0', classroomsSemiSolid: '2', classroomsTemporary: '1', classroomsLacking: '0', subjectRooms: '1', subjectRoomsLacking: '0',
  toiletsTotal: '2', toiletsStandard: '1', toiletsImproved: 'yes', toiletsSingleSex: 'no', toiletsUsable: 'yes', waterSource: 'rainwater', waterAvailable: 'no',
  handwashing: 'water_only', electricity: 'solar', roadAccess: 'seasonal', boardingPlaces: '0', semiBoardingPlaces: '1.200', kitchen: 'no', teachingEquipment: 'lacking',
  computers: '0', internet: 'no',
};

describe('facility survey form', () => {
  it('pre-fills no answer for a school year not yet surveyed', () => {
    const v = surveyValues(undefined, '2026-2027');
    expect(unanswered(v)).toEqual([...QUESTIONS]);
    for (const k of QUESTIONS) expect(v[k]).toBe('');
  });

  it('refuses an empty form with a "required" error on every question', () => {
    const r = surveySchema(t).safeParse(surveyValues(undefined, '2026-2027'));
    expect(r.success).toBe(false);
    const paths = new Set(r.error!.issues.filter((i) => i.message === 'Bắt buộc').map((i) => String(i.path[0])));
    expect([...paths].sort()).toEqual([...QUESTIONS].sort());
  });

  it('names what is still missing and sends exactly the answers given (0 and "no" are answers)', () => {
    expect(unanswered({ ...answered, kitchen: '', computers: ' ' })).toEqual(['computers', 'kitchen']);
    expect(surveySchema(t).safeParse(answered).success).toBe(true);
    const body = surveyBody(answered);
    expect(SurveyInput.parse(body)).toEqual(body);
    expect(body).toMatchObject({ classroomsSolid: 0, computers: 0, semiBoardingPlaces: 1200, toiletsImproved: true, toiletsSingleSex: false, kitchen: false, waterSource: 'rainwater', note: null });
  });

  it('keeps the answers of a saved survey as they are', () => {
    const saved = { ...surveyBody(answered), schoolYear: '2026-2027', note: null, waterService: 'limited', sanitationService: 'limited', hygieneService: 'limited', updatedAt: '2026-11-20T03:00:00Z' } as const;
    const v = surveyValues(saved, '2026-2027');
    expect(unanswered(v)).toEqual([]);
    expect(v).toMatchObject({ toiletsSingleSex: 'no', toiletsImproved: 'yes', computers: '0', semiBoardingPlaces: '1200' });
  });
});
