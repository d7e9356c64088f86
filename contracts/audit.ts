import { z } from 'zod';
import { endpoint, ItemList } from './http.js';

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

export const auditApi = {
  history: endpoint({
    method: 'GET', path: '/api/v1/audit', tags: ['Nhật ký'],
    summary: 'Lịch sử thay đổi của một bản ghi (ai, khi nào, trước và sau)',
    query: z.object({ entity: z.enum(['school', 'organisation'], 'Loại bản ghi không hỗ trợ'), entityId: z.uuid('Mã định danh không hợp lệ') }),
    responses: { 200: ItemList(AuditEntry) },
  }),
};
