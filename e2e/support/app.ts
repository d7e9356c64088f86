import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The demo password (server/src/seed/demo.ts). */
export const DEMO_PASSWORD = 'KetNoi@2026';

export const ACCOUNTS = {
  admin: 'quantri@ketnoi.demo',
  ministry: 'dieuphoi@ketnoi.demo',
  department: 'so.dienbien@ketnoi.demo',
  school: 'truong.dienbien@ketnoi.demo',
  donor: 'nhataitro@ketnoi.demo',
  commune: 'xa.sinthau@ketnoi.demo',
  unit: 'daotao.dhsphn@ketnoi.demo',
} as const;
export type DemoRole = keyof typeof ACCOUNTS;

/** The role labels the user menu shows (web/src/i18n/vi.ts). */
export const ROLE_LABELS: Record<DemoRole, string> = {
  admin: 'Quản trị hệ thống',
  ministry: 'Điều phối Bộ',
  department: 'Cán bộ Sở',
  school: 'Cán bộ trường',
  donor: 'Nhà tài trợ',
  commune: 'Cán bộ UBND xã',
  unit: 'Cán bộ đơn vị',
};

/** Điện Biên's province code since 1 July 2025. */
export const DIEN_BIEN = '11';
/** The title of the demo's published 2026 digital-transformation campaigns (one per demo province):
 * journeys open and publish other 2026 campaigns in Điện Biên, so the year and the province alone
 * do not single the demo's one out. */
export const DEMO_DIGITAL_2026 = 'Đánh giá mức độ chuyển đổi số của trường phổ thông năm 2026';

/** Signs in through the form and waits for the user menu. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/dang-nhap');
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in'));
  await page.getByTestId('signin-submit').click();
  expect((await answer).status(), `sign-in of ${email}`).toBe(200);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/**
 * Sign in as another account in the same page: leave the current page first (a query it still
 * refetches after its last action would otherwise go out without a session and be refused), then
 * drop the session and sign in. (about:blank has no storage: a journey whose init script writes
 * localStorage on every page, as the English ones do, cannot pass through it.)
 */
export async function switchAccount(page: Page, email: string) {
  await page.goto('about:blank');
  await page.context().clearCookies();
  await signIn(page, email);
}

/** The app's origin: writes through page.request carry it, as the browser's own fetches do. */
export const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;

/** POST to an API path with the page's cookies and the app's Origin. */
export function apiPost(page: Page, path: string, data: unknown) {
  return page.request.post(path, { data, headers: { origin: ORIGIN } });
}

/** GET an API path with the page's cookies; fails the test on a non-2xx answer. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.ok(), `GET ${path} → ${res.status()} ${await res.text().catch(() => '')}`).toBe(true);
  return (await res.json()) as T;
}

export interface SchoolItem {
  id: string;
  code: string;
  name: string;
  provinceCode: string;
  pupils: number | null;
}
export interface SchoolPage {
  items: SchoolItem[];
  total: number;
  nextCursor: string | null;
}

export async function schoolCount(page: Page, query: Record<string, string> = {}): Promise<number> {
  const qs = new URLSearchParams({ ...query, limit: '1' });
  return (await apiGet<SchoolPage>(page, `/api/v1/schools?${qs}`)).total;
}

/** "1.234 trường" → 1234 (Vietnamese thousands separator). */
export function parseCount(text: string): number {
  const m = /([\d.]+)/.exec(text);
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[1].replace(/\./g, ''));
}

/** The main navigation (a <nav> landmark named after the app). */
export const mainNav = (page: Page) => page.getByRole('navigation', { name: 'KếtNối' });

/**
 * Picks an option of a searchable Mantine Select by typing part of its label. Type it with
 * diacritics: the selects filter with Mantine's default (case-insensitive substring), so
 * "dien bien" finds nothing (reported; the area search and the school search do fold).
 */
export async function pickOption(page: Page, testId: string, typed: string, option: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}
