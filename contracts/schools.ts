import { z } from 'zod';
import { AREA_FLAGS, OWNERSHIPS, SCHOOL_LEVELS } from './common.js';

export const SchoolInput = z.object({
  code: z.string().trim().min(1, 'Mã trường là bắt buộc').max(40),
  name: z.string().trim().min(2, 'Tên trường là bắt buộc').max(300),
  levels: z.array(z.enum(SCHOOL_LEVELS)).min(1, 'Cần ít nhất một cấp học'),
  ownership: z.enum(OWNERSHIPS),
  address: z.string().trim().max(500).nullable().optional(),
  communeCode: z.string().regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số'),
  lat: z.number().min(8.0).max(23.5).nullable().optional(),
  lng: z.number().min(102.0).max(117.9).nullable().optional(),
  pupils: z.number().int().min(0).max(20000).nullable().optional(),
  staff: z.number().int().min(0).max(2000).nullable().optional(),
  clusterId: z.string().uuid().nullable().optional(),
});
export type SchoolInput = z.infer<typeof SchoolInput>;
export const SchoolPatch = SchoolInput.partial();

export const School = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  levels: z.array(z.enum(SCHOOL_LEVELS)),
  ownership: z.enum(OWNERSHIPS),
  address: z.string().nullable(),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  communeFlags: z.array(z.enum(AREA_FLAGS)),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  pupils: z.number().nullable(),
  staff: z.number().nullable(),
  clusterId: z.string().nullable(),
  clusterName: z.string().nullable(),
  updatedAt: z.string(),
});
export type School = z.infer<typeof School>;

export const SchoolListQuery = z.object({
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  communeCode: z.string().regex(/^\d{5}$/).optional(),
  level: z.enum(SCHOOL_LEVELS).optional(),
  ownership: z.enum(OWNERSHIPS).optional(),
  flag: z.enum(AREA_FLAGS).optional(),
  clusterId: z.string().uuid().optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export type SchoolListQuery = z.infer<typeof SchoolListQuery>;
