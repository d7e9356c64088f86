import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite, protocol } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pgliteParsers } from './db.js';
import { pgliteWire, type PgliteWire } from './pglite-wire.js';

/**
 * The one-exchange statements must answer what PGlite's own `query` answers, value for value,
 * for every type the application reads and writes, and fail, lock and roll back as it does.
 */
let pg: PGlite;
let wire: PgliteWire;

beforeAll(async () => {
  pg = await PGlite.create('memory://', { extensions: { citext }, parsers: pgliteParsers });
  await pg.exec(`CREATE EXTENSION citext;
    CREATE TABLE t (
      id uuid PRIMARY KEY, n2 smallint, n4 int, n8 bigint, num numeric(18, 2), f8 float8, ok boolean, name text, code varchar(10), email citext UNIQUE,
      d date, ts timestamptz, tl timestamp, j jsonb, js json, bin bytea, tags text[], ids uuid[], nums int[], days date[], docs jsonb[], amounts numeric[]
    )`);
  await pg.query(`INSERT INTO t VALUES
    ('00000000-0000-4000-8000-000000000001', 1, 2, 9007199254740991, 1234567.89, 0.1, true, 'Trường PTDTBT Tiểu học Mường Nhé', 'TH-01', 'A@ketnoi.demo',
     '2026-12-15', '2026-12-02 03:04:05.123+00', '2026-12-02 10:04:05', '{"a": [1, "hai", null], "b": {"c": true}}', '{"x": 1.5}', '\\x00ff10',
     '{"lớp học","a,b","quote \\" and \\\\ back","{brace}",NULL,""}', '{00000000-0000-4000-8000-00000000000a}', '{1,-2,3}', '{2026-01-01,2026-12-31}',
     ARRAY['{"k": 1}'::jsonb, '[2]'::jsonb], '{0.5,100}'),
    ('00000000-0000-4000-8000-000000000002', NULL, NULL, NULL, NULL, NULL, NULL, '', NULL, NULL, NULL, NULL, NULL, 'null', NULL, NULL, '{}', NULL, NULL, NULL, NULL, NULL)`);
  wire = pgliteWire(pg)!;
}, 60_000); // an embedded database starts in seconds, more on a busy machine
afterAll(async () => { await pg.close(); });

const both = async (text: string, params: unknown[] = []) => {
  const mine = await wire.query(text, params, null);
  const theirs = (await pg.query(text, params)).rows;
  expect(mine).toEqual(theirs);
  return mine;
};

