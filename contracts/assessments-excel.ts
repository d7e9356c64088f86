/**
 * A campaign's spreadsheets and report (the reviewer's tools): the answer template of the schools
 * in scope, the import of many schools' answers at once (all rows or none), the results workbook,
 * the Decree-30 summary report of a province, and who has not submitted or not been reviewed.
 */
import { z } from 'zod';
import { endpoint, FileDownload, Id, ItemList, Page, pageQuery, ProvinceCode } from './http.js';

const tags = ['Đánh giá theo bộ chỉ số'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const AnswerImportResult = z.object({
  /** assessments whose answers were written */
  assessments: z.number(),
  /** answers written */
  answers: z.number(),
});
export type AnswerImportResult = z.infer<typeof AnswerImportResult>;

/** Completeness by reviewing organisation: the Department of a province (schools, communes) or the Ministry (Departments). */
export const ReviewerCompleteness = z.object({
  reviewerId: z.string().nullable(), reviewerName: z.string(), total: z.number(),
  notSubmitted: z.number(), notSubmittedLate: z.number(), notReviewed: z.number(), notReviewedLate: z.number(), approved: z.number(),
});
export type ReviewerCompleteness = z.infer<typeof ReviewerCompleteness>;

export const OutstandingKind = z.enum(['not_submitted', 'not_reviewed']);
export type OutstandingKind = z.infer<typeof OutstandingKind>;
export const OutstandingItem = z.object({
  assessmentId: z.string(), organisationName: z.string(), provinceCode: z.string(), provinceName: z.string(), communeName: z.string().nullable(),
  state: z.enum(['draft', 'submitted', 'returned', 'approved']), reviewerName: z.string(),
  /** past the deadline of the step it waits for */
  late: z.boolean(),
  submittedAt: z.string().nullable(),
});
export type OutstandingItem = z.infer<typeof OutstandingItem>;

const ProvinceQuery = z.object({ provinceCode: ProvinceCode.optional() });

export const assessmentsExcelApi = {
  template: endpoint({
    method: 'GET', path: '/api/v1/assessment-campaigns/:id/template', tags,
    summary: 'Tệp mẫu .xlsx để nhập câu trả lời của nhiều đơn vị: một dòng mỗi đơn vị trong phạm vi, một cột mỗi chỉ số (Sở GDĐT, Bộ)',
    params: Id, query: ProvinceQuery, responses: { 200: FileDownload }, produces: [XLSX],
  }),
  import: endpoint({
    method: 'POST', path: '/api/v1/assessment-campaigns/:id/import', tags,
    summary: 'Nhập câu trả lời của nhiều đơn vị từ tệp mẫu: kiểm tra mọi dòng, chỉ ghi khi toàn bộ tệp hợp lệ; chỉ ghi bản đang tự đánh giá hoặc bị trả lại',
    params: Id, form: z.object({}), responses: { 200: AnswerImportResult },
  }),
  results: endpoint({
    method: 'GET', path: '/api/v1/assessment-campaigns/:id/results.xlsx', tags,
    summary: 'Kết quả của đợt (.xlsx): điểm, mức theo từng nhóm và chung, trạng thái, trong phạm vi của người thẩm định',
    params: Id, query: ProvinceQuery, responses: { 200: FileDownload }, produces: [XLSX],
  }),
  report: endpoint({
    method: 'GET', path: '/api/v1/assessment-campaigns/:id/report.docx', tags,
    summary: 'Báo cáo tổng hợp đợt đánh giá của một tỉnh (.docx theo Nghị định 30/2020): số theo mức và cấp học, mức độ hoàn thành, đơn vị chưa gửi',
    params: Id, query: ProvinceQuery, responses: { 200: FileDownload }, produces: [DOCX],
  }),
  reviewers: endpoint({
    method: 'GET', path: '/api/v1/assessment-campaigns/:id/reviewers', tags,
    summary: 'Mức độ hoàn thành theo đơn vị thẩm định: chưa gửi, chưa thẩm định, quá hạn',
    params: Id, responses: { 200: ItemList(ReviewerCompleteness) },
  }),
  outstanding: endpoint({
    method: 'GET', path: '/api/v1/assessment-campaigns/:id/outstanding', tags,
    summary: 'Danh sách đơn vị chưa gửi bản tự đánh giá hoặc chưa được thẩm định (phân trang)',
    params: Id, query: z.object({ kind: OutstandingKind.default('not_submitted'), provinceCode: ProvinceCode.optional(), late: z.enum(['true', 'false']).optional(), ...pageQuery(20, 200) }),
    responses: { 200: Page(OutstandingItem) },
  }),
};
