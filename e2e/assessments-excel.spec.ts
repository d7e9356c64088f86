import ExcelJS from 'exceljs';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, signIn } from './support/app';

/**
 * The Department of Điện Biên answers for many schools at once: it opens a campaign, downloads the
 * campaign's template from its page, fills it; a file with one bad row is refused row by row with
 * nothing written, the fixed file is written; it downloads the results and the summary report and
 * reads who has not submitted, late or not. Then the page at phone width.
 */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function todayVn(): string {
  const d = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  return d.split('-').reverse().join('/');
}

test('a Department downloads the template of its campaign and imports many schools\' answers', async ({ page, consoleGuard }) => {
  test.setTimeout(240_000);
  const title = `Đánh giá chuyển đổi số (nhập Excel ${Date.now().toString(36)})`;
  const today = todayVn();

  await signIn(page, ACCOUNTS.department);
  await page.goto('/danh-gia');
  await page.getByTestId('as-open-version').click();
  await page.getByRole('option', { name: /chuyển đổi số/ }).click();
  await page.getByTestId('as-open-title').fill(title);
  for (const k of ['opensOn', 'selfDueOn', 'reviewDueOn', 'publishOn']) {
    await page.getByTestId(`as-open-${k}`).fill(today);
    await page.keyboard.press('Escape');
  }
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/v1/assessment-campaigns') && r.request().method() === 'POST');
  await page.getByTestId('as-open-submit').click();
  expect((await opened).status()).toBe(201);
  await expect(page.getByTestId('as-tools')).toBeVisible();
  const campaignId = new URL(page.url()).pathname.split('/').pop();
  consoleGuard.expectHttpError(`/api/v1/assessment-campaigns/${campaignId}/import`, 422, 'the first file has a bad row on purpose: the server answers 422 with the row errors');

  // the template: a row of codes, a row of texts, one row per school
  const download = page.waitForEvent('download');
  await page.getByTestId('as-template').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^mau-nhap-danh-gia-11-\d{4}.*\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const ws = wb.worksheets[0]!;
  const codes = ws.getRow(1).values as unknown[];
  expect(codes.slice(1, 6)).toEqual(['Mã bản đánh giá', 'Mã trường', 'Đơn vị', 'Xã/phường', 'Trạng thái']);
  const col = (code: string) => codes.indexOf(code);
  expect(ws.rowCount).toBeGreaterThan(4);
  ws.getRow(3).getCell(col('1.1')).value = 'Có';
  ws.getRow(4).getCell(col('1.1')).value = 'Không';
  ws.getRow(4).getCell(col('1.4')).value = 'nhiều';
  const bad = Buffer.from(await wb.xlsx.writeBuffer());

  await page.getByTestId('as-import-file').setInputFiles({ name: 'tra-loi-loi.xlsx', mimeType: XLSX_TYPE, buffer: bad });
  await expect(page.getByTestId('as-import-file-button')).toContainText('tra-loi-loi.xlsx');
  let answer = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/import'));
  await page.getByTestId('as-import-submit').click();
  expect((await answer).status()).toBe(422);
  const lines = page.getByTestId('import-errors').locator('tbody tr');
  await expect(lines).toHaveCount(1);
  await expect(lines.first().locator('td').nth(0)).toHaveText('4');
  await expect(lines.first().locator('td').nth(1)).toHaveText('1.4');
  await expect(page.getByTestId('as-import-success')).toHaveCount(0);

  ws.getRow(4).getCell(col('1.4')).value = 85;
  const fixed = Buffer.from(await wb.xlsx.writeBuffer());
  await page.getByTestId('as-import-file').setInputFiles({ name: 'tra-loi.xlsx', mimeType: XLSX_TYPE, buffer: fixed });
  answer = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/import'));
  await page.getByTestId('as-import-submit').click();
  const res = await answer;
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ assessments: 2, answers: 3 });
  await expect(page.getByTestId('as-import-success')).toContainText('Đã ghi 3 câu trả lời của 2 đơn vị');

  // the reviewer's downloads
  for (const [id, ext] of [['as-results-xlsx', 'xlsx'], ['as-report-docx', 'docx']] as const) {
    const d = page.waitForEvent('download');
    await page.getByTestId(id).click();
    expect((await d).suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
  }

  // who has not submitted (every school, none late yet), then who has not been reviewed (none)
  await expect(page.getByTestId('as-reviewers')).toContainText('Sở Giáo dục và Đào tạo');
  const total = page.getByTestId('as-outstanding-total');
  await expect(total).not.toHaveText('0 đơn vị');
  await page.getByTestId('as-outstanding-late').check();
  await expect(total).toHaveText('0 đơn vị');
  await page.getByTestId('as-outstanding-late').uncheck();
  await page.getByTestId('as-outstanding-kind').getByText('Chưa thẩm định').click();
  await expect(total).toHaveText('0 đơn vị');

  // at phone width the tools and the import stay usable
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('as-template')).toBeVisible();
  await expect(page.getByTestId('as-import-submit')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});
