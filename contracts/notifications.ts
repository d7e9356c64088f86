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

/** Kinds of notification an account may choose to receive by e-mail (every kind shows in the app). */
export const NOTIFICATION_KINDS = [
  'task_reminder', 'task_late', 'task_reported', 'need_submitted', 'need_verify', 'need_return', 'need_publish', 'need_accepted',
  'sponsorship_submitted', 'sponsorship_approved', 'sponsorship_returned',
  'pledge_received', 'delivery_marked', 'delivery_confirmed', 'evidence_accepted', 'donor_pending', 'donor_approved', 'donor_rejected',
  'pair_created', 'twinning_activity', 'twinning_reminder', 'twinning_report_submitted',
  'cases_break_glass', 'cases_referral_received', 'cases_referral_answered', 'cases_clock_alert',
  'assessments_reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An account's settings: the kinds it is not e-mailed, and one daily digest instead of an e-mail each. */
export const NotificationSettings = z.object({
  emailOff: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
  digest: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

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
  settings: endpoint({
    method: 'GET', path: '/api/v1/notifications/settings', tags,
    summary: 'Cài đặt thông báo của tôi: loại nào gửi e-mail, bản tin tổng hợp hằng ngày',
    responses: { 200: NotificationSettings },
  }),
  saveSettings: endpoint({
    method: 'PUT', path: '/api/v1/notifications/settings', tags,
    summary: 'Lưu cài đặt thông báo của tôi',
    body: NotificationSettings, responses: { 200: NotificationSettings },
  }),
};
