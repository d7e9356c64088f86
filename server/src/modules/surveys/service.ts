import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { invalid, notFound } from '../../platform/errors.js';
import { cleanText } from '../../platform/text.js';
import type { MapPoints } from '../../../../contracts/needs.js';
import type { Survey, SurveyInput } from '../../../../contracts/surveys.js';
import * as repo from './repository.js';
import { surveyPolicy } from './policy.js';
import { hygieneService, isSchoolYear, sanitationService, waterService } from './domain.js';

export const toSurvey = (r: repo.SurveyRow): Survey => ({
  schoolYear: r.school_year,
  classroomsSolid: r.classrooms_solid, classroomsSemiSolid: r.classrooms_semi_solid, classroomsTemporary: r.classrooms_temporary, classroomsLacking: r.classrooms_lacking,
  subjectRooms: r.subject_rooms, subjectRoomsLacking: r.subject_rooms_lacking, toiletsTotal: r.toilets_total, toiletsStandard: r.toilets_standard,
  toiletsImproved: r.toilets_improved, toiletsSingleSex: r.toilets_single_sex, toiletsUsable: r.toilets_usable,
  waterSource: r.water_source as Survey['waterSource'], waterAvailable: r.water_available, handwashing: r.handwashing as Survey['handwashing'],
  electricity: r.electricity as Survey['electricity'], roadAccess: r.road_access as Survey['roadAccess'], boardingPlaces: r.boarding_places,
  semiBoardingPlaces: r.semi_boarding_places, kitchen: r.kitchen, teachingEquipment: r.teaching_equipment as Survey['teachingEquipment'],
  computers: r.computers, internet: r.internet, note: r.note,
  waterService: r.water_service, sanitationService: r.sanitation_service, hygieneService: r.hygiene_service, updatedAt: new Date(r.updated_at).toISOString(),
});

async function schoolOf(db: Db, schoolId: string) {
  const s = await repo.schoolPlace(db, schoolId);
  if (!s) throw notFound('Không tìm thấy trường');
  return s;
}

export async function surveys(db: Db, schoolId: string): Promise<Survey[]> {
  await schoolOf(db, schoolId);
  return (await repo.surveysOf(db, schoolId)).map(toSurvey);
}

/** The latest survey of a school, or null (also for a school that does not exist: the caller has found the school). */
export const latestSurvey = async (db: Db, schoolId: string): Promise<Survey | null> => {
  const r = await repo.latestSurveyOf(db, schoolId);
  return r ? toSurvey(r) : null;
};

export async function saveSurvey(db: Db, actor: Actor, schoolId: string, schoolYear: string, input: SurveyInput) {
  if (!isSchoolYear(schoolYear)) throw invalid('Năm học không hợp lệ', [{ path: 'schoolYear', message: 'Năm học có dạng 2026-2027' }]);
  if (input.toiletsStandard > input.toiletsTotal) throw invalid('Số nhà vệ sinh đạt chuẩn lớn hơn tổng số', [{ path: 'toiletsStandard', message: 'Không được lớn hơn tổng số nhà vệ sinh' }]);
  return db.tx(async (t) => {
    const s = await schoolOf(t, schoolId);
    authorize(surveyPolicy, 'write', actor, { schoolId, provinceCode: s.province_code });
    const before = await repo.surveyOf(t, schoolId, schoolYear);
    const row = await repo.upsertSurvey(t, schoolId, schoolYear, {
      classrooms_solid: input.classroomsSolid, classrooms_semi_solid: input.classroomsSemiSolid, classrooms_temporary: input.classroomsTemporary,
      classrooms_lacking: input.classroomsLacking, subject_rooms: input.subjectRooms, subject_rooms_lacking: input.subjectRoomsLacking,
      toilets_total: input.toiletsTotal, toilets_standard: input.toiletsStandard, toilets_improved: input.toiletsImproved, toilets_single_sex: input.toiletsSingleSex,
      toilets_usable: input.toiletsUsable, water_source: input.waterSource, water_available: input.waterAvailable, handwashing: input.handwashing,
      electricity: input.electricity, road_access: input.roadAccess, boarding_places: input.boardingPlaces, semi_boarding_places: input.semiBoardingPlaces,
      kitchen: input.kitchen, teaching_equipment: input.teachingEquipment, computers: input.computers, internet: input.internet, note: cleanText(input.note ?? null),
      water_service: waterService(input.waterSource, input.waterAvailable),
      sanitation_service: sanitationService(input.toiletsTotal, input.toiletsImproved, input.toiletsSingleSex, input.toiletsUsable),
      hygiene_service: hygieneService(input.handwashing),
    }, actor.userId);
    await audit(t, actor, { entity: 'facility_survey', entityId: `${schoolId}:${schoolYear}`, action: before ? 'update' : 'create', before: before ? toSurvey(before) : undefined, after: toSurvey(row) });
    return toSurvey(row);
  });
}

export async function surveyPoints(db: Db, f: { schoolYear?: string; provinceCode?: string }): Promise<MapPoints> {
  const rows = await repo.surveyPoints(db, f);
  return { fields: ['id', 'name', 'lat', 'lng', 'schoolYear', 'water', 'sanitation', 'hygiene'], rows: rows.map((r) => [r.id, r.name, r.lat, r.lng, r.school_year, r.water_service, r.sanitation_service, r.hygiene_service]) };
}
