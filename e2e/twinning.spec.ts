import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { DEMO_PASSWORD, DIEN_BIEN, mainNav, signIn } from './support/app';

/**
 * Twinning (Hanoi Department's 2026 plan): the Hanoi officer pairs a Hanoi high school with a
 * high school in a border commune of Điện Biên; the Hanoi school logs an online "Kết nối lớp học"
 * and a gift of 200 books; the border school confirms; the cluster lead and the Department see
 * both activities and the books' value in their yearly reports; the .docx is a real report.
 */

const HANOI_DEPT = 'so.hanoi@ketnoi.demo';
const HANOI_SCHOOL = 'truong.hanoi@ketnoi.demo'; // lead school of its cluster
const DIEN_BIEN_DEPT = 'so.dienbien@ketnoi.demo';
const BOOKS_VALUE = 16_000_000;
const BOOKS_VALUE_TEXT = /16\.000\.000\s*₫/;

/** A real 1×1 PNG (the server checks the file signature). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const vnYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));

async function apiSession(baseURL: string, email: string, password = DEMO_PASSWORD): Promise<{ api: APIRequestContext; me: { id: string; organisation: { id: string; name: string } } }> {
  // writes carry the app's Origin, as the browser's own fetches do
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL).origin } });
  const res = await api.post('/api/v1/auth/sign-in', { data: { email, password } });
  expect(res.status(), `API sign-in of ${email}`).toBe(200);
  return { api, me: (await res.json()).user };
}

async function switchUser(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.context().clearCookies();
  await signIn(page, email, password);
}

test('Hanoi pairs a school with a Điện Biên border school; activities, confirmation and yearly reports', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const year = vnYear();
  const hanoi = await apiSession(baseURL!, HANOI_SCHOOL);
  const hanoiSchoolName = hanoi.me.organisation.name;
  const hanoiSchool = await (await hanoi.api.get(`/api/v1/schools/${hanoi.me.organisation.id}`)).json();
  expect(hanoiSchool.levels).toContain('thpt');
  // the Department's report also counts the demo pairs' activities: this journey adds two, and the books
  const dept = await apiSession(baseURL!, HANOI_DEPT);
  const before = (await (await dept.api.get(`/api/v1/twinning/reports/department/${dept.me.organisation.id}/${year}`)).json()).figures;
  const deptSupport = (BigInt(before.supportValue) + 16_000_000n).toLocaleString('vi-VN'); // a sum of đồng: a decimal string

  // ---- the Hanoi Department pairs the school with a high school in a border commune of Điện Biên
  await signIn(page, HANOI_DEPT);
  await mainNav(page).getByRole('link', { name: 'Kết nghĩa' }).click();
  await expect(page).toHaveURL(/\/ket-nghia$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết nghĩa với trường vùng biên giới');
  // the calendar of §IV: the 2026 pairing window March–April, today's phase highlighted
  const calendar = page.getByTestId('twinning-calendar');
  if (year === 2026) await expect(calendar.locator('[data-phase="pairing"]')).toContainText('01/03/2026 – 30/04/2026');
  await expect(calendar.locator('[data-current="true"]')).toHaveCount(1);
  // focal points are roles, not people's numbers
  await expect(page.getByTestId('focal-points')).toContainText('Sở Giáo dục và Đào tạo tỉnh Điện Biên');

  const form = page.getByTestId('pair-create-form');
  // the controls that once turned the page white: the cluster select (a cluster as the Hanoi side) and the province select
  await form.getByText('Một cụm trường', { exact: true }).click();
  const clusterSelect = form.getByTestId('pair-create-cluster');
  const clusterOption = clusterSelect.locator('option').nth(1);
  const clusterId = (await clusterOption.getAttribute('value'))!;
  await clusterSelect.selectOption(clusterId);
  await expect(clusterSelect).toHaveValue(clusterId);
  await form.getByTestId('pair-create-province').selectOption('14');
  await expect(form.getByTestId('pair-create-province')).toHaveValue('14');
  await form.getByText('Một trường', { exact: true }).click();
  const hanoiPicker = form.getByTestId('pair-create-hanoi');
  await hanoiPicker.click();
  await hanoiPicker.fill(hanoiSchoolName.replace(/^Trường THPT /, ''));
  await page.getByRole('option', { name: hanoiSchoolName, exact: true }).click();
  await form.getByTestId('pair-create-province').selectOption(DIEN_BIEN);
  const suggestion = form.locator(`[data-testid="pair-suggestion"][data-province="${DIEN_BIEN}"]`).first();
  await expect(suggestion).toBeVisible();
  await expect(suggestion.getByTestId('suggestion-level')).toHaveText('Cùng cấp học');
  await expect(suggestion.getByTestId('suggestion-partners')).toContainText('cặp hiện có');
  const borderSchoolId = (await suggestion.getAttribute('data-school-id'))!;
  const borderSchool = await (await hanoi.api.get(`/api/v1/schools/${borderSchoolId}`)).json();
  expect(borderSchool).toMatchObject({ provinceCode: DIEN_BIEN });
  expect(borderSchool.levels).toContain('thpt');
  expect(borderSchool.communeFlags).toContain('border');
  await suggestion.click();
  await expect(suggestion).toHaveAttribute('data-checked', 'true');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/twinning/pairs') && r.request().method() === 'POST');
  await form.getByTestId('pair-create-submit').click();
  expect((await created).status()).toBe(201);
  await expect(page).toHaveURL(/\/ket-nghia\/[0-9a-f-]{36}$/);
  const pairUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('pair-title')).toHaveText(`${hanoiSchoolName} – ${borderSchool.name}`);
  await expect(page.getByTestId('pair-status')).toHaveText('Đang kết nghĩa');

  // the pair is listed, and counts as a pair without activity
  await page.goto('/ket-nghia');
  await expect(page.getByTestId('pair-row').filter({ hasText: borderSchool.name })).toHaveCount(1);
  await expect(page.getByTestId('compliance-summary')).toContainText('chưa có hoạt động');

  // the border school needs an account: the Điện Biên Department creates one
  const dienBien = await apiSession(baseURL!, DIEN_BIEN_DEPT);
  const borderEmail = `thpt.bien.${Date.now()}@ketnoi.test`;
  const borderPassword = 'mat-khau-dai-2026';
  const account = await dienBien.api.post('/api/v1/accounts', { data: { email: borderEmail, displayName: 'Cán bộ trường biên giới', password: borderPassword, role: 'school', organisationId: borderSchoolId } });
  expect(account.status(), await account.text()).toBe(201);

  // ---- the Hanoi school logs an online "Kết nối lớp học" and a gift of 200 books
  await switchUser(page, HANOI_SCHOOL);
  await page.goto(pairUrl);
  // the plan's note, the third control that once crashed: typed, saved and shown
  const planCard = page.getByTestId('pair-plan');
  await planCard.getByTestId('plan-edit').click();
  const note = planCard.getByLabel('Ghi chú kế hoạch');
  await note.fill('Ưu tiên kết nối lớp học trực tuyến');
  await expect(note).toHaveValue('Ưu tiên kết nối lớp học trực tuyến');
  const planSaved = page.waitForResponse((r) => /\/twinning\/pairs\/[0-9a-f-]+\/plans\/\d+$/.test(r.url()) && r.request().method() === 'PUT');
  await planCard.getByTestId('plan-save').click();
  expect((await planSaved).status()).toBe(200);
  await expect(planCard).toContainText('Ưu tiên kết nối lớp học trực tuyến');
  const activity = page.getByTestId('activity-form');
  await activity.getByTestId('activity-kind').selectOption('exchange');
  await activity.getByTestId('activity-subkind').selectOption('connected_classroom');
  await activity.getByTestId('activity-mode').selectOption('online');
  await activity.getByTestId('activity-title').fill('Kết nối lớp học trực tuyến môn Ngữ văn');
  await activity.getByTestId('activity-teachers').fill('4');
  await activity.getByTestId('activity-pupils').fill('70');
  let logged = page.waitForResponse((r) => /\/twinning\/pairs\/[0-9a-f-]+\/activities$/.test(r.url()) && r.request().method() === 'POST');
  await activity.getByTestId('activity-submit').click();
  expect((await logged).status()).toBe(201);
  await expect(page.getByTestId('activity-row')).toHaveCount(1);

  await activity.getByTestId('activity-kind').selectOption('material_support');
  await activity.getByTestId('activity-subkind').selectOption('textbooks');
  await activity.getByTestId('activity-title').fill('Tặng 200 cuốn sách giáo khoa, sách tham khảo');
  await activity.getByTestId('activity-teachers').fill('2');
  await activity.getByTestId('activity-pupils').fill('0');
  await expect(activity.getByTestId('activity-support-form')).toHaveValue('in_kind');
  await activity.getByTestId('activity-support-value').fill('16.000.000');
  await activity.getByTestId('activity-support-quantity').fill('200');
  await activity.getByTestId('activity-support-unit').fill('cuốn');
  await activity.getByTestId('activity-files').setInputFiles({ name: 'trao-sach.png', mimeType: 'image/png', buffer: PNG });
  logged = page.waitForResponse((r) => /\/twinning\/pairs\/[0-9a-f-]+\/activities$/.test(r.url()) && r.request().method() === 'POST');
  await activity.getByTestId('activity-submit').click();
  const gift = await logged;
  expect(gift.status()).toBe(201);
  expect(await gift.json()).toMatchObject({ supportValue: BOOKS_VALUE, confirmed: false });
  await expect(page.getByTestId('activity-row')).toHaveCount(2);
  const giftRow = page.locator('[data-testid="activity-row"][data-subkind="textbooks"]');
  await expect(giftRow).toContainText(BOOKS_VALUE_TEXT);
  // an activity's photos may show pupils: listed under a neutral name
  await expect(giftRow).toContainText(/hoat-dong-[0-9a-f]{8}\.png/);
  await expect(giftRow).not.toContainText('trao-sach.png');
  await expect(giftRow.getByTestId('activity-confirmed')).toHaveText('Chờ xác nhận');
  // the school that logged cannot confirm its own activity
  await expect(page.getByTestId('activity-confirm')).toHaveCount(0);

  // ---- the border school confirms both, the gift with a photo
  await switchUser(page, borderEmail, borderPassword);
  await page.goto(pairUrl);
  await expect(page.getByTestId('activity-row')).toHaveCount(2);
  for (const sub of ['textbooks', 'connected_classroom']) {
    const row = page.locator(`[data-testid="activity-row"][data-subkind="${sub}"]`);
    await row.getByTestId('activity-confirm').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('confirm-note').fill(sub === 'textbooks' ? 'Đã nhận đủ 200 cuốn sách' : 'Lớp học đã kết nối tốt');
    if (sub === 'textbooks') await dialog.getByTestId('confirm-photo').setInputFiles({ name: 'nhan-sach.png', mimeType: 'image/png', buffer: PNG });
    const confirmed = page.waitForResponse((r) => /\/twinning\/activities\/[0-9a-f-]+\/confirm$/.test(r.url()));
    await dialog.getByTestId('confirm-submit').click();
    expect((await confirmed).status()).toBe(200);
    await expect(row.getByTestId('activity-confirmed')).toHaveText('Đã xác nhận');
  }
  await expect(page.getByTestId('activity-confirm')).toHaveCount(0);

  // ---- the cluster lead's report shows both activities and the books' value, and is submitted
  await switchUser(page, HANOI_SCHOOL);
  await page.goto('/ket-nghia/bao-cao');
  await expect(page.getByTestId('report-title')).toContainText(hanoiSchool.clusterName);
  let figures = page.getByTestId('report-figures');
  await expect(figures.getByTestId('fig-activities-value')).toHaveText('2');
  await expect(figures.getByTestId('fig-activities')).toContainText('2 đã xác nhận');
  await expect(figures.getByTestId('fig-participants')).toContainText('6 giáo viên · 70 học sinh');
  await expect(figures.getByTestId('fig-support-value')).toHaveText(BOOKS_VALUE_TEXT);
  await expect(figures.getByTestId('fig-by-kind').locator('[data-kind="exchange"]')).toHaveText('1');
  await expect(figures.getByTestId('fig-by-kind').locator('[data-kind="material_support"]')).toHaveText('1');
  await page.getByTestId('report-results').fill('Hai hoạt động: một buổi "Kết nối lớp học" trực tuyến và tặng 200 cuốn sách.');
  await page.getByTestId('report-submit').click();
  const submitted = page.waitForResponse((r) => r.url().includes('/twinning/reports/cluster/') && r.request().method() === 'PUT');
  await page.getByTestId('report-submit-confirm').click();
  expect((await submitted).status()).toBe(200);
  await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');

  // ---- the Department: its report, the submissions, the .docx, the dashboard
  await switchUser(page, HANOI_DEPT);
  await page.goto('/ket-nghia/bao-cao');
  figures = page.getByTestId('report-figures');
  await expect(figures.getByTestId('fig-activities-value')).toHaveText(String(before.activities + 2));
  await expect(figures.getByTestId('fig-support-value')).toHaveText(new RegExp(`${deptSupport.replace(/\./g, '\\.')}\\s*₫`));
  const submissions = page.getByTestId('submissions-table');
  await expect(submissions.locator(`[data-org-id="${hanoiSchool.clusterId}"]`)).toHaveAttribute('data-status', 'submitted');
  await expect(submissions.locator(`[data-org-id="${hanoiSchool.clusterId}"]`)).toContainText('Đúng hạn');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('report-docx').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const xml = await zip.file('word/document.xml')!.async('string');
  const plain = xml.replace(/<[^>]+>/g, '');
  expect(plain).toContain('BÁO CÁO');
  expect(plain).toContain(String(year));
  expect(plain).toContain(`${deptSupport} đồng`);

  const mapZooms: number[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/v1/twinning/map?') && r.status() === 200) mapZooms.push(Number(new URL(r.url()).searchParams.get('zoom')));
  });
  await page.goto('/ket-nghia/theo-doi');
  const map = page.getByTestId('twinning-map');
  await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  expect(Number(await map.getAttribute('data-pairs'))).toBeGreaterThanOrEqual(1);
  // the map asks the server for the cells of its view: zooming in asks again at the new zoom
  const first = Number(await map.getAttribute('data-lines'));
  expect(first).toBeGreaterThanOrEqual(1);
  expect(first).toBeLessThanOrEqual(Number(await map.getAttribute('data-pairs')));
  expect(mapZooms.length).toBeGreaterThanOrEqual(1);
  const start = mapZooms[mapZooms.length - 1];
  await page.getByRole('button', { name: 'Phóng to' }).click();
  await page.getByRole('button', { name: 'Phóng to' }).click();
  await expect.poll(() => mapZooms[mapZooms.length - 1]).toBeGreaterThan(start);
  await expect(page.getByTestId('dashboard-by-province')).toContainText('Điện Biên');
  await expect(page.getByTestId('submissions-table')).toBeVisible();

  await Promise.all([hanoi.api.dispose(), dienBien.api.dispose(), dept.api.dispose()]);
});
