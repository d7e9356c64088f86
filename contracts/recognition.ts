/**
 * Recognition of contributors (plan 29: seed 000 §I.1.3, §IV.3.2-b, §IV.3.6; the launch meeting's
 * item 5). Contributors are ranked from the ledger (accepted value, money and in kind); the
 * coordination board proposes a nomination list with a reason per nominee; Vụ Thi đua - Khen
 * thưởng appraises each nominee (accept, ask for more, refuse with a reason); a decision (number,
 * date, form) honours the accepted ones, each with a certificate whose verification code anyone
 * can check. The public sees only decided recognitions (the honour roll), never a nomination.
 */
import { z } from 'zod';
import { endpoint, ExportFormat, FileDownload, Id, IsoDate, Page, pageQuery, ProvinceCode, uuid, VndSum } from './http.js';

export const RECOGNITION_FORMS = ['merit_certificate', 'commemorative_medal', 'thank_you_letter'] as const;
export type RecognitionForm = (typeof RECOGNITION_FORMS)[number];
/** How the decisions write each form. */
export const RECOGNITION_FORM_LABELS: Record<RecognitionForm, string> = {
  merit_certificate: 'Bằng khen', commemorative_medal: 'Kỷ niệm chương', thank_you_letter: 'Thư cảm ơn',
};

export const LIST_STATES = ['draft', 'submitted'] as const;
export type ListState = (typeof LIST_STATES)[number];
/** proposed → accepted | more_info | refused; more_info → proposed (the board answers); accepted → honoured (a decision). */
export const NOMINEE_STATES = ['proposed', 'accepted', 'more_info', 'refused', 'honoured'] as const;
export type NomineeState = (typeof NOMINEE_STATES)[number];
export const APPRAISAL_ACTIONS = ['accept', 'ask_more', 'refuse'] as const;
export type AppraisalAction = (typeof APPRAISAL_ACTIONS)[number];

const Year = z.coerce.number().int('Năm là số nguyên').min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ');
const Form = z.enum(RECOGNITION_FORMS, { message: 'Hình thức khen thưởng không hợp lệ' });
const OrgRef = z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() });

// ---------- ranking from the ledger ----------

export const RANK_FORMS = ['money', 'in_kind'] as const;
export const ContributorRank = z.object({
  rank: z.number(),
  contributor: OrgRef,
  /** accepted value in money, in kind, and both (đồng) */
  money: VndSum,
  inKind: VndSum,
  total: VndSum,
  contributions: z.number(),
  provinces: z.number(),
});
export type ContributorRank = z.infer<typeof ContributorRank>;
export const RankQuery = z.object({
  /** year of pledge, as the ledger's summaries count */
  year: Year.optional(),
  /** a plan (programme): contributions linked to one of its tasks */
  planId: uuid().optional(),
  provinceCode: ProvinceCode.optional(),
  form: z.enum(RANK_FORMS).optional(),
  q: z.string().max(200).optional(),
  format: ExportFormat,
  ...pageQuery(30, 200),
});

// ---------- nomination lists ----------

export const NomineeInput = z.object({
  contributorId: uuid(),
  reason: z.string().trim().min(10, 'Cần nêu lý do đề nghị (ít nhất 10 ký tự)').max(2000),
  form: Form,
});
export type NomineeInput = z.input<typeof NomineeInput>;

export const ListInput = z.object({
  title: z.string().trim().min(5, 'Tên danh sách quá ngắn').max(300),
  year: Year,
  nominees: z.array(NomineeInput).max(200, 'Tối đa 200 người được đề nghị').optional(),
});
export type ListInput = z.input<typeof ListInput>;

export const Nominee = z.object({
  id: z.string(),
  listId: z.string(),
  contributor: OrgRef,
  reason: z.string(),
  form: z.enum(RECOGNITION_FORMS),
  acceptedMoney: VndSum,
  acceptedInKind: VndSum,
  state: z.enum(NOMINEE_STATES),
  appraisalNote: z.string().nullable(),
  appraisedAt: z.string().nullable(),
  decision: z.object({ id: z.string(), number: z.string(), decidedOn: z.string() }).nullable(),
  certificateCode: z.string().nullable(),
  can: z.object({ appraise: z.boolean(), respond: z.boolean(), certificate: z.boolean() }),
});
export type Nominee = z.infer<typeof Nominee>;

