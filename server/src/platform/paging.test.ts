import { describe, expect, it } from 'vitest';
import { batchPairs, batches, readAhead } from './paging.js';

/** A source of numbered batches that records when each read starts and ends. */
function source(count: number, log: string[], fail?: number) {
  return batches<number>(async (after) => {
    const from = after ? Number(after[0]) + 1 : 0;
    log.push(`read ${from}`);
    await new Promise((r) => setTimeout(r, 5));
    if (from === fail) throw new Error('lỗi đọc');
    log.push(`read ${from} done`);
    return from >= count ? [] : [from, from + 1].filter((n) => n < count);
  }, (n) => [n], 2);
}

describe('readAhead', () => {
  it('gives every batch in order, the next one already being read while the current one is handled', async () => {
    const log: string[] = [];
    const seen: number[][] = [];
    for await (const b of readAhead(source(6, log))) {
      log.push(`handle ${b[0]}`);
      seen.push(b);
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(seen).toEqual([[0, 1], [2, 3], [4, 5]]);
    // batch 2's read started before batch 0 was handled; never two reads ahead
    expect(log.indexOf('read 2')).toBeLessThan(log.indexOf('handle 0'));
    expect(log.indexOf('read 4')).toBeGreaterThan(log.indexOf('handle 0'));
    expect(log.indexOf('read 4')).toBeLessThan(log.indexOf('handle 2'));
  });

  it('stops reading when the reader stops, after the batch in flight has ended', async () => {
    const log: string[] = [];
    for await (const b of readAhead(source(100, log))) {
      if (b[0] === 2) break;
    }
    // the read of batch 4 was in flight when the loop stopped: it ended, and nothing after it began
    expect(log.filter((l) => l.startsWith('read') && !l.endsWith('done'))).toEqual(['read 0', 'read 2', 'read 4']);
    expect(log).toContain('read 4 done');
  });

  it('passes a failed read on to the reader, and a failure read ahead that the reader never asks for is not thrown', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    await expect((async () => { for await (const b of readAhead(source(100, log, 4))) seen.push(b[0]); })()).rejects.toThrow('lỗi đọc');
    expect(seen).toEqual([0, 2]);
    const quiet: string[] = [];
    for await (const b of readAhead(source(100, quiet, 4))) if (b[0] === 2) break;
    expect(quiet).toContain('read 4');
  });
});

describe('batchPairs', () => {
  /** Rows kept sorted; reads after a key, to a key (inclusive) or a number of rows, as a keyset query would. */
  function table(rows: number[]) {
    const data = [...rows].sort((a, b) => a - b);
    const reads: { after: number | null; until: number | null; at: number }[] = [];
    let open = 0;
    let most = 0;
    const read = async (after: (string | number | boolean | null)[] | null, limit: number, until: (string | number | boolean | null)[] | null) => {
      open++; most = Math.max(most, open);
      await new Promise((r) => setTimeout(r, 2));
      const from = data.filter((x) => after === null || x > Number(after[0]));
      const out = until ? from.filter((x) => x <= Number(until[0])) : from.slice(0, limit);
      reads.push({ after: after ? Number(after[0]) : null, until: until ? Number(until[0]) : null, at: out.length });
      open--;
      return out;
    };
    const boundary = async (after: (string | number | boolean | null)[] | null, size: number) => {
      const x = data.filter((v) => after === null || v > Number(after[0]))[size - 1];
      return x === undefined ? null : [x];
    };
    return { data, read, boundary, reads, most: () => most };
  }

  it('gives every row once in order, two batches read at once, whatever the count', async () => {
    for (const n of [0, 1, 3, 4, 5, 8, 9, 17]) {
      const t = table(Array.from({ length: n }, (_, i) => i * 10));
      const seen: number[][] = [];
      for await (const b of batchPairs(t.read, t.boundary, (x) => [x], 4)) seen.push(b);
      expect(seen.flat(), `${n} rows`).toEqual(t.data);
      for (const b of seen) expect(b.length).toBeLessThanOrEqual(4);
      if (n > 4) expect(t.most()).toBe(2);
    }
  });

  it('loses and repeats nothing when rows are written between the boundary and the reads', async () => {
    const t = table(Array.from({ length: 12 }, (_, i) => i * 10));
    let writes = 0;
    const boundary = async (after: (string | number | boolean | null)[] | null, size: number) => {
      const mid = await t.boundary(after, size);
      // a row written inside the first batch's range, and one just after its last key
      if (mid && writes < 2) { t.data.push(Number(mid[0]) - 5, Number(mid[0]) + 5); t.data.sort((a, b) => a - b); writes++; }
      return mid;
    };
    const seen: number[] = [];
    for await (const b of batchPairs(t.read, boundary, (x) => [x], 4)) seen.push(...b);
    expect(seen).toEqual(t.data);
    expect(new Set(seen).size).toBe(seen.length);
    // the first batch read up to its boundary, with the row written in it: five rows
    expect(t.reads.find((r) => r.until !== null)).toMatchObject({ after: null, until: 30, at: 5 });
  });
});
