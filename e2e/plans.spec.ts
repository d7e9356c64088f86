import JSZip from 'jszip';
import { expect, test } from './support/fixtures';
import { mainNav, signIn } from './support/app';

/**
 * A staff member of Vụ GDCTHSSV follows their unit's tasks: finds them across plans 237 and
 * 4969, reports progress with a PDF as evidence, sees it in the history, then downloads the
 * plan's progress report (.docx, Decree 30/2020 format) and finds the task in it.
 */

const STAFF = 'vu.gdcthssv@ketnoi.demo';
const PLAN_237 = '237/KH-BGDĐT';
const PLAN_4969 = '4969/QĐ-BGDĐT';

/** A tiny but real PDF (the server checks the `%PDF-` signature). */
function smallPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

test('a unit follows its tasks, reports progress with evidence and downloads the plan report', async ({ page }) => {
  await signIn(page, STAFF);

  // the header bell is there for a signed-in account
  await expect(page.getByTestId('notif-bell')).toBeVisible();

  // "Nhiệm vụ của tôi" from the main navigation
  await mainNav(page).getByRole('link', { name: 'Nhiệm vụ của tôi' }).click();
  await expect(page).toHaveURL(/\/nhiem-vu$/);
  const myTasks = page.getByTestId('my-tasks');
  await expect(myTasks.getByRole('heading', { level: 1 })).toHaveText('Nhiệm vụ của đơn vị tôi');

  // tasks of both plans, each with its status
  const group237 = myTasks.locator(`[data-testid="task-group"][data-plan="${PLAN_237}"]`);
  const group4969 = myTasks.locator(`[data-testid="task-group"][data-plan="${PLAN_4969}"]`);
  await expect(group237.getByRole('heading', { name: PLAN_237 })).toBeVisible();
  await expect(group4969.getByRole('heading', { name: PLAN_4969 })).toBeVisible();
  expect(await group237.getByTestId('task-row').count()).toBeGreaterThan(0);
  expect(await group4969.getByTestId('task-row').count()).toBeGreaterThan(0);
  await expect(group237.getByTestId('task-row').first().getByTestId('task-status')).toBeVisible();

  // open the first task of plan 237
  const firstRow = group237.getByTestId('task-row').first();
  const taskNumber = ((await firstRow.getByRole('link').first().textContent()) ?? '').trim();
  expect(taskNumber).not.toBe('');
  await firstRow.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/nhiem-vu\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('task-title')).toHaveText(`Nhiệm vụ ${taskNumber}`);

  // post progress: in progress, 60%, a note, a PDF as evidence
  const form = page.getByTestId('update-form');
  await expect(form).toBeVisible();
  const note = `Đã tổ chức họp triển khai (${Date.now()})`;
  await form.getByTestId('update-state').getByText('Đang thực hiện', { exact: true }).click();
  await form.getByTestId('update-percent').fill('60');
  await form.getByTestId('update-note').fill(note);
  await form.getByTestId('update-files').setInputFiles({ name: 'bien-ban-hop.pdf', mimeType: 'application/pdf', buffer: smallPdf() });
  const posted = page.waitForResponse((r) => /\/api\/v1\/assignments\/[0-9a-f-]+\/updates$/.test(r.url()) && r.request().method() === 'POST');
  await form.getByTestId('update-submit').click();
  expect((await posted).status()).toBe(201);

  // the update shows in the history, with its evidence file
  const history = page.getByTestId('update-history');
  const row = history.getByTestId('update-row').filter({ hasText: note });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Đang thực hiện');
  await expect(row).toContainText('60%');
  const fileLink = row.getByRole('link', { name: /bien-ban-hop\.pdf/ });
  await expect(fileLink).toHaveAttribute('href', /^\/api\/v1\/files\/[0-9a-f-]{36}$/);
  const file = await page.request.get((await fileLink.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  expect((await file.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // the form is cleared for the next report
  await expect(form.getByTestId('update-note')).toHaveValue('');

  // the plan's page, and its progress report as .docx
  await page.getByTestId('task-plan-link').click();
  await expect(page).toHaveURL(/\/ke-hoach\/kh-237-bgddt-2023$/);
  await expect(page.getByTestId('plan-number')).toHaveText(PLAN_237);
  await expect(page.getByTestId('plan-timeline')).toBeVisible();
  await expect(page.getByTestId('plan-tasks').getByTestId('task-row').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('plan-report-docx').click();
  const report = await download;
  expect(report.suggestedFilename()).toMatch(/^bao-cao-tien-do-kh-237-bgddt-2023-\d{4}-\d{2}-\d{2}\.docx$/);
  const path = await report.path();
  expect(path).toBeTruthy();
  const fs = await import('node:fs/promises');
  const zip = await JSZip.loadAsync(await fs.readFile(path!));
  const xml = await zip.file('word/document.xml')!.async('string');
  // Word may split a sentence into runs: compare on the text alone
  const text = xml.replace(/<[^>]+>/g, '');
  expect(text).toContain('BÁO CÁO');
  expect(text).toContain(PLAN_237);
  expect(text).toContain(taskNumber);
  expect(text).toContain('bien-ban-hop.pdf');

  // the .xlsx report link is offered too
  await expect(page.getByTestId('plan-report-xlsx')).toHaveAttribute('href', /\/api\/v1\/plans\/kh-237-bgddt-2023\/report\?format=xlsx/);
});

test('the plans list shows each plan with its progress and an as-of date', async ({ page }) => {
  await signIn(page, STAFF);
  await mainNav(page).getByRole('link', { name: 'Kế hoạch', exact: true }).click();
  await expect(page).toHaveURL(/\/ke-hoach$/);
  const table = page.getByTestId('plans-table');
  await expect(table.getByTestId('plan-row').filter({ hasText: PLAN_237 })).toHaveCount(1);
  await expect(table.getByTestId('plan-row').filter({ hasText: PLAN_4969 })).toHaveCount(1);

  // statuses as they stood on 01/06/2023: plan 237 was under way
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/plans?asOf=2023-06-01'));
  await page.getByTestId('as-of').fill('01/06/2023');
  await page.getByTestId('as-of').press('Enter');
  await page.getByTestId('as-of').blur();
  expect((await answer).status()).toBe(200);
  await expect(page).toHaveURL(/ngay=2023-06-01/);
  await expect(page.getByTestId('plans-export-xlsx')).toHaveAttribute('href', /asOf=2023-06-01/);

  await table.getByRole('link', { name: PLAN_4969 }).click();
  await expect(page.getByTestId('plan-number')).toHaveText(PLAN_4969);
  await expect(page.getByTestId('plan-report-docx')).toHaveAttribute('href', /asOf=2023-06-01/);
});

test('the issuer records a measured value of a target; the bell leads to the notifications', async ({ page }) => {
  await signIn(page, 'dieuphoi@ketnoi.demo');
  await page.goto('/ke-hoach/kh-237-bgddt-2023');
  await expect(page.getByTestId('plan-number')).toHaveText(PLAN_237);
  const target = page.getByTestId('plan-target').first();
  await target.getByRole('button', { name: /Ghi số liệu/ }).click();
  const form = page.getByTestId('measure-form');
  await expect(form).toBeVisible();
  // a value as written in Vietnamese, checked before sending
  const value = form.getByLabel(/Giá trị/);
  await value.fill('abc');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form).toContainText('Nhập một số');
  await value.fill('87,5');
  const saved = page.waitForResponse((r) => /\/api\/v1\/targets\/[0-9a-f-]+\/measurements$/.test(r.url()) && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Lưu' }).click();
  expect((await saved).status()).toBe(201);
  await expect(form).toBeHidden();
  // the plan refreshes with the new value
  await expect(target).toContainText('87,5');

  await page.getByTestId('notif-bell').click();
  await expect(page).toHaveURL(/\/thong-bao$/);
  await expect(page.getByTestId('notif-unread')).toBeVisible();
});
