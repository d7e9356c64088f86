/**
 * The public portal (open data, no account) and the coordination dashboard of the Ministry and
 * Departments. Every public total is a sum of the same rows the open-data list returns.
 */
import { z } from 'zod';
import { SCHOOL_LEVELS } from './common.js';
import { endpoint, Id, ProvinceCode, uuid, VndSum } from './http.js';
import { CONTRIBUTION_STATUSES, FORMS } from './ledger.js';
import { Need, NEED_CATEGORIES, NEED_STATUSES } from './needs.js';
import { DONOR_TYPES } from './donors.js';
import { Survey } from './surveys.js';

/** Counts and sums of money (decimal strings: sums can pass 2^53 đồng). */
export const Sums = z.object({ count: z.number(), valueVnd: VndSum, receivedVnd: VndSum, acceptedVnd: VndSum });
export type Sums = z.infer<typeof Sums>;

export const PublicStats = z.object({
  totals: Sums,
  byYear: z.array(Sums.extend({ year: z.number() })),
  byProvince: z.array(Sums.extend({ provinceCode: z.string(), provinceName: z.string() })),
  byCategory: z.array(Sums.extend({ category: z.enum(NEED_CATEGORIES), categoryLabel: z.string() })),
  byForm: z.array(Sums.extend({ form: z.enum(FORMS) })),
});
export type PublicStats = z.infer<typeof PublicStats>;

/** The statuses of the open data: cancelled contributions are not in it. */
export const PUBLIC_CONTRIBUTION_STATUSES = CONTRIBUTION_STATUSES.filter((s) => s !== 'cancelled') as ['pledged', 'delivered', 'received', 'accepted'];

export const PublicContribution = z.object({
  id: z.string(),
  pledgedOn: z.string(),
  year: z.number(),
  anonymous: z.boolean(),
  contributor: z.string(),
  contributorId: z.string().nullable(),
  contributorType: z.string().nullable(),
  schoolId: z.string(),
  schoolCode: z.string(),
  schoolName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  recipient: z.string(),
  category: z.enum(NEED_CATEGORIES),
  form: z.enum(FORMS),
  description: z.string(),
  valueVnd: z.number(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  status: z.enum(PUBLIC_CONTRIBUTION_STATUSES),
  needId: z.string().nullable(),
  evidence: z.array(z.string()),
});
export type PublicContribution = z.infer<typeof PublicContribution>;

export const PublicQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  provinceCode: ProvinceCode.optional(),
  category: z.enum(NEED_CATEGORIES).optional(),
  needId: uuid().optional(),
});
export type PublicFilters = z.input<typeof PublicQuery>;

export const PublicContributionsQuery = PublicQuery.extend({
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  /** one school's public rows (its public page links to them all) */
  schoolId: uuid().optional(),
  /** one contributor's rows, without those given anonymously (a donor's public page) */
  contributorId: uuid().optional(),
});

export const PublicContributions = z.object({ items: z.array(PublicContribution), count: z.number(), totalVnd: VndSum });

export const PublicSchool = z.object({
  school: z.object({
    id: z.string(), code: z.string(), name: z.string(), levels: z.array(z.enum(SCHOOL_LEVELS)), provinceCode: z.string(), provinceName: z.string(),
    communeName: z.string(), lat: z.number().nullable(), lng: z.number().nullable(), pupils: z.number().nullable(),
  }),
  totals: Sums,
  contributions: z.array(PublicContribution),
  needs: z.array(Need),
  survey: Survey.nullable(),
});
export type PublicSchool = z.infer<typeof PublicSchool>;

export const PublicDonor = z.object({
  donor: z.object({ id: z.string(), name: z.string(), donorType: z.enum(DONOR_TYPES), website: z.string().nullable(), description: z.string().nullable() }),
  totals: Sums,
  contributions: z.array(PublicContribution),
});
export type PublicDonor = z.infer<typeof PublicDonor>;

export const Vocabulary = z.object({
  categories: z.record(z.enum(NEED_CATEGORIES), z.string()),
  forms: z.record(z.enum(FORMS), z.string()),
  needStatuses: z.record(z.enum(NEED_STATUSES), z.string()),
});

export const DashboardGroup = z.object({ count: z.number(), value: VndSum, pledged: VndSum, received: VndSum, awaitingVerification: z.number() });
export type DashboardGroup = z.infer<typeof DashboardGroup>;

export const Dashboard = z.object({
  provinceCode: z.string().nullable(),
  needsByProvince: z.array(DashboardGroup.extend({ provinceCode: z.string(), provinceName: z.string() })),
  needsByCategory: z.array(DashboardGroup.extend({ category: z.enum(NEED_CATEGORIES), categoryLabel: z.string() })),
  ledger: z.object({ pledged: VndSum, delivered: VndSum, received: VndSum, accepted: VndSum, cancelled: VndSum }),
  agreements: z.object({ count: z.number(), committed: VndSum, delivered: VndSum, behindSchedule: z.number() }),
  donorsAwaitingVetting: z.number(),
});
export type Dashboard = z.infer<typeof Dashboard>;

const tags = ['Cổng công khai'] as const;

export const portalApi = {
  stats: endpoint({
    method: 'GET', path: '/api/v1/public/stats', tags, public: true,
    summary: 'Tổng đóng góp theo năm, tỉnh, hạng mục, hình thức (tổng của đúng các dòng trong /public/contributions)',
    query: PublicQuery, responses: { 200: PublicStats },
  }),
  contributions: endpoint({
    method: 'GET', path: '/api/v1/public/contributions', tags, public: true,
    summary: 'Dữ liệu mở: các khoản đóng góp (JSON, CSV hoặc XLSX, truyền theo từng lô), không có tên trẻ em; lược đồ tại /api/v1/public/schema',
    query: PublicContributionsQuery, responses: { 200: PublicContributions },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  schema: endpoint({
    method: 'GET', path: '/api/v1/public/schema', tags, public: true,
    summary: 'Lược đồ dữ liệu mở của các khoản đóng góp (JSON Schema)',
    responses: { 200: z.record(z.string(), z.unknown()) },
  }),
  school: endpoint({
    method: 'GET', path: '/api/v1/public/schools/:id', tags, public: true,
    summary: 'Trang công khai của một trường: nhu cầu, đóng góp đã nhận, khảo sát cơ sở vật chất',
    params: Id, responses: { 200: PublicSchool },
  }),
  donor: endpoint({
    method: 'GET', path: '/api/v1/public/donors/:id', tags, public: true,
    summary: 'Trang công khai của một nhà tài trợ đã được thẩm định: các khoản đóng góp không ẩn danh',
    params: Id, responses: { 200: PublicDonor },
  }),
  vocabulary: endpoint({
    method: 'GET', path: '/api/v1/public/vocabulary', tags, public: true,
    summary: 'Nhãn tiếng Việt của hạng mục, hình thức, trạng thái',
    responses: { 200: Vocabulary },
  }),
  dashboard: endpoint({
    method: 'GET', path: '/api/v1/dashboard/resources', tags: ['Kết nối nguồn lực'],
    summary: 'Bảng điều phối: nhu cầu theo tỉnh và hạng mục, cam kết, bàn giao, nghiệm thu, văn bản ký kết, nhà tài trợ chờ thẩm định',
    query: z.object({ provinceCode: ProvinceCode.optional() }), responses: { 200: Dashboard },
  }),
};
