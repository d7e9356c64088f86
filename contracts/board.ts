/**
 * The coordination board of plan 29 (seed 000 §IV.1): its members as roles with the unit each
 * represents (head, standing deputy, deputies for content and resources, members by unit, the
 * secretariat), its regulation and decisions as documents, and its yearly report (§IV.3.9-a) as
 * a Decree-30 .docx filled from the ledger, agreements, needs met and events.
 */
import { z } from 'zod';
import { endpoint, ExportFormat, FileDownload, IsoDate, ItemList, Page, pageQuery, uuid } from './http.js';

export const BOARD_ROLES = ['head', 'standing_deputy', 'deputy_content', 'deputy_resources', 'member', 'secretariat'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];
export const BOARD_ROLE_LABELS: Record<BoardRole, string> = {
  head: 'Trưởng ban', standing_deputy: 'Phó Trưởng ban thường trực', deputy_content: 'Phó Trưởng ban điều phối nội dung',
  deputy_resources: 'Phó Trưởng ban điều phối nguồn lực', member: 'Thành viên', secretariat: 'Tổ thư ký',
};
export const BOARD_DOCUMENT_KINDS = ['regulation', 'decision', 'report', 'other'] as const;
export type BoardDocumentKind = (typeof BOARD_DOCUMENT_KINDS)[number];

const OrgRef = z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable() });

export const BoardMember = z.object({ id: z.string(), role: z.enum(BOARD_ROLES), title: z.string(), unit: OrgRef, since: z.string().nullable() });
export type BoardMember = z.infer<typeof BoardMember>;
export const BoardMembers = ItemList(BoardMember).extend({ can: z.object({ keep: z.boolean(), report: z.boolean() }) });
export type BoardMembers = z.infer<typeof BoardMembers>;
export const BoardMemberInput = z.object({
  role: z.enum(BOARD_ROLES, { message: 'Vai trò không hợp lệ' }),
  organisationId: uuid(),
  title: z.string().trim().min(3, 'Cần chức danh của người đại diện').max(300),
  since: IsoDate.nullable().optional(),
});

export const BoardDocument = z.object({
  id: z.string(), kind: z.enum(BOARD_DOCUMENT_KINDS), number: z.string().nullable(), title: z.string(), issuedOn: z.string(),
  file: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type BoardDocument = z.infer<typeof BoardDocument>;
export const BoardDocumentFields = z.object({
  kind: z.enum(BOARD_DOCUMENT_KINDS, { message: 'Loại văn bản không hợp lệ' }),
  number: z.string().trim().max(100).optional(),
  title: z.string().trim().min(5, 'Tên văn bản quá ngắn').max(500),
  issuedOn: IsoDate,
});
export const DocumentQuery = z.object({ kind: z.enum(BOARD_DOCUMENT_KINDS).optional(), q: z.string().max(200).optional(), format: ExportFormat, ...pageQuery(30, 200) });
export const ReportQuery = z.object({ year: z.coerce.number().int('Năm là số nguyên').min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ') });

const tags = ['Ban điều phối'] as const;

export const boardApi = {
  members: endpoint({
    method: 'GET', path: '/api/v1/board/members', tags, summary: 'Thành viên Ban điều phối theo vai trò, với đơn vị mỗi người đại diện; điều người hỏi được làm (ghi thành viên, văn bản; lập báo cáo năm)',
    responses: { 200: BoardMembers },
  }),
  addMember: endpoint({ method: 'POST', path: '/api/v1/board/members', tags, summary: 'Ghi một thành viên Ban điều phối (Tổ thư ký, quản trị)', body: BoardMemberInput, responses: { 201: BoardMember } }),
  documents: endpoint({
    method: 'GET', path: '/api/v1/board/documents', tags, summary: 'Quy chế, quyết định, báo cáo của Ban điều phối; lọc theo loại; tìm không dấu; xuất CSV/XLSX', query: DocumentQuery, responses: { 200: Page(BoardDocument) },
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  addDocument: endpoint({
    method: 'POST', path: '/api/v1/board/documents', tags, summary: 'Lưu một văn bản của Ban điều phối (multipart: các trường, tệp "files")',
    form: BoardDocumentFields, responses: { 201: BoardDocument },
  }),
  report: endpoint({
    method: 'GET', path: '/api/v1/board/report', tags,
    summary: 'Báo cáo năm của Ban điều phối (.docx, Nghị định 30): đóng góp đã nghiệm thu, văn bản ký kết, nhu cầu được đáp ứng, hoạt động',
    query: ReportQuery, responses: { 200: FileDownload }, produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  }),
};
