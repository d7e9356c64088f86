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

describe('a shared answer, compressed once', () => {
  it('chooses brotli, then gzip, as the client accepts them', async () => {
    const { acceptedEncoding } = await import('./public-cache.js');
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('gzip')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(acceptedEncoding('*')).toBe('br');
    expect(acceptedEncoding('br;q=0, gzip;q=0')).toBeNull();
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
  });

  it('compresses each form once, whatever the number of visitors, and each decodes to the text', async () => {
    const zlib = await import('node:zlib');
    const { SharedJson } = await import('./public-cache.js');
    const json = JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ i, name: `Trường Tiểu học số ${i}` })) });
    const a = new SharedJson(json);
    const [b1, b2] = await Promise.all([a.encodedAs('br'), a.encodedAs('br')]);
    expect(b1).toBe(b2);
    expect(zlib.brotliDecompressSync(b1).toString()).toBe(json);
    const g = await a.encodedAs('gzip');
    expect(await a.encodedAs('gzip')).toBe(g);
    expect(zlib.gunzipSync(g).toString()).toBe(json);
    expect(g.length).toBeLessThan(json.length / 3);
  });
});
