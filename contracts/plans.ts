/**
 * Plans and decisions, their tasks and assignments, progress updates with evidence, goals and
 * measured targets. A task's status is derived by the server for a date (`asOf`, YYYY-MM-DD;
 * today in Vietnam when absent) and never stored.
 */
import { z } from 'zod';
import { endpoint, FileDownload, IsoDate, ItemList, Page, pageQuery, uuid } from './http.js';

export const TASK_STATUSES = ['not_started', 'on_track', 'at_risk', 'overdue', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const UPDATE_STATES = ['in_progress', 'done', 'blocked'] as const;
export type UpdateState = (typeof UPDATE_STATES)[number];

export const WINDOW_KINDS = ['day', 'month', 'months', 'quarter', 'year', 'years', 'every_year', 'every_school_year', 'all_year', 'range'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export const PLAN_TYPES = ['ke_hoach', 'quyet_dinh'] as const;

/** How many tasks are in each status. */
export const StatusTally = z.object({ not_started: z.number(), on_track: z.number(), at_risk: z.number(), overdue: z.number(), done: z.number() });
export type StatusTally = z.infer<typeof StatusTally>;

export const TaskWindow = z.object({ kind: z.enum(WINDOW_KINDS), from: z.string(), to: z.string(), due: z.string().nullable() });
export type TaskWindow = z.infer<typeof TaskWindow>;

/** A unit as named on an assignment (partners). */
export const Unit = z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() });
export type Unit = z.infer<typeof Unit>;

/** A lead unit with its own status in the current period (and per year for recurring tasks). */
export const LeadUnit = Unit.extend({
  status: z.enum(TASK_STATUSES),
  period: z.string(),
  percent: z.number().nullable(),
  lastReportedOn: z.string().nullable(),
  periods: z.array(z.object({ key: z.string(), status: z.enum(TASK_STATUSES) })).nullable(),
});
export type LeadUnit = z.infer<typeof LeadUnit>;

export const Assignment = z.object({
  id: z.string(),
  leadText: z.string(),
  partnerText: z.string().nullable(),
  timeText: z.string(),
  window: TaskWindow,
  deliverables: z.array(z.string()),
  leadGroups: z.array(z.string()),
  partnerGroups: z.array(z.string()),
  leads: z.array(LeadUnit),
  partners: z.array(Unit),
  status: z.enum(TASK_STATUSES),
});
export type Assignment = z.infer<typeof Assignment>;

/**
 * A deliverable that counts itself: how many records of the register (contracts/activities.ts) of
 * the kinds it names are linked to the task and held by the date asked, against its target (null:
 * counted without a number).
 */
export const TaskRecords = z.object({ target: z.number().nullable(), kinds: z.array(z.string()), text: z.string(), count: z.number() });
export type TaskRecords = z.infer<typeof TaskRecords>;

export const Task = z.object({
  id: z.string(),
  planId: z.string(),
  planKey: z.string(),
  planNumber: z.string(),
  planTitle: z.string(),
  sectionCode: z.string().nullable(),
  sectionTitle: z.string().nullable(),
  number: z.string(),
  content: z.string(),
  legalBasis: z.string().nullable(),
  notes: z.string().nullable(),
  budget: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  /** the countable deliverable and its records; null when the task's deliverables count nothing */
  records: TaskRecords.nullable(),
  assignments: z.array(Assignment),
});
export type Task = z.infer<typeof Task>;

export const PlanHeader = z.object({
  id: z.string(),
  key: z.string(),
  number: z.string(),
  type: z.enum(PLAN_TYPES),
  title: z.string(),
  issuer: z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() }),
  signedOn: z.string().nullable(),
  place: z.string().nullable(),
  signerTitle: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  legalBases: z.array(z.string()),
  recipients: z.array(z.string()),
  /** Dated events of the plan (meetings, phases). */
  calendar: z.array(z.object({ label: z.string(), from: z.string(), to: z.string(), recurring: z.boolean() })),
  /** Rules particular to one plan (target provinces, quotas …), as its data file writes them. */
  rules: z.record(z.string(), z.unknown()).nullable(),
});
export type PlanHeader = z.infer<typeof PlanHeader>;

export const PlanSummary = PlanHeader.extend({ taskCount: z.number(), assignmentCount: z.number(), statusTally: StatusTally });
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlanTarget = z.object({
  id: z.string(),
  label: z.string(),
  targetValue: z.number().nullable(),
  unit: z.string(),
  targetDate: z.string().nullable(),
  baselineValue: z.number().nullable(),
  measuredValue: z.number().nullable(),
  measuredOn: z.string().nullable(),
  /** 'data': measured by the platform from its records at the date asked (computedFrom names how); 'hand': entered by the plan's issuer */
  source: z.enum(['hand', 'data']),
  computedFrom: z.string().nullable(),
});
export type PlanTarget = z.infer<typeof PlanTarget>;

