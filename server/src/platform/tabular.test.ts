import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsv, readTable, readXlsx, TABLE_LIMITS } from './tabular.js';
import { AppError } from './errors.js';
import { zipBomb } from '../../test/zip-bomb.js';
import { HttpUrl } from '../../../contracts/http.js';

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('spreadsheet bounds before expansion', () => {
  it('refuses a zip bomb of a million rows in well under a second with bounded memory, whatever it claims', async () => {
    const bomb = await zipBomb({ rows: 1_000_000 });
    expect(bomb.length).toBeLessThan(250 * 1024);
    for (const variant of [{}, { dimension: false }, { dimension: false, lie: true }]) {
      const file = await zipBomb({ rows: 1_000_000, ...variant });
      const rss = process.memoryUsage().rss;
      const t = performance.now();
      const e = await refusal(readXlsx(file, 60_000));
      const ms = performance.now() - t;
      const mb = (process.memoryUsage().rss - rss) / 1024 / 1024;
      console.log(`zip bomb ${JSON.stringify(variant)}: ${Math.round(file.length / 1024)} KB refused in ${ms.toFixed(0)} ms, rss +${mb.toFixed(1)} MB: ${e.message}`);
      expect(e.status).toBe(422);
      expect(e.message).toBe('Tệp có quá nhiều dòng (tối đa 60.000)');
      expect(ms).toBeLessThan(1000);
      expect(mb).toBeLessThan(64);
    }
  }, 60_000);

  it('stops inflating at the byte budget when the rows are few but huge', async () => {
    // 40,000 rows of 60 columns: few rows, far more than 50 MB of XML
    const file = await zipBomb({ rows: 40_000, columns: 60, dimension: false, lie: true });
    const t = performance.now();
    const e = await refusal(readXlsx(file, 100_000));
    expect(e.message).toBe('Tệp Excel giải nén quá lớn (tối đa 50 MB)');
    expect(performance.now() - t).toBeLessThan(1000);
  }, 60_000);

  it('refuses a declared dimension past the limits, and too many columns', async () => {
    expect((await refusal(readXlsx(await zipBomb({ rows: 70_000, numbered: true }), 60_000))).message).toBe('Tệp có quá nhiều dòng (tối đa 60.000)');
    const wide = new ExcelJS.Workbook();
    wide.addWorksheet('a').addRow(Array.from({ length: TABLE_LIMITS.columns + 1 }, (_, i) => `c${i}`));
    const buf = Buffer.from(await wide.xlsx.writeBuffer());
    expect((await refusal(readXlsx(buf, 100))).message).toBe(`Tệp có quá nhiều cột (tối đa ${TABLE_LIMITS.columns})`);
    expect((await refusal(() => readCsv(`${Array.from({ length: 150 }, (_, i) => `c${i}`).join(',')}\n1,2\n`))).message).toBe(`Tệp có quá nhiều cột (tối đa ${TABLE_LIMITS.columns})`);
  });

  it('still reads an ordinary workbook, and refuses what is not one', async () => {
    const small = await readXlsx(await zipBomb({ rows: 1000, numbered: true }), 5000);
    expect(small.rows).toHaveLength(999);
    expect((await refusal(readTable('x.xlsx', Buffer.from('PK\u0003\u0004 not a zip')))).message).toContain('Không đọc được tệp Excel');
    expect((await refusal(readTable('x.xlsx', Buffer.alloc(0)))).status).toBe(422);
  });

  it('reads CSV cells without control characters (a NUL never reaches the database)', () => {
    const s = readCsv('Mã,Tên\nA\u0000B,Tr\u0001ường\n');
    expect(s.rows[0].values).toEqual(['A B', 'Tr ường']);
    expect((() => { try { readCsv('a\n'.repeat(20), 5); } catch (e) { return (e as AppError).message; } })()).toBe('Tệp có quá nhiều dòng (tối đa 5)');
  });
});

describe('web addresses people enter', () => {
  it('are http(s) only', () => {
    for (const ok of ['https://example.org', 'http://truong.edu.vn/gioi-thieu?a=1', ' https://example.org/ ']) expect(HttpUrl.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:msgbox', 'ftp://example.org',
      'https://', 'http://user:pass@example.org', '//example.org', 'example.org', `https://example.org/${'a'.repeat(300)}`, 'https://exa mple.org']) {
      expect(HttpUrl.safeParse(bad).success, bad).toBe(false);
    }
  });
});
