import JSZip from 'jszip';
import fs from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, apiGet, signIn } from './support/app';

/**
 * Programme work as records, the pieces around the plans: Vụ GDTC (the coordinator's unit) enters a
 * task's estimate with its approving document, the plan's page and its .docx report show estimate
 * against spending; the coordination board keeps a decision and draws its yearly report; the launch
 * meeting's page shows the recognitions handed over at its honouring item; the calendar downloads
 * as .ics; and the budget and board pages read in English on a phone.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const docxText = async (page: Page, click: () => Promise<void>) => {
  const download = page.waitForEvent('download');
  await click();
  const d = await download;
  const zip = await JSZip.loadAsync(await fs.readFile((await d.path())!));
  return { name: d.suggestedFilename(), text: (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '') };
};
const taskId = async (page: Page, plan: string, number: string) =>
  (await apiGet<{ items: { id: string; number: string }[] }>(page, `/api/v1/plans/${plan}/tasks?limit=200`)).items.find((x) => x.number === number)!.id;

test('the lead unit enters a task budget with its approving document; the plan and its report show estimate against spending', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.ministry);
  const id = await taskId(page, 'kh-29-bgddt-2021', 'IV.3.1-a');
  await page.goto(`/nhiem-vu/${id}`);
  const form = page.getByTestId('budget-form');
  // the first page of the run waits for the task's derivation on a cold server
  await expect(form).toBeVisible({ timeout: 60_000 });
  const amount = 1_000_000_000 + Math.floor(Math.random() * 1000) * 1000;
  const before = await apiGet<{ estimate: { total: string } }>(page, `/api/v1/tasks/${id}/budget`);
  // spending offers no social resources: those come from the ledger
  await page.getByTestId('budget-kind').click();
  await page.getByRole('option', { name: 'Đã chi' }).click();
  await page.getByTestId('budget-source').click();
  await expect(page.getByRole('option', { name: 'Nguồn lực xã hội' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByTestId('budget-kind').click();
  await page.getByRole('option', { name: 'Dự toán' }).click();
  await page.getByTestId('budget-amount').fill(amount.toLocaleString('vi-VN'));
  await page.getByTestId('budget-year').fill('2026');
  await page.getByTestId('budget-document-number').fill('15/QĐ-BGDĐT');
  await page.getByTestId('budget-note').fill('Dự toán tổ chức buổi gặp mặt');
  // without its document the line is not sent
  await page.getByTestId('budget-submit').click();
  await expect(form).toContainText('Cần đính kèm văn bản phê duyệt');
  await page.getByTestId('budget-document').setInputFiles({ name: 'quyet-dinh-du-toan.pdf', mimeType: 'application/pdf', buffer: PDF });
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tasks/${id}/budget-lines`) && r.request().method() === 'POST');
  await page.getByTestId('budget-submit').click();
  expect((await saved).status()).toBe(201);
  const total = (BigInt(before.estimate.total) + BigInt(amount)).toLocaleString('vi-VN');
  await expect(page.getByTestId('task-budget-sums-total')).toContainText(total);
  const line = page.getByTestId('budget-line').filter({ hasText: amount.toLocaleString('vi-VN') });
  await expect(line).toContainText('15/QĐ-BGDĐT');
  await expect(line.getByRole('link', { name: '15/QĐ-BGDĐT' })).toHaveAttribute('href', /\/api\/v1\/files\//);

  await page.goto('/ke-hoach/kh-29-bgddt-2021');
  const plan = page.getByTestId('plan-budget');
  await expect(plan).toBeVisible();
  await expect(plan.getByTestId('plan-budget-row').filter({ hasText: 'Vụ GDTC' })).toContainText('IV.3.1');
  await expect(plan.getByTestId('plan-budget-csv')).toHaveAttribute('href', /\/api\/v1\/plans\/kh-29-bgddt-2021\/budget\?format=csv/);
  const report = await docxText(page, () => page.getByTestId('plan-report-docx').click());
  expect(report.text).toContain('KINH PHÍ THỰC HIỆN');
  expect(report.text).toContain(amount.toLocaleString('vi-VN').replace(/,/g, '.'));
});

test('the coordination board keeps a decision with its file, finds it without diacritics, and draws its yearly report', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.ministry);
  await page.goto('/ban-dieu-phoi');
  await expect(page.getByTestId('board-member').first()).toHaveAttribute('data-role', 'head');
  await expect(page.getByTestId('board-member').filter({ hasText: 'Phó Trưởng ban thường trực' })).toContainText('Vụ Giáo dục thể chất');
  const title = `Quyết định phân công nhiệm vụ thành viên ${Date.now().toString(36)}`;
  await page.getByTestId('board-doc-form-kind').click();
  await page.getByRole('option', { name: 'Quyết định', exact: true }).click();
  await page.getByTestId('board-doc-form-number').fill('02/QĐ-BĐP');
  await page.getByTestId('board-doc-form-title').fill(title);
  await page.getByTestId('board-doc-form-issued').fill('25/01/2021');
  await page.getByTestId('board-doc-form-file').setInputFiles({ name: 'quyet-dinh-phan-cong.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByTestId('board-doc-form-submit').click();
  await page.getByTestId('board-doc-q').fill('phan cong nhiem vu thanh vien');
  await expect(page.getByTestId('board-document').filter({ hasText: title })).toContainText('02/QĐ-BĐP');
  // the list as it is filtered downloads as CSV (and XLSX)
  await expect(page.getByTestId('board-doc-xlsx')).toHaveAttribute('href', /format=xlsx/);
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('board-doc-csv').click();
  const csv = await fs.readFile((await (await csvDownload).path())!, 'utf8');
  expect(csv).toContain('Loại văn bản,"Số, ký hiệu",Trích yếu,Ngày ban hành,Tệp đính kèm');
  expect(csv).toContain(`Quyết định,02/QĐ-BĐP,${title},25/01/2021,quyet-dinh-phan-cong.pdf`);
  expect(csv.trim().split('\r\n')).toHaveLength(2);
  await page.getByTestId('board-report-year').fill('2021');
  const report = await docxText(page, () => page.getByTestId('board-report-docx').click());
  expect(report.name).toBe('bao-cao-ban-dieu-phoi-2021.docx');
  expect(report.text).toContain('Kết quả hoạt động của Ban điều phối kết nối nguồn lực xã hội năm 2021');
  // a Department reads the board but keeps nothing and draws no report
  await signIn(page, ACCOUNTS.department);
  await page.goto('/ban-dieu-phoi');
  await expect(page.getByTestId('board-members')).toBeVisible();
  await expect(page.getByTestId('board-doc-form')).toHaveCount(0);
  await expect(page.getByTestId('board-report')).toHaveCount(0);
});

test('what is typed in the budget form and in the board\'s document form comes back after a reload, and goes once sent', async ({ page, consoleGuard }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.ministry);
  const id = await taskId(page, 'kh-29-bgddt-2021', 'IV.3.1-a');
  const draft = (key: string) => page.evaluate((k) => localStorage.getItem(k) ?? '', key);
  await page.goto(`/nhiem-vu/${id}`);
  const budget = page.getByTestId('budget-form');
  await expect(budget).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('budget-kind').click();
  await page.getByRole('option', { name: 'Đã chi' }).click();
  await page.getByTestId('budget-amount').fill('123.456.000');
  await page.getByTestId('budget-document-number').fill('99/QĐ-NHÁP');
  await page.getByTestId('budget-note').fill('Chi phí in tài liệu (bản nháp)');
  // kept on this device a moment after the last keystroke
  await expect.poll(() => draft(`kn.draft.budgetLine.${id}`)).toContain('Chi phí in tài liệu (bản nháp)');
  await page.reload();
  await expect(budget.getByTestId('draft-restored')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('budget-kind')).toHaveValue('Đã chi');
  await expect(page.getByTestId('budget-amount')).toHaveValue('123.456.000');
  await expect(page.getByTestId('budget-document-number')).toHaveValue('99/QĐ-NHÁP');
  await expect(page.getByTestId('budget-note')).toHaveValue('Chi phí in tài liệu (bản nháp)');
  // the server's refusal shows on the field it names; what was typed stays
  consoleGuard.expectHttpError(`/api/v1/tasks/${id}/budget-lines`, 422, 'a one-character document number is sent on purpose: the server names the field');
  await page.getByTestId('budget-document-number').fill('9');
  await page.getByTestId('budget-document').setInputFiles({ name: 'chung-tu.pdf', mimeType: 'application/pdf', buffer: PDF });
  const refused = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tasks/${id}/budget-lines`) && r.request().method() === 'POST');
  await page.getByTestId('budget-submit').click();
  expect((await refused).status()).toBe(422);
  await expect(page.getByTestId('budget-document-number')).toHaveAttribute('aria-invalid', 'true');
  await expect(budget.getByText('Cần số văn bản phê duyệt').first()).toBeVisible();
  await expect(page.getByTestId('budget-note')).toHaveValue('Chi phí in tài liệu (bản nháp)');
  // discarded: the form starts over and nothing is kept
  await budget.getByTestId('draft-restored').getByRole('button', { name: 'Bỏ bản nháp' }).click();
  await expect(page.getByTestId('budget-note')).toHaveValue('');
  await expect(page.getByTestId('budget-kind')).toHaveValue('Dự toán');
  expect(await draft(`kn.draft.budgetLine.${id}`)).toBe('');

  await page.goto('/ban-dieu-phoi');
  const form = page.getByTestId('board-doc-form');
  const title = `Báo cáo sơ kết của Ban (nháp) ${Date.now().toString(36)}`;
  await page.getByTestId('board-doc-form-kind').click();
  await page.getByRole('option', { name: 'Báo cáo', exact: true }).click();
  await page.getByTestId('board-doc-form-number').fill('05/BC-BĐP');
  await page.getByTestId('board-doc-form-title').fill(title);
  await page.getByTestId('board-doc-form-issued').fill('15/03/2021');
  await expect.poll(() => draft('kn.draft.boardDocument')).toContain(title);
  await page.reload();
  await expect(form.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByTestId('board-doc-form-kind')).toHaveValue('Báo cáo');
  await expect(page.getByTestId('board-doc-form-number')).toHaveValue('05/BC-BĐP');
  await expect(page.getByTestId('board-doc-form-title')).toHaveValue(title);
  await expect(page.getByTestId('board-doc-form-issued')).toHaveValue('15/03/2021');
  // the file is chosen again; once the document is kept, the draft is gone
  await page.getByTestId('board-doc-form-file').setInputFiles({ name: 'ke-hoach-hoat-dong.pdf', mimeType: 'application/pdf', buffer: PDF });
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/board/documents') && r.request().method() === 'POST');
  await page.getByTestId('board-doc-form-submit').click();
  expect((await saved).status()).toBe(201);
  await expect(page.getByTestId('board-doc-form-title')).toHaveValue('');
  await expect(form.getByTestId('draft-restored')).toHaveCount(0);
  expect(await draft('kn.draft.boardDocument')).toBe('');
  await page.reload();
  await expect(page.getByTestId('board-doc-form-title')).toHaveValue('');
  await expect(form.getByTestId('draft-restored')).toHaveCount(0);
});

test("the launch meeting's page links its honouring item to the recognitions; the calendar downloads as .ics", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.ministry);
  const launch = (await apiGet<{ items: { id: string }[] }>(page, '/api/v1/activities?kind=launch&from=2021-01-22&to=2021-01-22')).items[0];
  const decisions = await apiGet<{ items: { number: string; activity: { agendaPosition: number | null } }[] }>(page, `/api/v1/recognition/decisions?activityId=${launch.id}`);
  expect(decisions.items.length).toBeGreaterThan(0);
  await page.goto(`/hoat-dong/${launch.id}`);
  await expect(page.getByTestId('act-recognition')).toHaveCount(decisions.items.length);
  await expect(page.getByTestId('act-recognition').first()).toContainText(decisions.items[0].number);
  await expect(page.getByTestId('act-recognition-names').first()).not.toBeEmpty();
  const item = page.getByTestId('act-agenda').getByRole('row').filter({ has: page.getByTestId('act-agenda-recognition') });
  await expect(item.first()).toContainText(`${decisions.items[0].activity.agendaPosition}.`);
  await item.first().getByRole('link').click();
  await expect(page.getByTestId('act-recognitions')).toBeInViewport();
  // the decisions handed over there download as a spreadsheet
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('act-recognitions-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^quyet-dinh-khen-thuong-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvText = await fs.readFile((await csv.path())!, 'utf8');
  expect(csvText).toContain('Số quyết định,Ngày quyết định,Hình thức');
  expect(csvText).toContain(decisions.items[0].number);
  // its six signings each name their agreement
  await expect(page.getByTestId('act-agenda').getByRole('row').filter({ hasText: 'Văn bản ký kết' })).toHaveCount(6);

  await page.goto('/hoat-dong/lich');
  const download = page.waitForEvent('download');
  await page.getByTestId('act-cal-ics').click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^lich-hoat-dong-\d{4}-\d{2}-\d{2}\.ics$/);
  const ics = await fs.readFile((await d.path())!, 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
});

test("a participant scores the launch meeting once; its page tells the paper forms from the responses given here", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.department);
  const launch = (await apiGet<{ items: { id: string }[] }>(page, '/api/v1/activities?kind=launch&from=2021-01-22&to=2021-01-22')).items[0];
  await page.goto(`/hoat-dong/${launch.id}`);
  await expect(page.getByTestId('act-fb-paper')).toContainText('Phiếu giấy');
  await expect(page.getByTestId('act-fb-online')).toContainText('chưa có lượt nào');
  await expect(page.getByTestId('act-fb-submit')).toBeDisabled();
  await page.getByTestId('act-fb-score').getByText('4', { exact: true }).click();
  await page.getByTestId('act-fb-comment').fill('Chương trình gọn, phần ký kết rõ ràng');
  await page.getByTestId('act-fb-submit').click();
  await expect(page.getByTestId('act-fb-mine')).toHaveText('Bạn đã đánh giá 4 điểm.');
  await expect(page.getByTestId('act-fb-online')).toContainText('4 điểm trung bình (1 lượt)');
  await expect(page.getByTestId('act-fb-form')).toHaveCount(0);
  // the organiser's side reads the comment, without its author
  await signIn(page, ACCOUNTS.ministry);
  await page.goto(`/hoat-dong/${launch.id}`);
  await expect(page.getByTestId('act-fb-comment-item')).toHaveText('“Chương trình gọn, phần ký kết rõ ràng”');
});

test.describe('on a phone, in English', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  test.beforeEach(async ({ page }) => { await page.addInitScript(() => localStorage.setItem('kn.lang', 'en')); });
  const noSidewaysScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  test("a task's budget, the plan's budget, the board and the calendar read in English and fit the screen", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, ACCOUNTS.ministry);
    const id = await taskId(page, 'kh-29-bgddt-2021', 'IV.3.1-a');
    await page.goto(`/nhiem-vu/${id}`);
    await expect(page.getByRole('heading', { name: 'Budget', exact: true })).toBeVisible();
    await expect(page.getByTestId('task-budget-sums-total')).toContainText('Total');
    await expect(page.getByTestId('budget-form')).toContainText('Enter an estimate or an amount spent');
    await expect(page.getByTestId('budget-form')).not.toContainText('Dự toán');
    await noSidewaysScroll(page);
    await page.goto('/ke-hoach/kh-29-bgddt-2021');
    await expect(page.getByTestId('plan-budget')).toContainText('Estimate and spending');
    await noSidewaysScroll(page);
    await page.goto('/ban-dieu-phoi');
    await expect(page.getByRole('heading', { level: 1, name: 'Coordination board for social resources' })).toBeVisible();
    await expect(page.getByTestId('board-member').first()).toContainText('Head');
    await expect(page.getByTestId('board-report-docx')).toHaveText('Download the yearly report (.docx)');
    await noSidewaysScroll(page);
    await page.goto('/hoat-dong/lich');
    await expect(page.getByTestId('act-cal-ics')).toHaveText('Download calendar (.ics)');
    await noSidewaysScroll(page);
  });
});
