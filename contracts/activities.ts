/**
 * Programme work as records: one register of activities (meetings, conferences, workshops,
 * trainings, online exchanges, launches) and communication records (articles, columns, clips,
 * printed and electronic publications). A unit enters a record once; the plan tasks it serves
 * count it (a task whose deliverable is "02 lớp tập huấn" shows 1 / 2 after one training).
 * Participants are counts per group and invitations lists of organisations: never a person's name.
 */
import { z } from 'zod';
import { endpoint, ExportFormat, FileDownload, HttpUrl, Id, IsoDate, Page, pageQuery, ProvinceCode, uuid } from './http.js';

export const EVENT_KINDS = ['meeting', 'conference', 'workshop', 'training', 'online_exchange', 'launch'] as const;
export const COMMUNICATION_KINDS = ['article', 'column', 'clip', 'print_publication', 'e_publication'] as const;
export const ACTIVITY_KINDS = [...EVENT_KINDS, ...COMMUNICATION_KINDS] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_CATEGORIES = ['event', 'communication'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];
export const categoryOf = (k: ActivityKind): ActivityCategory => ((EVENT_KINDS as readonly string[]).includes(k) ? 'event' : 'communication');

/** How the official documents write each kind (exports, the server's messages). */
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  meeting: 'Hội nghị, cuộc họp', conference: 'Hội nghị', workshop: 'Hội thảo', training: 'Tập huấn, bồi dưỡng', online_exchange: 'Giao lưu trực tuyến',
  launch: 'Lễ phát động, ra mắt', article: 'Tin, bài', column: 'Chuyên mục', clip: 'Clip', print_publication: 'Ấn phẩm in', e_publication: 'Xuất bản phẩm điện tử',
};

/** planned: announced; held: took place (for communication: published); cancelled. Only held records count toward a task. */
export const ACTIVITY_STATES = ['planned', 'held', 'cancelled'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

export const PARTICIPANT_GROUPS = ['officials', 'managers', 'teachers', 'pupils', 'parents', 'donors', 'press', 'other'] as const;
export type ParticipantGroup = (typeof PARTICIPANT_GROUPS)[number];

export const ACTIVITY_FILE_KINDS = ['document', 'photo', 'recording', 'output'] as const;
export type ActivityFileKind = (typeof ACTIVITY_FILE_KINDS)[number];

const Count = z.number().int('Số người là số nguyên').min(0, 'Số người không âm').max(10_000_000);

export const Participants = z.object({
  group: z.enum(PARTICIPANT_GROUPS, { message: 'Nhóm người tham dự không hợp lệ' }),
  planned: Count.nullable().optional(),
  actual: Count.nullable().optional(),
});
export type Participants = z.infer<typeof Participants>;

export const AgendaItemInput = z.object({
  time: z.string().trim().max(60).nullable().optional(),
  content: z.string().trim().min(2, 'Cần nội dung mục chương trình').max(1000),
  responsible: z.string().trim().max(300).nullable().optional(),
  responsibleId: uuid().nullable().optional(),
  /** a signing: the agreement it signed, where one is recorded */
  agreementId: uuid().nullable().optional(),
});
export type AgendaItemInput = z.input<typeof AgendaItemInput>;

export const Evaluation = z.object({
  respondents: z.number().int().min(0).max(10_000_000).nullable().optional(),
  /** the participants' average score, 1 to 5 */
  score: z.number({ message: 'Điểm đánh giá là một số' }).min(1, 'Điểm đánh giá từ 1 đến 5').max(5, 'Điểm đánh giá từ 1 đến 5').nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});

/** A participant's own evaluation of a held activity: once per account, a score from 1 to 5 and an optional comment. */
export const FeedbackInput = z.object({
  score: z.number({ message: 'Điểm đánh giá là một số từ 1 đến 5' }).int('Điểm đánh giá là số nguyên từ 1 đến 5').min(1, 'Điểm đánh giá từ 1 đến 5').max(5, 'Điểm đánh giá từ 1 đến 5'),
  comment: z.string().trim().max(1000, 'Nhận xét tối đa 1000 ký tự').nullable().optional(),
});
export type FeedbackInput = z.input<typeof FeedbackInput>;

/** A record as entered; absent lists are empty, an absent state is 'planned' (a patch changes only what it names). */
export const ActivityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS, { message: 'Loại hoạt động không hợp lệ' }),
  state: z.enum(ACTIVITY_STATES, { message: 'Trạng thái không hợp lệ' }).optional(),
  title: z.string().trim().min(3, 'Tên hoạt động quá ngắn').max(500),
  summary: z.string().trim().max(5000).nullable().optional(),
  startsOn: IsoDate,
  endsOn: IsoDate.nullable().optional(),
  place: z.string().trim().max(300).nullable().optional(),
  link: HttpUrl.nullable().optional(),
  channel: z.string().trim().max(300).nullable().optional(),
  organiserId: uuid(),
  coOrganiserIds: z.array(uuid()).max(30, 'Tối đa 30 đơn vị phối hợp').optional(),
  provinceCode: ProvinceCode.nullable().optional(),
  audience: z.string().trim().max(1000).nullable().optional(),
  reach: z.number().int().min(0).max(1e12).nullable().optional(),
  taskIds: z.array(uuid()).max(20, 'Tối đa 20 nhiệm vụ').optional(),
  participants: z.array(Participants).max(PARTICIPANT_GROUPS.length).optional(),
  inviteeIds: z.array(uuid()).max(200, 'Tối đa 200 đơn vị được mời').optional(),
  agenda: z.array(AgendaItemInput).max(60, 'Tối đa 60 mục chương trình').optional(),
  evaluation: Evaluation.nullable().optional(),
});
export type ActivityInput = z.input<typeof ActivityInput>;
export const ActivityPatch = ActivityInput.omit({ organiserId: true }).partial().strict();
export type ActivityPatch = z.input<typeof ActivityPatch>;

