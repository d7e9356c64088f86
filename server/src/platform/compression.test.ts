import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BROTLI_OPTIONS } from './http.js';

/** Ledger-like CSV lines (about 145 bytes) written to a compressor 500 at a time, as an export streams them; how much went in before anything came out. */
async function inputBeforeFirstOutput(compressor: zlib.BrotliCompress, total: number): Promise<{ before: number | null; out: Buffer }> {
  const line = (i: number) => `${i.toString(16).padStart(8, '0')}-4000-8000-${(i * 7919).toString(16).padStart(12, '0')},2026-${String((i % 12) + 1).padStart(2, '0')}-15,Công ty ${i % 97},Trường Tiểu học số ${i % 503},Điện Biên,Sách giáo khoa lớp ${i % 5 + 1},${(i * 137) % 90000 + 1000}000,đã tiếp nhận\r\n`;
  let written = 0;
  let before: number | null = null;
  const chunks: Buffer[] = [];
  compressor.on('data', (c: Buffer) => { if (before === null) before = written; chunks.push(c); });
  const done = new Promise((resolve) => compressor.on('end', resolve));
  for (let i = 0; written < total; ) {
    let batch = '';
    for (let n = 0; n < 500; n++) batch += line(i++);
    const b = Buffer.from(batch);
    written += b.length;
    if (!compressor.write(b)) await new Promise((r) => compressor.once('drain', r));
    await new Promise((r) => setImmediate(r));
  }
  compressor.end();
  await done;
  return { before, out: Buffer.concat(chunks) };
}

describe("the app's brotli on a streamed export", () => {
  it('sends its first bytes after well under a megabyte of text, and they decode to the text', async () => {
    const total = 3 * 1024 * 1024;
    const ours = await inputBeforeFirstOutput(zlib.createBrotliCompress(BROTLI_OPTIONS), total);
    expect(ours.before).not.toBeNull();
    expect(ours.before!).toBeLessThan(1024 * 1024);
    expect(zlib.brotliDecompressSync(ours.out).length).toBeGreaterThanOrEqual(total);
    // brotli's default window holds back more than 3 MB before its first byte: the option is what makes the difference
    const plain = await inputBeforeFirstOutput(zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }), total);
    expect(plain.before).not.toBeNull();
    expect(plain.before!).toBeGreaterThanOrEqual(total);
  });
});