export const PlanGoal = z.object({ id: z.string(), code: z.string(), text: z.string(), targets: z.array(PlanTarget) });
export type PlanGoal = z.infer<typeof PlanGoal>;

export const PlanSectionProgress = z.object({ code: z.string(), title: z.string(), kind: z.string(), parentCode: z.string().nullable(), taskCount: z.number(), tally: StatusTally });
export type PlanSectionProgress = z.infer<typeof PlanSectionProgress>;

export const PlanUnitProgress = z.object({ id: z.string(), name: z.string(), count: z.number(), tally: StatusTally });
export type PlanUnitProgress = z.infer<typeof PlanUnitProgress>;

export const PlanDetail = PlanHeader.extend({
  asOf: z.string(),
  sections: z.array(PlanSectionProgress),
  goals: z.array(PlanGoal),
  byUnit: z.array(PlanUnitProgress),
  tally: StatusTally,
  taskCount: z.number(),
  /** What the asker may do with this plan. */
  can: z.object({ importTasks: z.boolean(), measure: z.boolean(), report: z.boolean() }),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

export const EvidenceFile = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() });
export type EvidenceFile = z.infer<typeof EvidenceFile>;

/** A progress update of a lead unit on an assignment. */
export const TaskUpdate = z.object({
  id: z.string(),
  assignmentId: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  period: z.string(),
  state: z.enum(UPDATE_STATES),
  percent: z.number().nullable(),
  milestone: z.string().nullable(),
  note: z.string().nullable(),
  deliverables: z.array(z.string()),
  reportedOn: z.string(),
  createdAt: z.string(),
  author: z.string().nullable(),
  files: z.array(EvidenceFile),
});
export type TaskUpdate = z.infer<typeof TaskUpdate>;

export const AssignmentDetail = Assignment.extend({ can: z.object({ postUpdate: z.boolean() }) });
export type AssignmentDetail = z.infer<typeof AssignmentDetail>;

export const TaskDetail = z.object({
  task: Task.extend({ assignments: z.array(AssignmentDetail) }),
  updates: z.array(TaskUpdate),
  /** postUpdate: the asker may report on at least one of the task's assignments. */
  can: z.object({ postUpdate: z.boolean() }),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const Measurement = z.object({ id: z.string(), value: z.number(), measuredOn: z.string(), note: z.string().nullable(), recordedAt: z.string() });
export type Measurement = z.infer<typeof Measurement>;

export const MeasurementInput = z.object({
  value: z.number({ message: 'Giá trị đo phải là một số' }),
  measuredOn: IsoDate,
  note: z.string().trim().max(1000).nullable().optional(),
});
export type MeasurementInput = z.infer<typeof MeasurementInput>;

const percentField = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : v),
  z.coerce.number().int('Tỷ lệ là số nguyên').min(0, 'Tỷ lệ từ 0 đến 100').max(100, 'Tỷ lệ từ 0 đến 100').nullable().optional(),
);

/**
 * The fields of a progress update (multipart with evidence files "files", or JSON). Deliverables
 * are one per line (a JSON array is accepted too).
 */
export const UpdateFields = z.object({
  state: z.enum(UPDATE_STATES, { message: 'Trạng thái phải là in_progress, done hoặc blocked' }),
  percent: percentField,
  milestone: z.string().max(500).nullable().optional(),
  note: z.string().max(5000).nullable().optional(),
  deliverables: z.union([z.array(z.string().max(500)), z.string().max(5000)]).optional(),
  period: z.string().max(10).nullable().optional(),
  organisationId: uuid().nullable().optional(),
});
export type UpdateFields = z.infer<typeof UpdateFields>;

export const PlanTaskFilters = z.object({
  section: z.string().max(40).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(TASK_STATUSES).optional(),
  unitId: uuid().optional(),
});
export type PlanTaskFilters = z.infer<typeof PlanTaskFilters>;

// ---------- endpoints ----------