const OrgRef = z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() });
export type OrgRef = z.infer<typeof OrgRef>;

export const Activity = z.object({
  id: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  category: z.enum(ACTIVITY_CATEGORIES),
  state: z.enum(ACTIVITY_STATES),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  link: z.string().nullable(),
  channel: z.string().nullable(),
  organiser: OrgRef,
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  audience: z.string().nullable(),
  reach: z.number().nullable(),
  /** participants actually present, all groups (planned when none recorded) */
  participantsActual: z.number().nullable(),
  participantsPlanned: z.number().nullable(),
  evaluationScore: z.number().nullable(),
  taskCount: z.number(),
});
export type Activity = z.infer<typeof Activity>;

export const ActivityTaskRef = z.object({ id: z.string(), number: z.string(), content: z.string(), planId: z.string(), planKey: z.string(), planNumber: z.string() });
export const ActivityFile = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), kind: z.enum(ACTIVITY_FILE_KINDS) });
export type ActivityFile = z.infer<typeof ActivityFile>;
export const AgendaItem = z.object({
  position: z.number(), time: z.string().nullable(), content: z.string(), responsible: z.string().nullable(),
  responsibleOrg: OrgRef.nullable(), agreement: z.object({ id: z.string(), title: z.string() }).nullable(),
});

