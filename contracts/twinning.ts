/**
 * Twinning (kết nghĩa): Hanoi schools or clusters paired with schools in border communes of
 * Sơn La, Lai Châu and Điện Biên; yearly plans, activities (§II of the Hanoi plan), the
 * calendar of §IV, compliance, reports due 15/12 and the Department's dashboard.
 */
import { z } from 'zod';
import { endpoint, FileDownload, ItemList, IsoDate, MapBox, MapZoom, Page, pageQuery, ProvinceCode, VndSum } from './http.js';

// ---------- vocabulary ----------

/** The kinds of activity of §II of the plan, each with its contents. */
export const ACTIVITY_KINDS = {
  material_support: ['equipment', 'textbooks', 'learning_materials', 'warm_clothes', 'necessities', 'scholarships', 'repairs'],
  professional: ['school_management', 'homeroom', 'political_ethical_education', 'teaching_methods', 'assessment', 'safe_environment', 'teacher_training_online'],
  exchange: ['culture_arts', 'sports', 'connected_classroom', 'learning_materials_sharing'],
  tradition: ['tradition_history', 'sovereignty', 'life_skills', 'counselling_career'],
} as const;
export type ActivityKind = keyof typeof ACTIVITY_KINDS;
export type SubKind = (typeof ACTIVITY_KINDS)[ActivityKind][number];
export const ACTIVITY_KIND_LIST = Object.keys(ACTIVITY_KINDS) as ActivityKind[];
export const SUB_KIND_LIST = Object.values(ACTIVITY_KINDS).flat() as SubKind[];

export const PAIR_STATUSES = ['active', 'paused', 'ended'] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];
export const ACTIVITY_MODES = ['in_person', 'online'] as const;
export type ActivityMode = (typeof ACTIVITY_MODES)[number];
export const SUPPORT_FORMS = ['money', 'in_kind'] as const;
export type SupportForm = (typeof SUPPORT_FORMS)[number];
export const REPORT_LEVELS = ['cluster', 'department'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];
export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export const SUBMISSION_STATUSES = ['not_started', 'draft', 'submitted'] as const;
export const PHASE_KEYS = ['pairing', 'review', 'activities', 'report'] as const;
export const NARRATIVE_FIELDS = ['results', 'quality', 'difficulties', 'proposals'] as const;

/** The provinces whose border communes take part (current codes): Điện Biên, Lai Châu, Sơn La. */
export const BORDER_PROVINCES = ['11', '12', '14'] as const;
export const HANOI = '01';

