import { z } from 'zod';
import type { App } from '../../platform/http.js';
import * as service from './service.js';

export async function notificationRoutes(app: App): Promise<void> {
  const tags = ['Thông báo'];
  app.get('/api/v1/notifications', {
    schema: { tags, summary: 'Thông báo của tôi và của đơn vị tôi', response: { 200: z.object({ unread: z.number(), items: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: z.string(), read: z.boolean() })) }) } },
  }, async (req) => service.listMine(app.db, req.actor));
  app.post('/api/v1/notifications/:id/read', { schema: { tags, summary: 'Đánh dấu đã đọc', params: z.object({ id: z.string().uuid() }) } }, async (req, reply) => {
    await service.markRead(app.db, req.actor, req.params.id);
    return reply.status(204).send();
  });
}
