import { z } from 'zod';
import { endpoint, ExportFormat, IsoDate, ItemList, Page, pageQuery } from './http.js';

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorLabel: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** An entry of the system-wide audit view: which record, who, when, what. */
export const AuditLogEntry = AuditEntry.extend({ actorId: z.string().nullable(), entity: z.string(), entityId: z.string() });
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;

const Day = IsoDate;
export const AuditLogQuery = z.object({
  actorId: z.uuid('Mã định danh không hợp lệ').optional(),
  actorEmail: z.string().trim().max(200).optional(),
  entity: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(100).optional(),
  /** days in Vietnam's time, both included */
  from: Day.optional(),
  to: Day.optional(),
  ...pageQuery(50, 200),
  format: ExportFormat,
});
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;

export const auditApi = {
  log: endpoint({
    method: 'GET', path: '/api/v1/audit/log', tags: ['Nhật ký'],
    summary: 'Nhật ký toàn hệ thống (quản trị): lọc theo người thực hiện, loại và mã bản ghi, khoảng ngày; mới nhất trước; phân trang bằng cursor; xuất CSV/XLSX',
    query: AuditLogQuery,
    responses: { 200: Page(AuditLogEntry).extend({ totalCapped: z.boolean() }) }, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
  history: endpoint({
    method: 'GET', path: '/api/v1/audit', tags: ['Nhật ký'],
    summary: 'Lịch sử thay đổi của một bản ghi (ai, khi nào, trước và sau)',
    query: z.object({ entity: z.enum(['school', 'organisation'], 'Loại bản ghi không hỗ trợ'), entityId: z.uuid('Mã định danh không hợp lệ') }),
    responses: { 200: ItemList(AuditEntry) },
  }),
};