export const RecognitionList = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number(),
  state: z.enum(LIST_STATES),
  proposedBy: OrgRef,
  submittedAt: z.string().nullable(),
  nominees: z.number(),
  accepted: z.number(),
  honoured: z.number(),
  createdAt: z.string(),
});
export type RecognitionList = z.infer<typeof RecognitionList>;
export const ListDetail = RecognitionList.extend({
  items: z.array(Nominee),
  can: z.object({ nominate: z.boolean(), submit: z.boolean(), appraise: z.boolean(), decide: z.boolean() }),
});
export type ListDetail = z.infer<typeof ListDetail>;
export const ListQuery = z.object({
  year: Year.optional(),
  state: z.enum(LIST_STATES).optional(),
  q: z.string().max(200).optional(),
  format: ExportFormat,
  ...pageQuery(30, 200),
});

export const AppraisalInput = z.object({
  action: z.enum(APPRAISAL_ACTIONS, { message: 'Thao tác thẩm định không hợp lệ' }),
  note: z.string().trim().max(2000).nullable().optional(),
});
export const RespondInput = z.object({ reason: z.string().trim().min(10, 'Cần nêu lý do đề nghị (ít nhất 10 ký tự)').max(2000) });

// ---------- decisions ----------

export const DecisionInput = z.object({
  number: z.string().trim().min(3, 'Cần số quyết định').max(60),
  decidedOn: IsoDate,
  form: Form,
  signer: z.string().trim().max(200).nullable().optional(),
  nomineeIds: z.array(uuid()).min(1, 'Cần chọn ít nhất một người được khen thưởng').max(200),
  /** the meeting that handed it over, and its agenda item's position */
  activityId: uuid().nullable().optional(),
  agendaPosition: z.number().int().min(1).max(60).nullable().optional(),
});
export type DecisionInput = z.input<typeof DecisionInput>;

export const Honour = z.object({
  nomineeId: z.string(),
  contributor: OrgRef,
  form: z.enum(RECOGNITION_FORMS),
  decisionId: z.string(),
  decisionNumber: z.string(),
  decidedOn: z.string(),
  year: z.number(),
  certificateCode: z.string(),
});
export type Honour = z.infer<typeof Honour>;

export const Decision = z.object({
  id: z.string(),
  number: z.string(),
  decidedOn: z.string(),
  form: z.enum(RECOGNITION_FORMS),
  signer: z.string().nullable(),
  activity: z.object({ id: z.string(), title: z.string(), agendaPosition: z.number().nullable() }).nullable(),
  honoured: z.number(),
});
export type Decision = z.infer<typeof Decision>;
export const DecisionDetail = Decision.extend({ items: z.array(Honour) });
export type DecisionDetail = z.infer<typeof DecisionDetail>;
export const DecisionQuery = z.object({ activityId: uuid().optional(), year: Year.optional(), format: ExportFormat, ...pageQuery(30, 200) });

export const HonourQuery = z.object({
  year: Year.optional(),
  form: Form.optional(),
  q: z.string().max(200).optional(),
  format: ExportFormat,
  ...pageQuery(30, 200),
});

export const Verification = z.object({
  code: z.string(),
  valid: z.boolean(),
  contributorName: z.string().nullable(),
  form: z.enum(RECOGNITION_FORMS).nullable(),
  decisionNumber: z.string().nullable(),
  decidedOn: z.string().nullable(),
});
export type Verification = z.infer<typeof Verification>;
export const CodeParam = z.object({ code: z.string().trim().min(1).max(40) });

const tags = ['Tôn vinh, khen thưởng'] as const;

