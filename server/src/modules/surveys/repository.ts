import type { Db } from '../../platform/db.js';
import type { ServiceLevel } from './domain.js';

export interface SurveyRow {
  school_year: string; classrooms_solid: number; classrooms_semi_solid: number; classrooms_temporary: number; classrooms_lacking: number;
  subject_rooms: number; subject_rooms_lacking: number; toilets_total: number; toilets_standard: number; toilets_improved: boolean;
  toilets_single_sex: boolean; toilets_usable: boolean; water_source: string; water_available: boolean; handwashing: string; electricity: string;
  road_access: string; boarding_places: number; semi_boarding_places: number; kitchen: boolean; teaching_equipment: string; computers: number;
  internet: boolean; note: string | null; water_service: ServiceLevel; sanitation_service: ServiceLevel; hygiene_service: ServiceLevel; updated_at: Date;
}

export type SurveyValues = Omit<SurveyRow, 'school_year' | 'updated_at'>;

export const schoolPlace = (db: Db, schoolId: string) =>
  db.maybeOne<{ province_code: string }>('SELECT province_code FROM school WHERE organisation_id = $1', [schoolId]);

export const surveysOf = (db: Db, schoolId: string) =>
  db.query<SurveyRow>('SELECT * FROM facility_survey WHERE school_id = $1 ORDER BY school_year DESC', [schoolId]);

/** A school's latest survey (by school year), or null. */
export const latestSurveyOf = (db: Db, schoolId: string) =>
  db.maybeOne<SurveyRow>('SELECT * FROM facility_survey WHERE school_id = $1 ORDER BY school_year DESC LIMIT 1', [schoolId]);

export const surveyOf = (db: Db, schoolId: string, schoolYear: string) =>
  db.maybeOne<SurveyRow>('SELECT * FROM facility_survey WHERE school_id = $1 AND school_year = $2', [schoolId, schoolYear]);

/** Insert or replace a school's survey of a year. */
export async function upsertSurvey(db: Db, schoolId: string, schoolYear: string, v: SurveyValues, updatedBy: string | null): Promise<SurveyRow> {
  const cols = Object.keys(v) as (keyof SurveyValues)[];
  const params = [schoolId, schoolYear, ...cols.map((c) => v[c]), updatedBy];
  return db.one<SurveyRow>(
    `INSERT INTO facility_survey (school_id, school_year, ${cols.join(', ')}, updated_by)
     VALUES ($1, $2, ${cols.map((_, i) => `$${i + 3}`).join(', ')}, $${cols.length + 3})
     ON CONFLICT (school_id, school_year) DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING *`,
    params,
  );
}

/** Schools with their latest survey's service levels, for the map layer. */
export const surveyPoints = (db: Db, f: { schoolYear?: string; provinceCode?: string }) =>
  db.query<{ id: string; name: string; lat: number; lng: number; school_year: string; water_service: string; sanitation_service: string; hygiene_service: string }>(
    `SELECT DISTINCT ON (s.organisation_id) s.organisation_id AS id, s.name, s.lat, s.lng, f.school_year, f.water_service, f.sanitation_service, f.hygiene_service
       FROM facility_survey f JOIN school s ON s.organisation_id = f.school_id
      WHERE s.lat IS NOT NULL AND ($1::text IS NULL OR f.school_year = $1) AND ($2::text IS NULL OR s.province_code = $2)
      ORDER BY s.organisation_id, f.school_year DESC`,
    [f.schoolYear ?? null, f.provinceCode ?? null],
  );