const ActivityKindEnum = z.enum(ACTIVITY_KIND_LIST as [ActivityKind, ...ActivityKind[]], 'Loại hoạt động không hợp lệ');
const SubKindEnum = z.enum(SUB_KIND_LIST as [SubKind, ...SubKind[]], 'Nội dung hoạt động không hợp lệ');
const Year = z.coerce.number().int('Năm không hợp lệ').min(2020, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ');
const uuid = () => z.uuid('Mã định danh không hợp lệ');

// ---------- pairs ----------

export const Pair = z.object({
  id: z.string(),
  hanoiSchoolId: z.string().nullable(),
  hanoiSchoolName: z.string().nullable(),
  hanoiClusterId: z.string().nullable(),
  hanoiClusterName: z.string().nullable(),
  /** The Hanoi school, or the cluster when the pair is on behalf of a whole cluster. */
  hanoiSide: z.string(),
  hanoiProvinceCode: z.string(),
  onBehalfOfCluster: z.boolean(),
  borderSchoolId: z.string(),
  borderSchoolName: z.string(),
  borderProvinceCode: z.string(),
  borderProvinceName: z.string(),
  borderCommuneName: z.string(),
  startYear: z.number(),
  status: z.enum(PAIR_STATUSES),
  note: z.string().nullable(),
  activitiesThisYear: z.number(),
  /** [[lng, lat] of the Hanoi school, [lng, lat] of the border school], when both are located. */
  line: z.tuple([z.tuple([z.number(), z.number()]), z.tuple([z.number(), z.number()])]).nullable(),
});
export type Pair = z.infer<typeof Pair>;

export const PairListQuery = z.object({
  year: Year.optional(),
  status: z.enum(PAIR_STATUSES).optional(),
  provinceCode: ProvinceCode.optional(),
  clusterId: uuid().optional(),
  schoolId: uuid().optional(),
  /** 'true': active pairs without an activity in the year */
  idle: z.enum(['true']).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  ...pageQuery(),
});

export const PairInput = z.object({
  hanoiSchoolId: uuid().nullable().optional(),
  hanoiClusterId: uuid().nullable().optional(),
  borderSchoolId: uuid(),
  startYear: Year,
  note: z.string().max(1000).nullable().optional(),
});
export type PairInput = z.infer<typeof PairInput>;

export const PairStatusInput = z.object({ status: z.enum(PAIR_STATUSES), reason: z.string().max(1000).nullable().optional() });

export const PlanItem = z.object({ kind: ActivityKindEnum, subKind: SubKindEnum, description: z.string(), month: z.number().nullable() });
export type PlanItem = z.infer<typeof PlanItem>;
export const PlanItemInput = z.object({
  kind: ActivityKindEnum,
  subKind: SubKindEnum,
  description: z.string().trim().min(1, 'Cần mô tả nội dung').max(1000),
  month: z.number().int().min(1).max(12).nullable().optional(),
});
export type PlanItemInput = z.infer<typeof PlanItemInput>;
export const PlanInput = z.object({ items: z.array(PlanItemInput).max(50), note: z.string().max(3000).nullable().optional() });
export const Plan = z.object({ year: z.number(), items: z.array(PlanItem), note: z.string().nullable(), updatedAt: z.string() });
export type Plan = z.infer<typeof Plan>;
export const SavedPlan = z.object({ year: z.number(), items: z.array(PlanItem), note: z.string().nullable() });

export const Activity = z.object({
  id: z.string(),
  pairId: z.string(),
  heldOn: z.string(),
  kind: ActivityKindEnum,
  subKind: z.string(),
  mode: z.enum(ACTIVITY_MODES).nullable(),
  title: z.string(),
  description: z.string().nullable(),
  teachers: z.number(),
  pupils: z.number(),
  loggedBySchoolId: z.string(),
  loggedByName: z.string(),
  confirmed: z.boolean(),
  confirmedAt: z.string().nullable(),
  confirmationNote: z.string().nullable(),
  /** Value in đồng of the support written to the ledger (not cancelled). */
  supportValue: z.number(),
  files: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Activity = z.infer<typeof Activity>;

export const PairActivity = Activity.extend({ can: z.object({ edit: z.boolean(), confirm: z.boolean() }) });
export type PairActivity = z.infer<typeof PairActivity>;

export const PairDetail = Pair.extend({
  year: z.number(),
  history: z.array(z.object({ status: z.enum(PAIR_STATUSES), reason: z.string().nullable(), at: z.string() })),
  plans: z.array(Plan),
  activities: z.array(PairActivity),
  /** What the signed-in account may do with this pair (the policy the routes enforce). */
  can: z.object({ changeStatus: z.boolean(), editPlan: z.boolean(), logActivity: z.boolean(), logSupport: z.boolean() }),
});
export type PairDetail = z.infer<typeof PairDetail>;

export const Suggestion = z.object({
  id: z.string(),
  name: z.string(),
  levels: z.array(z.string()),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeName: z.string(),
  partners: z.number(),
  levelMatch: z.boolean(),
});
export type Suggestion = z.infer<typeof Suggestion>;

/** A JSON text (a multipart field) or an object. An unreadable text is left for the schema to refuse. */
const jsonField = (v: unknown) => {
  if (typeof v !== 'string') return v || null;
  if (!v) return null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

export const SupportInput = z.object({
  form: z.enum(SUPPORT_FORMS),
  valueVnd: z.number().int('Số tiền là số nguyên (đồng)').min(0, 'Số tiền không âm').max(1e13),
  quantity: z.number().positive('Số lượng phải lớn hơn 0').nullable().optional(),
  unit: z.string().max(50).nullable().optional(),
  description: z.string().max(500).nullable().optional(),
});
export type SupportInput = z.infer<typeof SupportInput>;

/** The fields of the activity form (multipart with photos, or JSON). */
export const ActivityFields = z.object({
  heldOn: IsoDate,
  kind: ActivityKindEnum,
  subKind: z.string().min(1).max(60),
  mode: z.enum(ACTIVITY_MODES).nullable().optional(),
  title: z.string().trim().min(3, 'Cần tên hoạt động').max(300),
  description: z.string().max(5000).nullable().optional(),
  teachers: z.coerce.number().int().min(0).max(10000).default(0),
  pupils: z.coerce.number().int().min(0).max(100000).default(0),
  support: z.preprocess(jsonField, SupportInput.nullable()).optional(),
});
export type ActivityFields = z.infer<typeof ActivityFields>;

export const ConfirmFields = z.object({ note: z.string().max(1000).nullable().optional() });

// ---------- calendar, compliance ----------

export const Phase = z.object({ key: z.enum(PHASE_KEYS), label: z.string(), from: z.string(), to: z.string() });
export type Phase = z.infer<typeof Phase>;
export const Calendar = z.object({ year: z.number(), phases: z.array(Phase), reportDue: z.string() });

/** Pairs and pairs without activity of a cluster (id: the cluster, null outside one) or a province (id: its code). */
export const GroupCount = z.object({ key: z.string(), id: z.string().nullable(), pairs: z.number(), withoutActivity: z.number() });
export type GroupCount = z.infer<typeof GroupCount>;

export const Compliance = z.object({
  year: z.number(),
  /** the school year (1/9–31/8) the rule "at least one activity per school year" is checked in */
  schoolYear: z.object({ label: z.string(), from: z.string(), to: z.string() }),
  calendar: z.array(Phase),
  reportDue: z.string(),
  pairs: z.number(),
  /** how many active pairs have no activity in the school year */
  withoutActivityCount: z.number(),
  /** the first 100 of them, by the Hanoi side's name (the pairs list pages them all with idle=true) */
  withoutActivity: z.array(Pair),
  byCluster: z.array(GroupCount),
  byProvince: z.array(GroupCount),
});
export type Compliance = z.infer<typeof Compliance>;

// ---------- reports ----------

export const Figures = z.object({
  year: z.number(),
  pairs: z.number(),
  pairsActive: z.number(),
  newPairs: z.number(),
  pairsWithoutActivity: z.number(),
  activities: z.number(),
  activitiesConfirmed: z.number(),
  byKind: z.object({ material_support: z.number(), professional: z.number(), exchange: z.number(), tradition: z.number() }),
  teachers: z.number(),
  pupils: z.number(),
  /** sums of đồng (decimal strings, exact past 2^53) */
  supportValue: VndSum,
  supportByForm: z.object({ money: VndSum, in_kind: VndSum, non_material: VndSum }),
  /** Schools (both sides) taking part for the first time this year. */
  joinedSchools: z.number(),
});
export type Figures = z.infer<typeof Figures>;

export const Narrative = z.object({
  results: z.string().max(10000).default(''),
  quality: z.string().max(10000).default(''),
  difficulties: z.string().max(10000).default(''),
  proposals: z.string().max(10000).default(''),
});
export type Narrative = z.output<typeof Narrative>;
const NarrativeOut = z.object({ results: z.string(), quality: z.string(), difficulties: z.string(), proposals: z.string() });

export const Report = z.object({
  level: z.enum(REPORT_LEVELS),
  organisationId: z.string(),
  organisationName: z.string(),
  year: z.number(),
  due: z.string(),
  status: z.enum(REPORT_STATUSES),
  submittedAt: z.string().nullable(),
  narrative: NarrativeOut,
  /** Today's figures for a draft; the figures it was sent with once submitted. */
  figures: Figures,
  can: z.object({ write: z.boolean() }),
});
export type Report = z.infer<typeof Report>;

export const ReportParams = z.object({ level: z.enum(REPORT_LEVELS), orgId: uuid(), year: Year });
export const ReportInput = z.object({ narrative: Narrative, submit: z.boolean().default(false) });

export const Submission = z.object({
  organisationId: z.string(),
  name: z.string(),
  level: z.enum(REPORT_LEVELS),
  status: z.enum(SUBMISSION_STATUSES),
  submittedAt: z.string().nullable(),
  due: z.string(),
  late: z.boolean(),
});
export type Submission = z.infer<typeof Submission>;

/** From this zoom the pairs map shows every school and every pair on its own. */
export const PAIR_MAP_SINGLE_ZOOM = 11;

export const PairMapQuery = z.object({
  /** the map's zoom: schools are grouped in cells of about 40 pixels at it (default 7); from PAIR_MAP_SINGLE_ZOOM each on its own */
  zoom: MapZoom.optional(),
  /** the box on screen, "west,south,east,north" in degrees: the pairs with an end in it */
  bbox: MapBox.optional(),
});

/**
 * The live pairs on the dashboard's map, grouped on the server so that the answer grows with the
 * cells on screen, not with the pairs. `places`: the cells of located schools of live pairs, each
 * with its side, centre, how many schools, and the school's name when it holds one. `lines`: one per
 * pair of cells as [pair id when it carries one pair, Hanoi place, border place, active pairs, pairs].
 * `located`: the live pairs with both ends located, in all (the map's view aside).
 */
export const PairMap = z.object({
  places: z.array(z.object({ name: z.string().nullable(), lng: z.number(), lat: z.number(), side: z.enum(['hanoi', 'border']), schools: z.number() })),
  lines: z.array(z.tuple([z.string().nullable(), z.number(), z.number(), z.number(), z.number()])),
  located: z.number(),
});
export type PairMap = z.infer<typeof PairMap>;

/** Live pairs (not ended) of a cluster (id: the cluster, null outside one) or a border province (id: its code). */
export const LiveCount = z.object({ key: z.string(), id: z.string().nullable(), pairs: z.number() });
export type LiveCount = z.infer<typeof LiveCount>;

export const Dashboard = z.object({
  year: z.number(),
  figures: Figures,
  live: z.object({ byCluster: z.array(LiveCount), byProvince: z.array(LiveCount) }),
  compliance: z.object({ byCluster: z.array(GroupCount), byProvince: z.array(GroupCount), withoutActivity: z.number() }),
  submissions: z.array(Submission),
  calendar: z.array(Phase),
  reportDue: z.string(),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** A focal point of one of the four Departments: a role, never a person's number. */
export const FocalPoint = z.object({
  departmentId: z.string(),
  department: z.string(),
  roleTitle: z.string(),
  unit: z.string().nullable(),
  contact: z.string().nullable(),
  /** whether the asker may edit this focal point (its own Department, or an administrator) */
  can: z.object({ edit: z.boolean() }),
});
export type FocalPoint = z.infer<typeof FocalPoint>;

/** A Department's focal point for the programme: a role and its office, never a person's name. */
export const FocalPointInput = z.object({
  roleTitle: z.string().trim().min(3, 'Nhập vai trò đầu mối (ít nhất 3 ký tự)').max(200),
  unit: z.string().trim().max(200).nullable().optional(),
  contact: z.string().trim().max(200).nullable().optional(),
});
export type FocalPointInput = z.infer<typeof FocalPointInput>;

// ---------- endpoints ----------

const tags = ['Kết nghĩa'] as const;
const IdParam = z.object({ id: uuid() });
const YearQuery = z.object({ year: Year.optional() });

export const twinningApi = {
  pairs: endpoint({
    method: 'GET', path: '/api/v1/twinning/pairs', tags, public: true,
    summary: 'Các cặp kết nghĩa với hai trường, tỉnh, trạng thái và số hoạt động trong năm, mới nhất trước; phân trang bằng cursor (JSON hoặc CSV)',
    query: PairListQuery, responses: { 200: Page(Pair) }, produces: ['text/csv'],
  }),
  createPair: endpoint({
    method: 'POST', path: '/api/v1/twinning/pairs', tags,
    summary: 'Sở GDĐT Hà Nội ghép cặp một trường (hoặc một cụm) Hà Nội với một trường ở xã biên giới',
    body: PairInput, responses: { 201: Pair },
  }),
  pair: endpoint({
    method: 'GET', path: '/api/v1/twinning/pairs/:id', tags,
    summary: 'Một cặp: lịch sử, kế hoạch năm, hoạt động, những việc người dùng được làm',
    params: IdParam, query: YearQuery, responses: { 200: PairDetail },
  }),
  setPairStatus: endpoint({
    method: 'POST', path: '/api/v1/twinning/pairs/:id/status', tags,
    summary: 'Tạm dừng, tiếp tục hoặc kết thúc cặp kết nghĩa',
    params: IdParam, body: PairStatusInput, responses: { 200: Pair },
  }),
  suggestions: endpoint({
    method: 'GET', path: '/api/v1/twinning/suggestions', tags, public: true,
    summary: 'Gợi ý trường kết nghĩa: cùng cấp học trước, ít cặp kết nghĩa trước (tối đa 50)',
    query: z.object({ hanoiSchoolId: uuid(), provinceCode: ProvinceCode.optional() }),
    responses: { 200: ItemList(Suggestion) },
  }),
  savePlan: endpoint({
    method: 'PUT', path: '/api/v1/twinning/pairs/:id/plans/:year', tags,
    summary: 'Kế hoạch năm của cặp, theo các nội dung của mục II',
    params: z.object({ id: uuid(), year: Year }), body: PlanInput, responses: { 200: SavedPlan },
  }),
  logActivity: endpoint({
    method: 'POST', path: '/api/v1/twinning/pairs/:id/activities', tags,
    summary: 'Ghi hoạt động của cặp (kèm ảnh, tệp); hỗ trợ vật chất có giá trị được ghi vào sổ đóng góp',
    params: IdParam, form: ActivityFields, responses: { 201: Activity },
  }),
  confirmActivity: endpoint({
    method: 'POST', path: '/api/v1/twinning/activities/:id/confirm', tags,
    summary: 'Trường nhận xác nhận hoạt động (kèm ảnh); khoản hỗ trợ chuyển sang "trường đã nhận" (cần ảnh hoặc biên bản)',
    params: IdParam, form: ConfirmFields, responses: { 200: Activity },
  }),
  compliance: endpoint({
    method: 'GET', path: '/api/v1/twinning/compliance', tags, public: true,
    summary: 'Các cặp chưa có hoạt động trong năm học (1/9–31/8; mặc định năm học đang diễn ra của năm chương trình, hoặc schoolYear = năm bắt đầu), theo cụm và theo tỉnh; lịch của năm',
    query: YearQuery.extend({ schoolYear: Year.optional() }), responses: { 200: Compliance },
  }),
  remind: endpoint({
    method: 'POST', path: '/api/v1/twinning/compliance/remind', tags,
    summary: 'Nhắc các trường có cặp chưa có hoạt động',
    body: z.object({ year: Year }), responses: { 200: z.object({ notified: z.number(), pairs: z.number() }) },
  }),
  calendar: endpoint({
    method: 'GET', path: '/api/v1/twinning/calendar', tags, public: true,
    summary: 'Lộ trình của năm (mục IV kế hoạch)',
    query: YearQuery, responses: { 200: Calendar },
  }),
  report: endpoint({
    method: 'GET', path: '/api/v1/twinning/reports/:level/:orgId/:year', tags,
    summary: 'Báo cáo năm của cụm trường hoặc của Sở: số liệu tự tổng hợp và phần nhận định',
    params: ReportParams, responses: { 200: Report },
  }),
  saveReport: endpoint({
    method: 'PUT', path: '/api/v1/twinning/reports/:level/:orgId/:year', tags,
    summary: 'Lưu (hoặc gửi, submit=true) báo cáo năm',
    params: ReportParams, body: ReportInput, responses: { 200: Report },
  }),
  reportDocument: endpoint({
    method: 'GET', path: '/api/v1/twinning/reports/:level/:orgId/:year/document', tags,
    summary: 'Báo cáo .docx (Nghị định 30/2020) hoặc .xlsx',
    params: ReportParams, query: z.object({ format: z.enum(['docx', 'xlsx']).default('docx') }),
    responses: { 200: FileDownload },
    produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  submissions: endpoint({
    method: 'GET', path: '/api/v1/twinning/submissions', tags,
    summary: 'Tình hình gửi báo cáo: ai đã gửi, ai chậm',
    query: YearQuery, responses: { 200: ItemList(Submission) },
  }),
  dashboard: endpoint({
    method: 'GET', path: '/api/v1/twinning/dashboard', tags,
    summary: 'Bảng theo dõi của Sở: theo cụm và tỉnh, hoạt động theo loại, hỗ trợ, tuân thủ, báo cáo',
    query: YearQuery, responses: { 200: Dashboard },
  }),
  pairMap: endpoint({
    method: 'GET', path: '/api/v1/twinning/map', tags,
    summary: 'Bản đồ các cặp đang kết nghĩa của bảng theo dõi, gộp theo ô ở mức thu phóng và khung nhìn đã cho',
    query: PairMapQuery, responses: { 200: PairMap },
  }),
  focalPoints: endpoint({
    method: 'GET', path: '/api/v1/twinning/focal-points', tags, public: true,
    summary: 'Đầu mối liên hệ của bốn Sở (vai trò, không phải cá nhân)',
    responses: { 200: ItemList(FocalPoint) },
  }),
  saveFocalPoint: endpoint({
    method: 'PUT', path: '/api/v1/twinning/focal-points/:id', tags,
    summary: 'Sở sửa đầu mối liên hệ của mình cho chương trình (vai trò, phòng, liên hệ của cơ quan)',
    params: IdParam, body: FocalPointInput, responses: { 200: FocalPoint },
  }),
};