export const recognitionApi = {
  ranking: endpoint({
    method: 'GET', path: '/api/v1/recognition/contributors', tags,
    summary: 'Xếp hạng nhà tài trợ theo giá trị đã nghiệm thu trong sổ đóng góp (theo năm, chương trình, tỉnh; tiền và hiện vật); xuất CSV/XLSX',
    query: RankQuery, responses: { 200: Page(ContributorRank) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  lists: endpoint({
    method: 'GET', path: '/api/v1/recognition/lists', tags,
    summary: 'Danh sách đề nghị khen thưởng, tôn vinh do Ban điều phối lập; lọc theo năm, trạng thái; tìm không dấu; xuất CSV/XLSX',
    query: ListQuery, responses: { 200: Page(RecognitionList) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  createList: endpoint({
    method: 'POST', path: '/api/v1/recognition/lists', tags,
    summary: 'Ban điều phối lập danh sách đề nghị, mỗi người một lý do và hình thức đề nghị',
    body: ListInput, responses: { 201: ListDetail },
  }),
  getList: endpoint({ method: 'GET', path: '/api/v1/recognition/lists/:id', tags, summary: 'Một danh sách đề nghị và kết quả thẩm định từng người', params: Id, responses: { 200: ListDetail } }),
  addNominee: endpoint({
    method: 'POST', path: '/api/v1/recognition/lists/:id/nominees', tags,
    summary: 'Thêm người được đề nghị vào danh sách chưa gửi', params: Id, body: NomineeInput, responses: { 201: ListDetail },
  }),
  submitList: endpoint({ method: 'POST', path: '/api/v1/recognition/lists/:id/submit', tags, summary: 'Gửi danh sách đề nghị tới Vụ Thi đua - Khen thưởng', params: Id, responses: { 200: ListDetail } }),
  appraise: endpoint({
    method: 'POST', path: '/api/v1/recognition/nominees/:id/appraisal', tags,
    summary: 'Vụ Thi đua - Khen thưởng thẩm định một người được đề nghị: đồng ý, yêu cầu bổ sung, không đồng ý (nêu lý do)',
    params: Id, body: AppraisalInput, responses: { 200: Nominee },
  }),
  respond: endpoint({
    method: 'POST', path: '/api/v1/recognition/nominees/:id/respond', tags,
    summary: 'Ban điều phối bổ sung lý do đề nghị theo yêu cầu của Vụ Thi đua - Khen thưởng', params: Id, body: RespondInput, responses: { 200: Nominee },
  }),
  certificate: endpoint({
    method: 'GET', path: '/api/v1/recognition/nominees/:id/certificate', tags,
    summary: 'Giấy chứng nhận (.docx, thể thức Nghị định 30) của người được khen thưởng, có mã xác thực',
    params: Id, responses: { 200: FileDownload }, produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  }),
  decisions: endpoint({
    method: 'GET', path: '/api/v1/recognition/decisions', tags,
    summary: 'Các quyết định khen thưởng, tôn vinh đã ban hành; lọc theo hoạt động trao tặng, năm; xuất CSV/XLSX', query: DecisionQuery, responses: { 200: Page(Decision) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  getDecision: endpoint({ method: 'GET', path: '/api/v1/recognition/decisions/:id', tags, summary: 'Một quyết định và những người được khen thưởng', params: Id, responses: { 200: DecisionDetail } }),
  decide: endpoint({
    method: 'POST', path: '/api/v1/recognition/decisions', tags,
    summary: 'Vụ Thi đua - Khen thưởng ghi quyết định (số, ngày, hình thức) cho những người đã được đồng ý; cấp mã xác thực giấy chứng nhận',
    body: DecisionInput, responses: { 201: DecisionDetail },
  }),
  honourRoll: endpoint({
    method: 'GET', path: '/api/v1/public/recognition/honour-roll', tags,
    summary: 'Bảng vinh danh công khai: chỉ những người đã có quyết định khen thưởng; xuất CSV/XLSX',
    query: HonourQuery, responses: { 200: Page(Honour) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  verify: endpoint({
    method: 'GET', path: '/api/v1/public/recognition/verify/:code', tags,
    summary: 'Kiểm tra mã xác thực của giấy chứng nhận khen thưởng', params: CodeParam, responses: { 200: Verification },
  }),
};
