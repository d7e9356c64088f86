import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, xlsxWorkbook } from './xlsx.js';
import { readXlsx, xlsxStream } from './tabular.js';

async function bytes(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('streamed .xlsx writer', () => {
  it('names columns as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  it('writes sheets that Excel readers open: text, numbers, empty cells, bold title and header, widths', async () => {
    const hostile = 'Trường <b>&"x"</b>\u0000\u0008 tab\there\nline';
    async function* rows() {
      yield [['Điện Biên', 12, null, hostile], ['', 0, 1.5, 'Sơn La']];
      yield [[ 'x'.repeat(40_000), -3, undefined, '10000000000000000001']];
    }
    const buf = await bytes(xlsxWorkbook([
      { name: 'Tổng hợp: năm/2026 [một]', columns: [{ width: 40 }], titleRows: [['Báo cáo năm 2026']], rows: [[['Số cặp', 7]]] },
      { name: 'Cặp', columns: [{ header: 'Tỉnh', width: 30 }, { header: 'Số' }, { header: 'Tỉ lệ' }, { header: 'Ghi chú' }], rows: rows() },
    ]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp  năm 2026  một ', 'Cặp']);
    const [a, b] = wb.worksheets;
    expect(a.getCell('A1').value).toBe('Báo cáo năm 2026');
    expect(a.getCell('A1').font?.bold).toBe(true);
    expect(a.getCell('A2').value).toBe('Số cặp');
    expect(a.getCell('B2').value).toBe(7);
    expect(a.getColumn(1).width).toBe(40);
    expect(b.getRow(1).values).toEqual([undefined, 'Tỉnh', 'Số', 'Tỉ lệ', 'Ghi chú']);
    expect(b.getCell('A1').font?.bold).toBe(true);
    expect(b.getCell('A2').font?.bold).toBeFalsy();
    expect(b.getCell('A2').value).toBe('Điện Biên');
    expect(b.getCell('B2').value).toBe(12);
    expect(b.getCell('C2').value).toBeNull();
    // characters XML cannot carry are dropped; markup is text
    expect(b.getCell('D2').value).toBe('Trường <b>&"x"</b> tab\there\nline');
    expect(b.getCell('B3').value).toBe(0);
    expect(b.getCell('C3').value).toBe(1.5);
    // Excel's cell limit, and a sum of đồng past 2^53 kept as its digits
    expect(String(b.getCell('A4').value)).toHaveLength(32_767);
    expect(b.getCell('B4').value).toBe(-3);
    expect(b.getCell('D4').value).toBe('10000000000000000001');
    expect(b.rowCount).toBe(4);
  });

  it('streams a list export that the project\'s own reader reads back row for row', async () => {
    async function* batches() {
      for (let i = 0; i < 30; i++) yield Array.from({ length: 1000 }, (_, j) => ({ id: i * 1000 + j, name: `Trường số ${i * 1000 + j}` }));
    }
    const buf = await bytes(xlsxStream('Danh sách', [{ header: 'Mã', value: (r: { id: number }) => r.id }, { header: 'Tên', value: (r: { name: string }) => r.name }], batches()));
    const sheet = await readXlsx(buf);
    expect(sheet.headers).toEqual(['Mã', 'Tên']);
    expect(sheet.rows).toHaveLength(30_000);
    expect(sheet.rows[29_999]).toEqual({ line: 30_001, values: ['29999', 'Trường số 29999'] });
  });
});
