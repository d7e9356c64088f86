/** Needs ("điều ước"): what a school lacks, verified by its Department, published, met from the ledger. */
import { z } from 'zod';
import { AREA_FLAGS, SCHOOL_LEVELS } from './common.js';
import { VETTING_STATUSES } from './donors.js';
import { endpoint, ExportFormat, Id, ItemList, MapBox, MapZoom, Page, pageQuery, ProvinceCode, CommuneCode, uuid, Vnd, VndSum } from './http.js';

export const NEED_CATEGORIES = [
  'classroom', 'subject_room', 'toilet', 'clean_water', 'equipment', 'boarding', 'electricity', 'road', 'transport',
  'meals', 'books', 'warm_clothes', 'scholarship', 'learning_software', 'teacher_training',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The stored states of a need. */
export const NEED_STATES = ['draft', 'submitted', 'returned', 'verified', 'published', 'accepted', 'closed', 'withdrawn'] as const;
export type NeedState = (typeof NEED_STATES)[number];
/** What people see: the stored state, refined by the ledger once published. */
export const NEED_STATUSES = [...NEED_STATES, 'partly_pledged', 'fully_pledged', 'delivered'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const NEED_ACTIONS = ['submit', 'verify', 'return', 'publish', 'accept', 'close', 'withdraw'] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

/** A stored file shown with a need or a contribution (photo, evidence of receipt or acceptance). */
export const FileRef = z.object({ id: z.string(), name: z.string(), mime: z.string() });
export type FileRef = z.infer<typeof FileRef>;

export const Need = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  schoolCode: z.string(),
  schoolLevels: z.array(z.enum(SCHOOL_LEVELS)),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  communeFlags: z.array(z.enum(AREA_FLAGS)),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  category: z.enum(NEED_CATEGORIES),
  title: z.string(),
  description: z.string().nullable(),
  quantity: z.number(),
  unit: z.string(),
  estimatedCost: z.number(),
  priority: z.enum(PRIORITIES),
  state: z.enum(NEED_STATES),
  status: z.enum(NEED_STATUSES),
  statusLabel: z.string(),
  returnReason: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  acceptanceNote: z.string().nullable(),
  /** pledges not cancelled, in money or in kind */
  pledgeCount: z.number(),
  /** the share of the need covered by pledges (and by receipts), 0..1: a quantity pledge by its quantity, a money pledge by its amount of the estimated cost */
  pledgedShare: z.number(),
  receivedShare: z.number(),
  pledgedQuantity: z.number(),
  /** sums of the ledger's rows (decimal strings, exact past 2^53) */
  pledgedValue: VndSum,
  receivedQuantity: z.number(),
  receivedValue: VndSum,
  remainingQuantity: z.number(),
  remainingValue: z.number(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  photos: z.array(FileRef),
  acceptanceEvidence: z.array(FileRef),
});
export type Need = z.infer<typeof Need>;

export const NeedEvent = z.object({
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
  /** who acted; hidden from the public */
  actor: z.string().nullable(),
});

export const NeedDetail = Need.extend({
  history: z.array(NeedEvent),
  /** a signed-in donor not yet allowed to pledge: its vetting (the page says so instead of showing the form); null otherwise */
  pledgeVetting: z.enum(VETTING_STATUSES).nullable(),
  can: z.object({
    edit: z.boolean(), submit: z.boolean(), return: z.boolean(), verify: z.boolean(), publish: z.boolean(),
    accept: z.boolean(), close: z.boolean(), withdraw: z.boolean(),
    /** pledge in one's own name on this need (a donor; false for the public, who sign in first) */
    pledge: z.boolean(),
    /** record a contribution on a donor's behalf for this need (national accounts, the need's Department) */
    recordOnBehalf: z.boolean(),
  }),
});
export type NeedDetail = z.infer<typeof NeedDetail>;

/** urgency: open needs first, most urgent first; remaining: largest value open first; recent: newest first; waiting: longest waiting in its step first (queues) */
export const NEED_SORTS = ['urgency', 'remaining', 'recent', 'waiting'] as const;
export type NeedSort = (typeof NEED_SORTS)[number];

export const NeedFilter = z.object({
  scope: z.enum(['public', 'mine']).default('public'),
  status: z.enum(NEED_STATES).optional(),
  open: z.enum(['true', 'false']).optional(),
  provinceCode: ProvinceCode.optional(),
  communeCode: CommuneCode.optional(),
  category: z.enum(NEED_CATEGORIES).optional(),
  level: z.enum(SCHOOL_LEVELS).optional(),
  flag: z.enum(AREA_FLAGS).optional(),
  schoolId: uuid().optional(),
  q: z.string().max(200).optional(),
});

export const NeedListQuery = NeedFilter.extend({
  sort: z.enum(NEED_SORTS).default('urgency'),
  ...pageQuery(30, 200),
  format: ExportFormat,
});
export type NeedListQuery = z.input<typeof NeedListQuery>;

export const NeedPointsQuery = NeedFilter.pick({ provinceCode: true, communeCode: true, category: true, level: true, flag: true, status: true, q: true, open: true }).extend({
  /** the map's zoom: needs are clustered in cells of about 40 pixels at it (default 5, the whole country) */
  zoom: MapZoom.optional(),
  /** the box on screen, "west,south,east,north" in degrees */
  bbox: MapBox.optional(),
});

/** A compact map layer: the column names once, then one array per point. */
export const MapPoints = z.object({ fields: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))) });
export type MapPoints = z.infer<typeof MapPoints>;