const tags = ['Kế hoạch, nhiệm vụ'] as const;
const AsOf = z.object({ asOf: IsoDate.optional() });
const IdOrKey = z.object({ id: z.string().min(1).max(100) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const plansApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/plans', tags,
    summary: 'Các kế hoạch, quyết định và tình hình thực hiện (trạng thái tính tại ngày asOf, mặc định hôm nay); .csv/.xlsx với format',
    query: AsOf.extend({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
    responses: { 200: ItemList(PlanSummary) }, produces: ['text/csv', XLSX],
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/plans/:id', tags,
    summary: 'Một kế hoạch (mã hoặc khóa): mục, mục tiêu – chỉ tiêu, tiến độ theo mục và theo đơn vị',
    params: IdOrKey, query: AsOf, responses: { 200: PlanDetail },
  }),
  tasks: endpoint({
    method: 'GET', path: '/api/v1/plans/:id/tasks', tags,
    summary: 'Nhiệm vụ của kế hoạch, theo trang (JSON), hoặc cả danh sách .csv/.xlsx: mục, số, nội dung, đơn vị chủ trì, phối hợp, thời gian, sản phẩm, trạng thái',
    params: IdOrKey,
    query: AsOf.extend(PlanTaskFilters.shape).extend({ format: z.enum(['json', 'csv', 'xlsx']).default('json'), ...pageQuery(50, 200) }),
    responses: { 200: Page(Task) }, produces: ['text/csv', XLSX],
  }),
  importTasks: endpoint({
    method: 'POST', path: '/api/v1/plans/:id/tasks/import', tags,
    summary: 'Nhập nhiệm vụ từ .xlsx/.csv với các cột của phụ lục (TT, Nội dung, Thời gian, Đơn vị chủ trì, Đơn vị phối hợp, Sản phẩm)',
    params: IdOrKey, form: z.object({}), responses: { 200: z.object({ created: z.number(), assignments: z.number() }) },
  }),
  report: endpoint({
    method: 'GET', path: '/api/v1/plans/:id/report', tags,
    summary: 'Báo cáo tiến độ kế hoạch tại một ngày: .docx theo thể thức Nghị định 30/2020/NĐ-CP hoặc .xlsx',
    params: IdOrKey, query: AsOf.extend({ format: z.enum(['docx', 'xlsx']).default('docx') }),
    responses: { 200: FileDownload }, produces: [DOCX, XLSX],
  }),
  mine: endpoint({
    method: 'GET', path: '/api/v1/tasks/mine', tags,
    summary: 'Nhiệm vụ của đơn vị tôi (hoặc của đơn vị organisationId) trên mọi kế hoạch, theo trang',
    query: AsOf.extend({ role: z.enum(['lead', 'any']).default('lead'), organisationId: uuid().optional(), status: z.enum(TASK_STATUSES).optional(), ...pageQuery(50, 200) }),
    responses: { 200: Page(Task) },
  }),
  runReminders: endpoint({
    method: 'POST', path: '/api/v1/tasks/reminders/run', tags,
    summary: 'Chạy đôn đốc ngay (quản trị): mỗi đơn vị chủ trì nhận một thông báo tổng hợp',
    responses: { 200: z.object({ units: z.number(), dueSoon: z.number(), overdue: z.number(), issuers: z.number() }) },
  }),
  overdue: endpoint({
    method: 'GET', path: '/api/v1/tasks/overdue', tags,
    summary: 'Nhiệm vụ quá hạn, theo trang',
    query: AsOf.extend({ planId: uuid().optional(), ...pageQuery(50, 200) }),
    responses: { 200: Page(Task) },
  }),
  task: endpoint({
    method: 'GET', path: '/api/v1/tasks/:id', tags,
    summary: 'Một nhiệm vụ, các dòng giao việc, tiến độ và minh chứng',
    params: z.object({ id: uuid() }), query: AsOf, responses: { 200: TaskDetail },
  }),
  postUpdate: endpoint({
    method: 'POST', path: '/api/v1/assignments/:id/updates', tags,
    summary: 'Đơn vị chủ trì báo cáo tiến độ (multipart: state, percent, milestone, note, deliverables, period, và tệp minh chứng "files")',
    params: z.object({ id: uuid() }), form: UpdateFields,
    responses: { 201: z.object({ id: z.string(), files: z.array(EvidenceFile) }) },
  }),
  recordMeasurement: endpoint({
    method: 'POST', path: '/api/v1/targets/:id/measurements', tags,
    summary: 'Ghi giá trị đo được của một chỉ tiêu',
    params: z.object({ id: uuid() }), body: MeasurementInput, responses: { 201: z.object({ id: z.string() }) },
  }),
  measurements: endpoint({
    method: 'GET', path: '/api/v1/targets/:id/measurements', tags,
    summary: 'Các giá trị đo của một chỉ tiêu theo thời gian',
    params: z.object({ id: uuid() }), responses: { 200: ItemList(Measurement) },
  }),
};
