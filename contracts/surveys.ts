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

const count = () => z.number().int().min(0);

export const SurveyInput = z.object({
  classroomsSolid: count(), classroomsSemiSolid: count(), classroomsTemporary: count(), classroomsLacking: count(),
  subjectRooms: count(), subjectRoomsLacking: count(), toiletsTotal: count(), toiletsStandard: count(),
  toiletsImproved: z.boolean(), toiletsSingleSex: z.boolean(), toiletsUsable: z.boolean(),
  waterSource: z.enum(WATER_SOURCES), waterAvailable: z.boolean(),
  handwashing: z.enum(HANDWASHING), electricity: z.enum(ELECTRICITY), roadAccess: z.enum(ROAD_ACCESS),
  boardingPlaces: count(), semiBoardingPlaces: count(), kitchen: z.boolean(), teachingEquipment: z.enum(TEACHING_EQUIPMENT),
  computers: count(), internet: z.boolean(), note: z.string().max(2000).nullable().optional(),
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
