/** Facility surveys of schools: rooms, toilets, water, hygiene, power, access; WASH service levels on the WHO/UNICEF JMP ladders. */
import { z } from 'zod';
import { endpoint, Id, ItemList, ProvinceCode } from './http.js';
import { MapPoints } from './needs.js';

export const WATER_SOURCES = ['piped', 'protected_well', 'rainwater', 'unprotected', 'surface', 'none'] as const;
export type WaterSource = (typeof WATER_SOURCES)[number];
export const HANDWASHING = ['water_soap', 'water_only', 'none'] as const;
export type Handwashing = (typeof HANDWASHING)[number];
export const ELECTRICITY = ['grid', 'solar', 'none'] as const;
export const ROAD_ACCESS = ['paved', 'dirt', 'seasonal', 'none'] as const;
export const TEACHING_EQUIPMENT = ['sufficient', 'partial', 'lacking'] as const;
/** A rung of a JMP service ladder. */
export const SERVICE_LEVELS = ['basic', 'limited', 'none'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/** The questions of the survey, as the form names them; every one must be answered (a missing or null answer is refused by name). */
export const SURVEY_QUESTIONS = {
  classroomsSolid: 'Số phòng học kiên cố', classroomsSemiSolid: 'Số phòng học bán kiên cố', classroomsTemporary: 'Số phòng học tạm',
  classroomsLacking: 'Số phòng học còn thiếu', subjectRooms: 'Số phòng học bộ môn', subjectRoomsLacking: 'Số phòng học bộ môn còn thiếu',
  toiletsTotal: 'Tổng số nhà vệ sinh', toiletsStandard: 'Số nhà vệ sinh đạt chuẩn', toiletsImproved: 'Nhà vệ sinh hợp vệ sinh',
  toiletsSingleSex: 'Nhà vệ sinh riêng nam, nữ', toiletsUsable: 'Nhà vệ sinh dùng được', waterSource: 'Nguồn nước',
  waterAvailable: 'Có nước tại trường', handwashing: 'Chỗ rửa tay', electricity: 'Điện', roadAccess: 'Đường đến trường',
  boardingPlaces: 'Số chỗ nội trú', semiBoardingPlaces: 'Số chỗ bán trú', kitchen: 'Có bếp ăn', teachingEquipment: 'Thiết bị dạy học',
  computers: 'Số máy tính', internet: 'Có Internet',
} as const;
export type SurveyQuestion = keyof typeof SURVEY_QUESTIONS;

/** The message of a question left unanswered. */
export const unanswered = (k: SurveyQuestion) => `Chưa trả lời: ${SURVEY_QUESTIONS[k]}`;
const missing = (k: SurveyQuestion) => (iss: { input?: unknown }) => (iss.input === undefined || iss.input === null ? unanswered(k) : undefined);

/** A count explicitly given: a whole number ≥ 0 (0 only when sent). */
const count = (k: SurveyQuestion) => z.number({ error: missing(k) }).int().min(0);
const yesNo = (k: SurveyQuestion) => z.boolean({ error: missing(k) });
const choice = <T extends readonly [string, ...string[]]>(k: SurveyQuestion, values: T) => z.enum(values, { error: missing(k) });

export const SurveyInput = z.object({
  classroomsSolid: count('classroomsSolid'), classroomsSemiSolid: count('classroomsSemiSolid'), classroomsTemporary: count('classroomsTemporary'),
  classroomsLacking: count('classroomsLacking'), subjectRooms: count('subjectRooms'), subjectRoomsLacking: count('subjectRoomsLacking'),
  toiletsTotal: count('toiletsTotal'), toiletsStandard: count('toiletsStandard'),
  toiletsImproved: yesNo('toiletsImproved'), toiletsSingleSex: yesNo('toiletsSingleSex'), toiletsUsable: yesNo('toiletsUsable'),
  waterSource: choice('waterSource', WATER_SOURCES), waterAvailable: yesNo('waterAvailable'),
  handwashing: choice('handwashing', HANDWASHING), electricity: choice('electricity', ELECTRICITY), roadAccess: choice('roadAccess', ROAD_ACCESS),
  boardingPlaces: count('boardingPlaces'), semiBoardingPlaces: count('semiBoardingPlaces'), kitchen: yesNo('kitchen'),
  teachingEquipment: choice('teachingEquipment', TEACHING_EQUIPMENT), computers: count('computers'), internet: yesNo('internet'),
  note: z.string().max(2000).nullable().optional(),
});
export type SurveyInput = z.infer<typeof SurveyInput>;

export const Survey = SurveyInput.extend({
  schoolYear: z.string(),
  note: z.string().nullable(),
  waterService: z.enum(SERVICE_LEVELS),
  sanitationService: z.enum(SERVICE_LEVELS),
  hygieneService: z.enum(SERVICE_LEVELS),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof Survey>;

export const SchoolYear = z.string().regex(/^\d{4}-\d{4}$/, 'Năm học có dạng 2026-2027');

const tags = ['Kết nối nguồn lực'] as const;

export const surveysApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/schools/:id/surveys', tags, public: true,
    summary: 'Khảo sát cơ sở vật chất của trường theo năm học (mức dịch vụ nước, vệ sinh, rửa tay theo thang JMP)',
    params: Id, responses: { 200: ItemList(Survey) },
  }),
  save: endpoint({
    method: 'PUT', path: '/api/v1/schools/:id/surveys/:schoolYear', tags,
    summary: 'Ghi khảo sát cơ sở vật chất của một năm học',
    params: Id.extend({ schoolYear: SchoolYear }), body: SurveyInput, responses: { 200: Survey },
  }),
  points: endpoint({
    method: 'GET', path: '/api/v1/surveys/points', tags, public: true,
    summary: 'Lớp bản đồ: mức dịch vụ nước, vệ sinh, rửa tay của các trường',
    query: z.object({ schoolYear: SchoolYear.optional(), provinceCode: ProvinceCode.optional() }),
    responses: { 200: MapPoints },
  }),
};
