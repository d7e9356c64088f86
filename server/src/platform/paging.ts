import { decodeCursor, encodeCursor } from './cursor.js';
import { badRequest } from './errors.js';

/**
 * Keyset paging, the one way every list pages. A repository reads `limit + 1` rows after the
 * cursor's key, ordered by the same key (which ends with the row's unique id, so it is total);
 * `page()` cuts the extra row and makes the next cursor from the last row's key. Cursors are
 * opaque to clients and checked on the way in (a forged one is a 400, never a 500).
 */
export interface PageRequest {
  cursor?: string;
  limit: number;
}

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export type KeyPart = string | number | boolean | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UTC instant as the repositories write it into keys (to the microsecond). */
/** A UTC moment to the microsecond, with or without its Z. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z?$/;
const utc = (s: string) => (s.endsWith('Z') ? s : `${s}Z`);

export type KeyKind = 'string' | 'number' | 'nullable-string' | 'nullable-number' | 'uuid' | 'timestamp';

/**
 * The key after which to read, or null for the first page. `kinds` says what each part must be
 * (a `uuid` or `timestamp` part is checked too, so a forged one never reaches a SQL cast).
 */
export function afterKey(cursor: string | undefined, kinds: readonly KeyKind[]): KeyPart[] | null {
  const v = decodeCursor(cursor, kinds.length);
  if (!v) return null;
  kinds.forEach((k, i) => {
    const x = v[i];
    const ok = k === 'uuid' ? typeof x === 'string' && UUID.test(x)
      : k === 'timestamp' ? typeof x === 'string' && TIMESTAMP.test(x) && !Number.isNaN(Date.parse(utc(x))) && new Date(utc(x)).toISOString().slice(0, 19) === x.slice(0, 19)
      : k === 'string' ? typeof x === 'string'
      : k === 'number' ? typeof x === 'number' && Number.isFinite(x)
      : k === 'nullable-string' ? x === null || typeof x === 'string'
      : x === null || (typeof x === 'number' && Number.isFinite(x));
    if (!ok || (typeof x === 'string' && (x.length > 300 || x.includes('\u0000')))) throw badRequest('Tham số cursor không hợp lệ');
  });
  return v as KeyPart[];
}

/** One page from `limit + 1` rows read after the cursor; `key` gives a row's sort key. */
export function page<R, T = R>(rows: R[], req: PageRequest, total: number, key: (row: R) => KeyPart[], map?: (rows: R[]) => T[]): PageOf<T> {
  const items = rows.slice(0, req.limit);
  const last = items[items.length - 1];
  return {
    items: map ? map(items) : (items as unknown as T[]),
    nextCursor: rows.length > req.limit && last !== undefined ? encodeCursor(key(last)) : null,
    total,
  };
}

/**
 * A page whose total was counted only up to `cap` (+ 1, to know it was passed): the total said is at
 * most the cap, and `totalCapped` tells the reader there are more ("more than 10,000 entries").
 */
export function cappedPage<R, T = R>(rows: R[], req: PageRequest, counted: number, cap: number, key: (row: R) => KeyPart[], map?: (rows: R[]) => T[]): PageOf<T> & { totalCapped: boolean } {
  return { ...page(rows, req, Math.min(counted, cap), key, map), totalCapped: counted > cap };
}

/**
 * The batches of an export, the next one asked for while the current one is written: the
 * database reads batch n + 1 while the server formats and sends batch n, so an export takes about
 * the longer of the two instead of their sum. At most one batch is read ahead (memory stays
 * bounded); when the reader stops early (the client went away) the batch in flight is awaited
 * and dropped and the source is closed.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<T>> | null = it.next();
  try {
    for (;;) {
      const r: IteratorResult<T> = await next;
      next = null;
      if (r.done) return;
      next = it.next();
      yield r.value;
    }
  } finally {
    if (next) {
      await next.catch(() => undefined);
      await it.return?.(undefined);
    }
  }
}

/**
 * Every row of a list in batches, for exports: reads page after page with the same keyset query,
 * so memory stays bounded whatever the size and each batch costs the same.
 */
export async function* batches<R>(read: (after: KeyPart[] | null, limit: number) => Promise<R[]>, key: (row: R) => KeyPart[], size = 2000): AsyncGenerator<R[]> {
  let after: KeyPart[] | null = null;
  for (;;) {
    const rows = await read(after, size);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    after = key(rows[rows.length - 1]);
  }
}

/**
 * The batches of an export read two at a time on two connections (PostgreSQL): the key that ends
 * the first batch is read first (`boundary`: the key `size` rows after `after`, or null when fewer
 * remain), then both batches at once, the first one bounded by that key (inclusive, so a row
 * written in between is neither lost nor read twice) and the second one starting after it. At
 * national scale a batch's database part (its lookups of schools and ledger rows) costs more per
 * row as the tables grow; two at once it costs as much per row at a tenth of the data as at all of
 * it. Memory stays bounded: two batches at a time.
 */
export async function* batchPairs<R>(
  read: (after: KeyPart[] | null, limit: number, until: KeyPart[] | null) => Promise<R[]>,
  boundary: (after: KeyPart[] | null, size: number) => Promise<KeyPart[] | null>,
  key: (row: R) => KeyPart[],
  size = 2000,
): AsyncGenerator<R[]> {
  let after: KeyPart[] | null = null;
  for (;;) {
    const mid = await boundary(after, size);
    // `read` with `until` returns every row up to it, however many were written since `boundary`
    const [first, second] = mid ? await Promise.all([read(after, size, mid), read(mid, size, null)]) : [await read(after, size, null), null];
    if (first.length) yield first;
    const last = second ?? first;
    if (second?.length) yield second;
    if (last.length < size) return;
    after = key(last[last.length - 1]!);
  }
}

/**
 * An export's batches on the engine at hand: two at once on PostgreSQL (`batchPairs`), one after
 * the other on the embedded engine, which has one connection.
 */
export function exportBatches<R>(
  engine: 'postgres' | 'pglite',
  read: (after: KeyPart[] | null, limit: number, until: KeyPart[] | null) => Promise<R[]>,
  boundary: (after: KeyPart[] | null, size: number) => Promise<KeyPart[] | null>,
  key: (row: R) => KeyPart[],
  size = 2000,
): AsyncGenerator<R[]> {
  return engine === 'postgres' ? batchPairs(read, boundary, key, size) : batches((after, limit) => read(after, limit, null), key, size);
}
