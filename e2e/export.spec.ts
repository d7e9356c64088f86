import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { DIEN_BIEN, parseCount, pickOption, type SchoolPage } from './support/app';

// Journey 5: the public filters the school list by province, downloads it as XLSX and CSV, and
// the files hold exactly the schools the page counts.

/** The export's columns (server/src/modules/schools/routes.ts COLUMNS). */
const EXPORT_HEADERS = [
  'Mã trường', 'Tên trường', 'Cấp học', 'Loại hình', 'Địa chỉ', 'Mã xã', 'Xã/phường/đặc khu', 'Mã tỉnh',
  'Tỉnh/thành phố', 'Vĩ độ', 'Kinh độ', 'Số học sinh', 'Số cán bộ, giáo viên, nhân viên', 'Cụm trường',
];

/** RFC 4180 CSV (quotes, doubled quotes, CRLF), tolerant of a leading BOM. */
function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function filterDienBien(page: Page): Promise<number> {
  await page.goto('/truong-hoc');
  await expect(page.getByTestId('school-table')).toBeVisible();
  const answer = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === '/api/v1/schools' && u.searchParams.get('provinceCode') === DIEN_BIEN;
  });
  await pickOption(page, 'filter-province', 'Điện Bi', 'Điện Biên');
  const res = await answer;
  expect(res.status()).toBe(200);
  const { total } = (await res.json()) as SchoolPage;
  expect(total).toBeGreaterThan(0);
  await expect(page).toHaveURL(/\/truong-hoc\?tinh=11$/);
  await expect(page.getByTestId('filter-province')).toHaveValue('Điện Biên');
  // the count shown is the filtered one, and every row shown is in Điện Biên
  await expect(page.getByTestId('school-total')).toHaveText(`${total.toLocaleString('vi-VN')} trường`);
  const provinceCells = page.getByTestId('school-row').locator('td:nth-child(5)');
  await expect(provinceCells.first()).toHaveText('Điện Biên');
  expect(new Set(await provinceCells.allInnerTexts())).toEqual(new Set(['Điện Biên']));
  return parseCount(await page.getByTestId('school-total').innerText());
}

test('export the Điện Biên list as XLSX: header row and one row per school counted', async ({ page }, testInfo) => {
  const shown = await filterDienBien(page);
  const link = page.getByTestId('export-xlsx');
  await expect(link).toHaveAttribute('href', `/api/v1/schools?provinceCode=${DIEN_BIEN}&format=xlsx`);

  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const saved = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(saved);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const vals: string[] = [];
    r.eachCell({ includeEmpty: true }, (c, col) => {
      vals[col - 1] = c.value == null ? '' : String(c.value);
    });
    rows.push(Array.from(vals, (v) => v ?? ''));
  });
  expect(rows[0]).toEqual(EXPORT_HEADERS);
  const data = rows.slice(1);
  expect(data).toHaveLength(shown);
  const col = (h: string) => EXPORT_HEADERS.indexOf(h);
  expect(new Set(data.map((r) => r[col('Mã tỉnh')]))).toEqual(new Set([DIEN_BIEN]));
  expect(new Set(data.map((r) => r[col('Tỉnh/thành phố')]))).toEqual(new Set(['Điện Biên']));
  // one row per school
  expect(new Set(data.map((r) => r[col('Mã trường')])).size).toBe(shown);
});

test('export the Điện Biên list as CSV: header row and one row per school counted', async ({ page }, testInfo) => {
  const shown = await filterDienBien(page);
  const link = page.getByTestId('export-csv');
  await expect(link).toHaveAttribute('href', `/api/v1/schools?provinceCode=${DIEN_BIEN}&format=csv`);

  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const saved = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(saved);

  const text = await fs.readFile(saved, 'utf8');
  const rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ''));
  expect(rows[0]).toEqual(EXPORT_HEADERS);
  const data = rows.slice(1);
  expect(data).toHaveLength(shown);
  for (const r of data) expect(r).toHaveLength(EXPORT_HEADERS.length);
  const col = (h: string) => EXPORT_HEADERS.indexOf(h);
  expect(new Set(data.map((r) => r[col('Tỉnh/thành phố')]))).toEqual(new Set(['Điện Biên']));
  expect(new Set(data.map((r) => r[col('Mã trường')])).size).toBe(shown);
});
