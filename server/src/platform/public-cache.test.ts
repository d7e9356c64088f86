import { describe, expect, it } from 'vitest';
import { PublicCache } from './public-cache.js';

describe('PublicCache', () => {
  it('computes an answer once for the askers within its time, again after it', async () => {
    let now = 0;
    let runs = 0;
    const cache = new PublicCache(5000, 10, () => now);
    const compute = async () => ++runs;
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1, 1]);
    now = 4999;
    expect(await cache.get('a', compute)).toBe(1);
    now = 5000;
    expect(await cache.get('a', compute)).toBe(2);
    expect(await cache.get('b', compute)).toBe(3);
  });

  it('is emptied by a write, keeps no failure, keeps at most its bound, and 0 turns it off', async () => {
    let runs = 0;
    const cache = new PublicCache(60_000, 3, () => 0);
    const compute = async () => ++runs;
    await cache.get('a', compute);
    cache.clear();
    expect(await cache.get('a', compute)).toBe(2);
    await expect(cache.get('bad', async () => { throw new Error('x'); })).rejects.toThrow('x');
    expect(await cache.get('bad', async () => 'ok')).toBe('ok');
    for (const k of ['c', 'd', 'e', 'f']) await cache.get(k, compute);
    expect(cache.size).toBe(3);
    const off = new PublicCache(0);
    expect(await off.get('a', compute)).not.toBe(await off.get('a', compute));
  });
});