export const NeedInput = z.object({
  schoolId: uuid(),
  category: z.enum(NEED_CATEGORIES),
  title: z.string().trim().min(3, 'Nội dung quá ngắn').max(300),
  description: z.string().max(5000).nullable().optional(),
  quantity: z.number().positive('Số lượng phải lớn hơn 0').max(1e9),
  unit: z.string().trim().min(1, 'Cần đơn vị tính').max(50),
  estimatedCost: Vnd,
  priority: z.enum(PRIORITIES),
});
export type NeedInput = z.infer<typeof NeedInput>;
/** A change to a need; its school never changes (a field the route does not change is refused, not ignored). */
export const NeedPatch = NeedInput.omit({ schoolId: true }).partial().strict();
export type NeedPatch = z.infer<typeof NeedPatch>;

export const NeedTransition = z.object({
  action: z.enum(NEED_ACTIONS, { message: 'Thao tác không hợp lệ' }),
  reason: z.string().max(2000).nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
  /** with verify: publish at once (the Department's choice); a form sends "true"/"false" */
  publish: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
});
export type NeedTransition = z.infer<typeof NeedTransition>;

// ---------- endpoints ----------

const tags = ['Kết nối nguồn lực'] as const;

export const needsApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/needs', tags, public: true,
    summary: 'Nhu cầu ("điều ước"): công khai với mọi người khi đã công bố; lọc theo tỉnh, xã, hạng mục, cấp học, đặc điểm địa bàn; tìm không dấu; sắp theo mức cấp thiết hoặc giá trị còn thiếu; xuất CSV/XLSX',
    query: NeedListQuery,
    // a count past NEED_COUNT_CAP stops there ("more than 1,000 needs"): beyond, a filter narrows it
    responses: { 200: Page(Need).extend({ totalCapped: z.boolean() }) }, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  points: endpoint({
    method: 'GET', path: '/api/v1/needs/points', tags, public: true,
    summary: 'Nhu cầu trên bản đồ (đang kêu gọi, đã có cam kết, đã đáp ứng)',
    query: NeedPointsQuery, responses: { 200: MapPoints },
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/needs/:id', tags, public: true,
    summary: 'Một nhu cầu: ảnh, tiến độ, cam kết, lịch sử',
    params: Id, responses: { 200: NeedDetail },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/needs', tags,
    summary: 'Trường (hoặc Sở thay trường) ghi nhu cầu, ở trạng thái nháp',
    body: NeedInput, responses: { 201: Need },
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/v1/needs/:id', tags,
    summary: 'Sửa nhu cầu nháp hoặc bị trả lại',
    params: Id, body: NeedPatch, responses: { 200: Need },
  }),
  addPhotos: endpoint({
    method: 'POST', path: '/api/v1/needs/:id/photos', tags,
    summary: 'Thêm ảnh (JPG, PNG, WEBP; tối đa 5 MB mỗi ảnh, 10 ảnh)',
    params: Id, form: z.object({}), responses: { 201: ItemList(FileRef) },
  }),
  transition: endpoint({
    method: 'POST', path: '/api/v1/needs/:id/transitions', tags,
    summary: 'Chuyển trạng thái nhu cầu: submit, verify, return (kèm lý do), publish, accept (nghiệm thu, kèm minh chứng), close, withdraw (kèm lý do)',
    params: Id, form: NeedTransition, responses: { 200: Need },
  }),
};
