/**
 * The home page of a signed-in account: what is waiting for it, by section, computed by the
 * server within the account's scope. Each count carries the address of the list it counts.
 */
import { z } from 'zod';
import { endpoint } from './http.js';

export const HOME_SECTIONS = ['school', 'needs', 'receipts', 'twinning', 'tasks', 'assessments', 'queue', 'verified', 'acceptance', 'idlePairs', 'reports', 'pledges', 'nearby', 'vetting', 'accounts', 'audit', 'sponsorship',
  'cases', 'referrals', 'schoolCases',
] as const;
export type HomeSectionKey = (typeof HOME_SECTIONS)[number];

/** What a count counts, worded by the web (home.count.<key>). */
export const HOME_COUNTS = [
  'need_draft', 'need_submitted', 'need_returned', 'need_verified', 'need_published', 'need_accepted',
  'to_confirm', 'to_accept', 'to_deliver', 'open_near', 'to_verify', 'verified_unpublished', 'idle_pairs', 'activities_to_confirm', 'pairs',
  'tasks', 'tasks_overdue', 'reports_recent', 'donors_pending', 'surveys', 'accounts_active', 'accounts_inactive', 'audit_today',
  'plans_to_approve',
  'cases_mine', 'cases_due', 'referrals_waiting', 'cases_school_open', 'cases_school_due',
] as const;
export type HomeCountKey = (typeof HOME_COUNTS)[number];

export const HomeCount = z.object({ key: z.enum(HOME_COUNTS), count: z.number(), href: z.string().nullable() });
export type HomeCount = z.infer<typeof HomeCount>;

/** The next step a line of a short list waits on, worded by the web (home.step.<key>). */
export const HOME_STEPS = ['confirm_activity', 'no_activity', 'on_track', 'overdue', 'due'] as const;

/** A line of a section's short list (the oldest waiting first, or the nearest). */
export const HomeItem = z.object({
  id: z.string(), title: z.string(), detail: z.string().nullable(), date: z.string().nullable(), href: z.string().nullable(),
  step: z.enum(HOME_STEPS).nullable(),
});
export type HomeItem = z.infer<typeof HomeItem>;

export const HomeSection = z.object({ key: z.enum(HOME_SECTIONS), counts: z.array(HomeCount), items: z.array(HomeItem) });
export type HomeSection = z.infer<typeof HomeSection>;

export const Home = z.object({
  /** the organisation the sections are about */
  organisation: z.object({ id: z.string(), name: z.string(), href: z.string().nullable() }).nullable(),
  /** empty for a role without a home of its own: the web shows the general links */
  sections: z.array(HomeSection),
});
export type Home = z.infer<typeof Home>;

export const homeApi = {
  get: endpoint({
    method: 'GET', path: '/api/v1/home', tags: ['Trang chủ'] as const,
    summary: 'Việc đang chờ tài khoản: các mục theo vai trò, với số đếm (dẫn tới danh sách đã lọc) và vài dòng đầu',
    responses: { 200: Home },
  }),
};
