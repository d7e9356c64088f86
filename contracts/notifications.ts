/**
 * In-app notifications, addressed to an organisation (every account of it sees them) or to one
 * account. Their texts are rendered by the server in the reader's language from the kind and
 * its parameters.
 */
import { z } from 'zod';
import { endpoint, NoContent, Page, pageQuery, uuid } from './http.js';

export const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

/** A page of notifications, newest first, with the count of unread ones. */
export const NotificationPage = Page(Notification).extend({ unread: z.number() });
export type NotificationPage = z.infer<typeof NotificationPage>;

const tags = ['Thông báo'] as const;

export const notificationsApi = {
  list: endpoint({
    method: 'GET', path: '/api/v1/notifications', tags,
    summary: 'Thông báo của tôi và của đơn vị tôi, mới nhất trước, theo trang',
    query: z.object({ ...pageQuery(30, 100) }),
    responses: { 200: NotificationPage },
  }),
  markRead: endpoint({
    method: 'POST', path: '/api/v1/notifications/:id/read', tags,
    summary: 'Đánh dấu đã đọc',
    params: z.object({ id: uuid() }), responses: { 204: NoContent },
  }),
};