describe('statements in one exchange', () => {
  it('reads every column type as PGlite does, nulls and empty arrays included', async () => {
    const rows = await both('SELECT * FROM t ORDER BY id');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ n8: 9007199254740991, num: 1234567.89, d: '2026-12-15', ok: true, tags: ['lớp học', 'a,b', 'quote " and \\ back', '{brace}', null, ''] });
    expect(rows[0]!.ts).toBeInstanceOf(Date);
    expect(rows[0]!.bin).toBeInstanceOf(Uint8Array);
    expect(rows[1]).toMatchObject({ n2: null, name: '', j: null, tags: [] });
    // computed columns, duplicate names (the last wins, as in PGlite), no rows, a statement with no answer
    await both(`SELECT 1 AS a, 'x' AS a, now() - interval '1 day' < now() AS earlier, count(*) AS n, sum(num) AS s, array_agg(id ORDER BY id) AS all_ids FROM t`);
    expect(await both('SELECT * FROM t WHERE false')).toEqual([]);
    expect(await wire.query(`UPDATE t SET n2 = n2 WHERE false`, [], null)).toEqual([]);
  });

  it('sends each parameter with the type the statement gives it, as PGlite serializes it', async () => {
    const params = ['00000000-0000-4000-8000-000000000001', 2, '2026-12-15', new Date('2026-12-02T03:04:05.123Z'), ['a,b', 'lớp học'], JSON.stringify({ b: { c: true } }), true,
      ['00000000-0000-4000-8000-00000000000a'], [1, 3], new Uint8Array([0, 255, 16]), null, 'a@KETNOI.demo'];
    const rows = await both(`SELECT id FROM t WHERE id = $1 AND n4 = $2 AND d = $3::date AND ts = $4 AND tags && $5::text[] AND j @> $6::jsonb AND ok = $7
      AND ids = $8::uuid[] AND nums @> $9::int[] AND bin = $10 AND ($11::text IS NULL) AND email = $12`, params);
    expect(rows).toEqual([{ id: '00000000-0000-4000-8000-000000000001' }]);
    // the same text again with other values (its parameter types kept), and after they are forgotten
    await both('SELECT count(*)::int AS n FROM t WHERE n4 = $1', [2]);
    await both('SELECT count(*)::int AS n FROM t WHERE n4 = $1', [3]);
    wire.forget();
    expect(await both('SELECT count(*)::int AS n FROM t WHERE n4 = $1', [2])).toEqual([{ n: 1 }]);
    // writes with RETURNING
    const inserted = await wire.query(`INSERT INTO t (id, name, j, days) VALUES ($1, $2, $3, $4) RETURNING id, name, j, days`,
      ['00000000-0000-4000-8000-000000000003', 'Điểm trường Huổi Lếch', JSON.stringify([1, { a: 'b' }]), ['2026-01-02']], null);
    expect(inserted).toEqual([{ id: '00000000-0000-4000-8000-000000000003', name: 'Điểm trường Huổi Lếch', j: [1, { a: 'b' }], days: ['2026-01-02'] }]);
  });

  it('answers thousands of rows across the engine\'s chunks, the same as PGlite', async () => {
    const rows = await both(`SELECT g AS n, md5(g::text) AS h, repeat('Đ', g % 50) AS v, (g % 7 = 0) AS b FROM generate_series(1, 20000) g`);
    expect(rows).toHaveLength(20000);
    expect(rows[19999]).toEqual({ n: 20000, h: expect.any(String), v: 'Đ'.repeat(20000 % 50), b: false });
  });

  it('fails as PGlite does, with the code, constraint and severity, and the next statement runs', async () => {
    const caught = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Record<string, unknown>);
    const mine = await caught(wire.query(`INSERT INTO t (id, email) VALUES ($1, $2)`, ['00000000-0000-4000-8000-000000000009', 'a@ketnoi.demo'], null));
    const theirs = await caught(pg.query(`INSERT INTO t (id, email) VALUES ($1, $2)`, ['00000000-0000-4000-8000-000000000009', 'a@ketnoi.demo']));
    expect(mine).toBeInstanceOf(protocol.messages.DatabaseError);
    for (const k of ['code', 'constraint', 'severity', 'message', 'detail', 'table', 'schema']) expect(mine?.[k], k).toEqual(theirs?.[k]);
    expect(mine).toMatchObject({ code: '23505', constraint: 't_email_key', severity: 'ERROR' });
    expect(await caught(wire.query('SELEC 1', [], null))).toMatchObject({ code: '42601' });
    expect(await caught(wire.query('SELECT $1::int', ['không phải số'], null))).toMatchObject({ code: '22P02' });
    expect(await both('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 3 }]);
  });

  it('runs inside a transaction, rolls back with it, and refuses a closed one', async () => {
    let handle: { closed: boolean } | null = null;
    await expect(pg.transaction(async (tx) => {
      handle = tx;
      await wire.query(`INSERT INTO t (id, name) VALUES ($1, 'trong giao dịch')`, ['00000000-0000-4000-8000-000000000004'], tx);
      expect(await wire.query(`SELECT name FROM t WHERE id = $1`, ['00000000-0000-4000-8000-000000000004'], tx)).toEqual([{ name: 'trong giao dịch' }]);
      throw new Error('huỷ');
    })).rejects.toThrow('huỷ');
    expect(await both(`SELECT count(*)::int AS n FROM t WHERE id = $1`, ['00000000-0000-4000-8000-000000000004'])).toEqual([{ n: 0 }]);
    await expect(wire.query('SELECT 1', [], handle)).rejects.toThrow(/closed/);
  });

  it('a statement on its own waits for a transaction under way: it never runs inside it', async () => {
    let inTx!: () => void;
    const started = new Promise<void>((r) => { inTx = r; });
    const tx = pg.transaction(async (t) => {
      await t.query(`INSERT INTO t (id, name) VALUES ('00000000-0000-4000-8000-000000000005', 'sẽ huỷ')`);
      inTx();
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('huỷ');
    }).catch(() => 'rolled back');
    await started;
    // issued while the transaction is open: it must wait, and survive the rollback
    const outside = wire.query(`INSERT INTO t (id, name) VALUES ('00000000-0000-4000-8000-000000000006', 'ngoài') RETURNING name`, [], null);
    expect(await tx).toBe('rolled back');
    expect(await outside).toEqual([{ name: 'ngoài' }]);
    expect(await both(`SELECT id FROM t WHERE id IN ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000006')`))
      .toEqual([{ id: '00000000-0000-4000-8000-000000000006' }]);
  });
});
