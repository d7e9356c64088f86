import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readXlsx, TABLE_LIMITS } from './tabular.js';
import { AppError } from './errors.js';
import { xlsxWorkbook } from './xlsx.js';
import { readXlsxWithExcelJS } from '../../test/xlsx-exceljs.js';

/** The streamed reader gives what exceljs gave, cell for cell, on workbooks exceljs and others write. */

const bytes = async (wb: ExcelJS.Workbook, options?: Partial<ExcelJS.XlsxWriteOptions>) =>
  Buffer.from(await wb.xlsx.writeBuffer(options));

async function same(buf: Buffer) {
  const expected = await readXlsxWithExcelJS(buf);
  const got = await readXlsx(buf);
  expect(got).toEqual(expected);
  return got;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

/** A workbook with a cell of every kind the importers meet, and a second sheet that is not read. */
function mixed(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Trường học');
  ws.getRow(2).values = ['Mã trường', 'Tên trường', 'Tỉnh/thành phố', 'Số học sinh', 'Ngày thành lập', 'Đạt chuẩn', 'Ghi chú'];
  ws.getRow(3).values = ['TH001', 'Trường Tiểu học Mường Nhé', 'Điện Biên', 412, new Date(Date.UTC(1998, 8, 5)), true, '  nhiều   khoảng trắng  '];
  ws.getRow(4).values = ['TH002', { richText: [{ text: 'Trường ' }, { font: { bold: true }, text: 'Mầm non' }, { text: ' Sìn Hồ' }] }, 'Lai Châu', 0, null, false];
  // empty cells in the middle and a formatted empty cell at the end of the row
  ws.getCell('A5').value = 'TH003';
  ws.getCell('D5').value = -12.75;
  ws.getCell('H5').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  // formulas with their cached results: number, text, boolean, error, date
  ws.getCell('A6').value = 'TH004';
  ws.getCell('B6').value = { formula: 'CONCATENATE("Trường ","Hà Giang")', result: 'Trường Hà Giang' } as ExcelJS.CellFormulaValue;
  ws.getCell('D6').value = { formula: 'D3*2', result: 824 } as ExcelJS.CellFormulaValue;
  ws.getCell('E6').value = { formula: 'E3+1', result: new Date(Date.UTC(1998, 8, 6)) } as ExcelJS.CellFormulaValue;
  ws.getCell('E6').numFmt = 'dd/mm/yyyy';
  ws.getCell('F6').value = { formula: 'D6>0', result: true } as ExcelJS.CellFormulaValue;
  ws.getCell('G6').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
  // a sparse row further down, numbers as JavaScript writes them, an error value, a link
  ws.getCell('A10').value = 'TH005';
  ws.getCell('B10').value = { text: 'Cổng thông tin', hyperlink: 'https://example.vn' };
  ws.getCell('C10').value = 1e21;
  ws.getCell('D10').value = 0.1 + 0.2;
  ws.getCell('E10').value = 45000.5;
  ws.getCell('E10').numFmt = 'yyyy-mm-dd hh:mm';
  ws.getCell('F10').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  ws.getCell('G10').value = 'Dòng 1\nDòng 2\ttab \u0001';
  // a number in a currency format is not a date; a date number in a quoted-text format is not either
  ws.getCell('A11').value = 'TH006';
  ws.getCell('D11').value = 1500000;
  ws.getCell('D11').numFmt = '#,##0 "đồng"';
  ws.getCell('E11').value = 44927;
  ws.getCell('E11').numFmt = '[$-42A]d mmmm yyyy';
  // a row of formatted empty cells only, and composed/decomposed Vietnamese
  ws.getCell('C12').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFCCCCCC' } };
  ws.getCell('A13').value = 'TH007';
  ws.getCell('B13').value = 'Trường Tiểu học Nậm Pồ'.normalize('NFD');
  // merged cells: across a row, and down a column over rows with and without cells of their own
  ws.getCell('A14').value = 'TH008';
  ws.getCell('B14').value = 'Trường liên cấp';
  ws.mergeCells('B14:C14');
  ws.getCell('A15').value = 'TH009';
  ws.getCell('C15').value = 'Sơn La';
  ws.mergeCells('C15:C18');
  ws.getCell('A17').value = 'TH010';
  const other = wb.addWorksheet('Hướng dẫn');
  other.addRow(['Không đọc trang này']);
  return wb;
}

describe('streamed .xlsx reader', () => {
  it('reads what exceljs read: shared and rich strings, numbers, dates, booleans, formulas, gaps, merges', async () => {
    const got = await same(await bytes(mixed()));
    expect(got.headers).toEqual(['Mã trường', 'Tên trường', 'Tỉnh/thành phố', 'Số học sinh', 'Ngày thành lập', 'Đạt chuẩn', 'Ghi chú']);
    expect(got.rows[0]).toEqual({ line: 3, values: ['TH001', 'Trường Tiểu học Mường Nhé', 'Điện Biên', '412', '1998-09-05', 'true', 'nhiều khoảng trắng'] });
    expect(got.rows.find((r) => r.values[0] === 'TH004')?.values).toEqual(['TH004', 'Trường Hà Giang', '', '824', '1998-09-06', 'true', '']);
    expect(got.rows.find((r) => r.values[0] === 'TH007')?.values[1]).toBe('Trường Tiểu học Nậm Pồ');
    expect(got.rows.filter((r) => r.values[2] === 'Sơn La').map((r) => r.line)).toEqual([15, 16, 17, 18]);
  }, 60_000);

  it('reads a formula never calculated (no cached result) as empty, where exceljs gave "[object Object]"', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    ws.addRow(['Mã', 'Tổng']);
    ws.addRow(['A', 2]);
    ws.getCell('C2').value = { formula: 'B2*2' } as ExcelJS.CellFormulaValue;
    const buf = await bytes(wb);
    expect((await readXlsxWithExcelJS(buf)).rows[0].values).toEqual(['A', '2', '[object Object]']);
    expect((await readXlsx(buf)).rows[0].values).toEqual(['A', '2', '']);
  }, 60_000);

  it('reads strings written inline (no shared strings), and the 1904 date system', async () => {
    await same(await bytes(mixed(), { useSharedStrings: false }));
    const wb = mixed();
    wb.properties.date1904 = true;
    const got = await same(await bytes(wb));
    expect(got.rows[0].values[4]).toBe('1998-09-05');
  }, 60_000);

  it('reads the exports this server writes (inline strings, a title row, several sheets)', async () => {
    async function* rows() {
      yield [['Điện Biên', 12, null, 'Trường <b>&"x"</b>'], ['', 0, 1.5, 'Sơn La']];
    }
    const chunks: Buffer[] = [];
    for await (const c of xlsxWorkbook([
      { name: 'Cặp', columns: [{ header: 'Tỉnh', width: 30 }, { header: 'Số' }, { header: 'Tỉ lệ' }, { header: 'Ghi chú' }], titleRows: [['Báo cáo năm 2026']], rows: rows() },
      { name: 'Khác', columns: [{ header: 'x' }], rows: [[['y']]] },
    ])) chunks.push(c as Buffer);
    const got = await same(Buffer.concat(chunks));
    expect(got.headers).toEqual(['Báo cáo năm 2026']);
  });

  it('reads what other writers put in the XML: cells without references, escapes, phonetic runs', async () => {
    const base = await bytes(mixed());
    const zip = await JSZip.loadAsync(base);
    const sheet = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    const data =
      '<sheetData>' +
      '<row r="1"><c t="inlineStr"><is><t>Mã</t></is></c><c t="inlineStr"><is><t>Tên</t></is></c><c t="inlineStr"><is><t>Số</t></is></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><r><t>Trường </t></r><r><rPr><b/></rPr><t>A&amp;B</t></r></is></c><c r="C2"><v>1.50</v></c></row>' +
      '<row r="3"><c r="A3" t="str"><v>x&amp;lt;y</v></c><c r="C3" t="b"><v>0</v></c><c r="D3" s="0"/></row>' +
      '</sheetData>';
    zip.file('xl/worksheets/sheet1.xml', sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, data).replace(/<mergeCells[\s\S]*<\/mergeCells>/, ''));
    const strings = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Dòng_x000D_hai</t><rPh sb="0" eb="1"><t>phiên âm</t></rPh></si></sst>';
    zip.file('xl/sharedStrings.xml', strings);
    const got = await readXlsx(Buffer.from(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })));
    expect(got).toEqual({
      headers: ['Mã', 'Tên', 'Số'],
      rows: [
        { line: 2, values: ['Dòng hai', 'Trường A&B', '1.5'] },
        { line: 3, values: ['x<y', '', 'false'] },
      ],
    });
  });

  it('gives exactly what exceljs gives on a few thousand rows of every kind of cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    ws.addRow(['Mã', 'Tên', 'Số', 'Ngày', 'Có', 'Công thức', 'Trống', 'Cuối']);
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const names = ['Điện Biên', 'Hà Giang', 'Lào Cai', 'Cao Bằng', 'Sơn La', 'Kon Tum', 'Đắk Nông'];
    for (let i = 0; i < 3000; i++) {
      const r = ws.getRow(i + 2 + Math.floor(i / 500)); // a few gaps
      const kind = Math.floor(rnd() * 10);
      r.getCell(1).value = `M${i}`;
      if (kind !== 3) r.getCell(2).value = kind === 4 ? { richText: [{ text: names[i % 7] }, { text: ` ${i}`, font: { italic: true } }] } : `${names[i % 7]} ${i % 50}`;
      r.getCell(3).value = kind === 5 ? Math.round(rnd() * 1e6) / 100 : Math.round(rnd() * 1000);
      if (kind % 2 === 0) {
        r.getCell(4).value = new Date(Date.UTC(1990 + (i % 30), i % 12, 1 + (i % 28)));
      }
      r.getCell(5).value = kind === 6 ? null : rnd() > 0.5;
      if (kind === 7) r.getCell(6).value = { formula: `C${i + 2}*2`, result: i * 2 } as ExcelJS.CellFormulaValue;
      if (kind === 8) r.getCell(8).value = 'cuối dòng';
      if (kind === 9) r.getCell(10).border = { top: { style: 'thin' } };
    }
    const got = await same(await bytes(wb));
    expect(got.rows).toHaveLength(3000);
  }, 120_000);

  it('gives the same refusals: too many rows, too many columns, no worksheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    for (let i = 0; i < 30; i++) ws.addRow([`r${i}`, i]);
    expect((await refusal(readXlsx(await bytes(wb), 20))).message).toBe('Tệp có quá nhiều dòng (tối đa 20)');
    expect((await readXlsx(await bytes(wb), 29)).rows).toHaveLength(29);

    // a formatted cell past the bound counts in a row with values, as with exceljs
    const wide = new ExcelJS.Workbook();
    const w = wide.addWorksheet('a');
    w.addRow(['a', 'b']);
    w.getCell(3, TABLE_LIMITS.columns + 5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    w.getCell(2, 1).value = 'x';
    w.getCell(2, TABLE_LIMITS.columns + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    expect((await refusal(readXlsx(await bytes(wide)))).message).toBe(`Tệp có quá nhiều cột (tối đa ${TABLE_LIMITS.columns})`);

    const zip = await JSZip.loadAsync(await bytes(wb));
    zip.file('xl/workbook.xml', ((await zip.file('xl/workbook.xml')?.async('string')) ?? '').replace(/<sheets>[\s\S]*<\/sheets>/, '<sheets></sheets>'));
    const none = Buffer.from(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect((await refusal(readXlsx(none))).message).toBe('Tệp Excel không có trang tính nào');
    zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>');
    zip.file('xl/workbook.xml', ((await (await JSZip.loadAsync(await bytes(wb))).file('xl/workbook.xml')?.async('string')) ?? ''));
    const broken = Buffer.from(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect((await refusal(readXlsx(broken))).message).toContain('Không đọc được tệp Excel');
  }, 60_000);
});