export const ActivityDetail = Activity.extend({
  summary: z.string().nullable(),
  coOrganisers: z.array(OrgRef),
  invitees: z.array(OrgRef),
  tasks: z.array(ActivityTaskRef),
  participants: z.array(z.object({ group: z.enum(PARTICIPANT_GROUPS), planned: z.number().nullable(), actual: z.number().nullable() })),
  agenda: z.array(AgendaItem),
  /** the organiser's hand-entered aggregate (paper forms): respondents, average score, note */
  evaluation: z.object({ respondents: z.number().nullable(), score: z.number().nullable(), note: z.string().nullable() }),
  /**
   * the participants' own responses in the system, counted and averaged in SQL; `mine` is the
   * asker's response; `comments` (newest first, without their authors) for the organiser's side only
   */
  feedback: z.object({
    count: z.number(), average: z.number().nullable(),
    mine: z.object({ score: z.number(), comment: z.string().nullable() }).nullable(),
    comments: z.array(z.string()),
  }),
  files: z.array(ActivityFile),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean(), attach: z.boolean(), feedback: z.boolean() }),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const ActivityListQuery = z.object({
  kind: z.enum(ACTIVITY_KINDS).optional(),
  category: z.enum(ACTIVITY_CATEGORIES).optional(),
  state: z.enum(ACTIVITY_STATES).optional(),
  /** organiser or co-organiser */
  unitId: uuid().optional(),
  provinceCode: ProvinceCode.optional(),
  taskId: uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: z.string().max(200).optional(),
  format: ExportFormat,
  ...pageQuery(30, 200),
});
export type ActivityListQuery = z.input<typeof ActivityListQuery>;

/** The calendar download: upcoming events (from today unless told) by kind, unit and province. */
export const CalendarQuery = z.object({
  kind: z.enum(EVENT_KINDS, { message: 'Loại hoạt động không hợp lệ' }).optional(),
  unitId: uuid().optional(),
  provinceCode: ProvinceCode.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type CalendarQuery = z.input<typeof CalendarQuery>;

export const ActivityFileFields = z.object({ kind: z.enum(ACTIVITY_FILE_KINDS, { message: 'Loại tài liệu không hợp lệ' }).default('document') });

const tags = ['Hoạt động, truyền thông'] as const;

export const activitiesApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/activities', tags,
    summary: 'Sổ hoạt động (hội nghị, hội thảo, tập huấn, giao lưu, ra mắt) và sản phẩm truyền thông, mới nhất trước; lọc theo loại, đơn vị, tỉnh, nhiệm vụ, khoảng ngày; tìm không dấu; xuất CSV/XLSX',
    query: ActivityListQuery, responses: { 200: Page(Activity) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  calendar: endpoint({
    method: 'GET', path: '/api/v1/activities/calendar.ics', tags,
    summary: 'Lịch các hoạt động sắp tới (hội nghị, hội thảo, tập huấn, giao lưu, ra mắt) dạng iCalendar (.ics), lọc theo loại, đơn vị, tỉnh, khoảng ngày',
    query: CalendarQuery, responses: { 200: FileDownload }, produces: ['text/calendar'],
  }),
  get: endpoint({
    method: 'GET', path: '/api/v1/activities/:id', tags,
    summary: 'Một hoạt động: đơn vị tổ chức, nhiệm vụ phục vụ, thành phần, chương trình, tài liệu, đánh giá',
    params: Id, responses: { 200: ActivityDetail },
  }),
  create: endpoint({
    method: 'POST', path: '/api/v1/activities', tags,
    summary: 'Đơn vị ghi một hoạt động hoặc sản phẩm truyền thông do mình tổ chức',
    body: ActivityInput, responses: { 201: ActivityDetail },
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/v1/activities/:id', tags,
    summary: 'Sửa hoạt động (đơn vị tổ chức); đơn vị tổ chức không đổi',
    params: Id, body: ActivityPatch, responses: { 200: ActivityDetail },
  }),
  feedback: endpoint({
    method: 'POST', path: '/api/v1/activities/:id/feedback', tags,
    summary: 'Người tham dự đánh giá một hoạt động đã tổ chức (mỗi tài khoản một lần): điểm từ 1 đến 5 và nhận xét',
    params: Id, body: FeedbackInput, responses: { 201: ActivityDetail },
  }),
  attach: endpoint({
    method: 'POST', path: '/api/v1/activities/:id/files', tags,
    summary: 'Đính kèm tài liệu, ảnh, bản ghi, sản phẩm (multipart: kind, tệp "files")',
    params: Id, form: ActivityFileFields, responses: { 201: ActivityDetail },
  }),
};
