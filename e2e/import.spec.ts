import ExcelJS from 'exceljs';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, DIEN_BIEN, apiGet, mainNav, parseCount, schoolCount, signIn } from './support/app';

// Journey 3: the Điện Biên Department officer imports a school list. A file with bad rows is
// refused as a whole with one line per error; once fixed it is written, and the new schools
// are found in the registry by a search without diacritics.

interface Commune {
  code: string;
  name: string;
  provinceCode: string;
}

/** The template's columns (server/src/modules/schools/service.ts IMPORT_COLUMNS; * = required). */
const TEMPLATE_HEADERS = [
  'Mã trường *', 'Tên trường *', 'Cấp học *', 'Loại hình *', 'Địa chỉ', 'Mã xã *',
  'Vĩ độ', 'Kinh độ', 'Số học sinh', 'Số cán bộ, giáo viên, nhân viên', 'Cụm trường',
];

type Row = (string | number | null)[];

async function xlsx(headers: string[], rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Trường học');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('Department officer: a file with bad rows is refused row by row, the fixed file is imported', async ({ page, consoleGuard }, testInfo) => {
  consoleGuard.expectHttpError('/api/v1/schools/import', 422, 'the first file has bad rows on purpose: the server answers 422 with the row errors');
  // unique per run, so the journey does not depend on what else is in the database
  const stamp = String(Date.now()).slice(-7);

  await signIn(page, ACCOUNTS.department);
  await mainNav(page).getByRole('link', { name: 'Nhập dữ liệu' }).click();
  await expect(page).toHaveURL(/\/nhap-du-lieu\/truong-hoc$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Nhập danh sách trường' })).toBeVisible();

  // ---- the template's headers, from the file the page offers
  const headers = await test.step('download the template and read its headers', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('import-template').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await file.path());
    const row = wb.worksheets[0].getRow(1);
    const found: string[] = [];
    row.eachCell((c) => found.push(String(c.value)));
    expect(found).toEqual(TEMPLATE_HEADERS);
    return found;
  });

  // ---- real commune codes: two in Điện Biên, one in Hà Nội (outside the officer's province)
  const dienBien = (await apiGet<{ items: Commune[] }>(page, `/api/v1/areas/provinces/${DIEN_BIEN}/communes`)).items;
  const byName = (name: string) => {
    const c = dienBien.find((x) => x.name === name);
    expect(c, `commune ${name} of Điện Biên`).toBeTruthy();
    return c!;
  };
  const muongNhe = byName('Mường Nhé');
  const dienBienPhu = byName('Điện Biên Phủ');
  const haNoi = (await apiGet<{ items: Commune[] }>(page, '/api/v1/areas/provinces/01/communes')).items[0];
  expect(haNoi.provinceCode).toBe('01');

  const code = (n: number) => `11E2E${stamp}${n}`;
  const name = (n: number, what: string) => `Trường ${what} Kiểm Thử Nậm Pồ ${stamp}-${n}`;
  // good rows: one with numbers, one written as a Vietnamese user would (decimal commas, 1.200)
  const good1: Row = [code(1), name(1, 'PTDTBT Tiểu học'), 'Tiểu học', 'Công lập', 'Bản Nậm Pồ', muongNhe.code, 22.1852, 102.4598, 312, 28, null];
  const good2: Row = [code(2), name(2, 'Mầm non'), 'Mầm non', 'Công lập', null, dienBienPhu.code, '21,3856', '103,0169', '1.200', '45', null];
  const bad: { row: Row; fixed: Row; column: string; message: string | RegExp }[] = [
    {
      row: [code(3), name(3, 'THCS'), 'THCS', 'Công lập', null, '99999', null, null, 250, 20, null],
      fixed: [code(3), name(3, 'THCS'), 'THCS', 'Công lập', null, muongNhe.code, null, null, 250, 20, null],
      column: 'Mã xã',
      message: 'Mã xã "99999" không có trong danh mục hiện hành (từ 01/07/2025)',
    },
    {
      row: [code(4), name(4, 'Cao đẳng'), 'Đại học', 'Công lập', null, muongNhe.code, null, null, 100, 10, null],
      fixed: [code(4), name(4, 'THPT'), 'THPT', 'Công lập', null, muongNhe.code, null, null, 100, 10, null],
      column: 'Cấp học',
      message: /^Cấp học không hợp lệ: "Đại học"/,
    },
    {
      // Bangkok: outside Vietnam
      row: [code(5), name(5, 'Tiểu học'), 'Tiểu học', 'Công lập', null, muongNhe.code, 13.7563, 100.5018, 90, 9, null],
      fixed: [code(5), name(5, 'Tiểu học'), 'Tiểu học', 'Công lập', null, muongNhe.code, 22.05, 102.6, 90, 9, null],
      column: 'Vĩ độ',
      message: 'Toạ độ (13.7563; 100.5018) nằm ngoài lãnh thổ Việt Nam',
    },
    {
      row: [code(1), name(6, 'Liên cấp'), 'Tiểu học, THCS', 'Công lập', null, muongNhe.code, null, null, 400, 30, null],
      fixed: [code(6), name(6, 'Liên cấp'), 'Tiểu học, THCS', 'Công lập', null, muongNhe.code, null, null, 400, 30, null],
      column: 'Mã trường',
      message: `Mã trường ${code(1)} trùng với dòng 2`,
    },
    {
      row: [code(7), name(7, 'Tiểu học Hà Nội'), 'Tiểu học', 'Công lập', null, haNoi.code, null, null, 500, 40, null],
      fixed: [code(7), name(7, 'Tiểu học'), 'Tiểu học', 'Công lập', null, dienBienPhu.code, null, null, 500, 40, null],
      column: 'Mã xã',
      message: 'Xã này không thuộc tỉnh/thành phố của đơn vị bạn',
    },
  ];
  // lines as Excel numbers them: header 1, good rows 2–3, bad rows 4–8
  const badLines = bad.map((_, i) => i + 4);

  const before = { dienBien: await schoolCount(page, { provinceCode: DIEN_BIEN }), all: await schoolCount(page) };

  await test.step('upload the file with bad rows: every error listed, nothing written', async () => {
    const buffer = await xlsx(headers, [good1, good2, ...bad.map((b) => b.row)]);
    await testInfo.attach('truong-hoc-loi.xlsx', { body: buffer, contentType: XLSX_TYPE });
    await page.getByTestId('import-file').setInputFiles({ name: 'truong-hoc-loi.xlsx', mimeType: XLSX_TYPE, buffer });
    await expect(page.getByTestId('import-file-button')).toContainText('truong-hoc-loi.xlsx');
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/schools/import');
    await page.getByTestId('import-submit').click();
    expect((await answer).status()).toBe(422);

    const report = page.getByTestId('import-report');
    await expect(report.getByRole('alert')).toContainText(`Tệp có ${bad.length} lỗi ở ${bad.length} dòng`);
    await expect(report.getByRole('alert')).toContainText('Chưa có dữ liệu nào được ghi.');
    const lines = page.getByTestId('import-errors').locator('tbody tr');
    await expect(lines).toHaveCount(bad.length);
    for (const [i, b] of bad.entries()) {
      const cells = lines.nth(i).locator('td');
      await expect(cells.nth(0)).toHaveText(String(badLines[i]));
      await expect(cells.nth(1)).toHaveText(b.column);
      await expect(cells.nth(2)).toHaveText(b.message);
    }
    await expect(page.getByTestId('import-success')).toHaveCount(0);

    // nothing was written: the counts are unchanged and the good rows are not there
    expect(await schoolCount(page, { provinceCode: DIEN_BIEN })).toBe(before.dienBien);
    expect(await schoolCount(page)).toBe(before.all);
    expect(await schoolCount(page, { q: code(1) })).toBe(0);
    expect(await schoolCount(page, { q: code(2) })).toBe(0);
  });

  const created = 2 + bad.length;
  await test.step('upload the fixed file: every row written', async () => {
    const buffer = await xlsx(headers, [good1, good2, ...bad.map((b) => b.fixed)]);
    await testInfo.attach('truong-hoc-da-sua.xlsx', { body: buffer, contentType: XLSX_TYPE });
    await page.getByTestId('import-file').setInputFiles({ name: 'truong-hoc-da-sua.xlsx', mimeType: XLSX_TYPE, buffer });
    await expect(page.getByTestId('import-file-button')).toContainText('truong-hoc-da-sua.xlsx');
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/schools/import');
    await page.getByTestId('import-submit').click();
    const res = await answer;
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ created, updated: 0, total: created });

    const success = page.getByTestId('import-success');
    await expect(success).toContainText(`Đã nhập ${created} trường`);
    await expect(success).toContainText(`${created} trường mới, 0 trường được cập nhật.`);
    await expect(page.getByTestId('import-report')).toHaveCount(0);
    expect(await schoolCount(page, { provinceCode: DIEN_BIEN })).toBe(before.dienBien + created);
  });

  await test.step('find a new school in the list by its name without diacritics', async () => {
    await page.getByTestId('import-success').getByRole('link', { name: /Trường học/ }).click();
    await expect(page).toHaveURL(/\/truong-hoc$/);
    await expect(page.getByTestId('school-table')).toBeVisible();
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/schools' && new URL(r.url()).searchParams.has('q'));
    await page.getByTestId('school-search').fill(`mam non kiem thu nam po ${stamp}`);
    expect((await answer).status()).toBe(200);
    await expect(page).toHaveURL(new RegExp(`[?&]q=mam\\+non\\+kiem\\+thu\\+nam\\+po\\+${stamp}`));
    const rows = page.getByTestId('school-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(name(2, 'Mầm non'));
    await expect(rows.first()).toContainText(code(2));
    await expect(rows.first()).toContainText('Phường Điện Biên Phủ');
    await expect(rows.first()).toContainText('1.200');
    expect(parseCount(await page.getByTestId('school-total').innerText())).toBe(1);

    // and its page shows what the file said
    await rows.first().getByRole('link', { name: name(2, 'Mầm non') }).click();
    await expect(page.getByTestId('school-name')).toHaveText(name(2, 'Mầm non'));
    const details = page.getByTestId('school-details');
    await expect(details).toContainText('Mầm non');
    await expect(details).toContainText('21,3856; 103,0169');
  });
});
