import { describe, expect, it } from 'vitest';
import { batches, readAhead } from './paging.js';

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
