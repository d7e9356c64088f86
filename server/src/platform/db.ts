import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pgliteWire, type PgliteWire } from './pglite-wire.js';

/**
 * One SQL dialect (PostgreSQL), two engines: PGlite embedded in the process (the default, a data
 * directory on disk) and a PostgreSQL 15+ server. Every module talks to this interface only, so
 * every query runs on both; results are normalised here (bigint and count as numbers, dates as
 * 'YYYY-MM-DD' strings).
 */
export interface Db {
  readonly engine: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  one<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T>;
  maybeOne<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T | undefined>;
  /** Run several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Rows of a statement, or of the last of several when there are no parameters (job queue adapter). */
  rawRows(text: string, params?: unknown[]): Promise<unknown[]>;
  /** Run fn in one transaction; nested calls join the outer transaction. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Work to start once what was written here is committed (at once outside a transaction; never
   * when the transaction rolls back), given the database outside any transaction. Slow work that
   * follows a write (a photo's smaller copies) runs there instead of holding the transaction.
   */
  afterCommit(fn: (db: Db) => void): void;
  close(): Promise<void>;
}

/**
 * A database error as the rest of the server sees it: the SQLSTATE code, the constraint (a name
 * in the schema) and which statement failed, never the driver's message or detail, which can
 * carry the statement's parameters (a pupil's name in a failing row).
 */
export class DbError extends Error {
  constructor(readonly code: string, readonly queryName: string, readonly constraint: string | undefined) {
    super(`SQLSTATE ${code} (${queryName})`);
    this.name = 'DbError';
  }
}

/** A statement's name for logs: its verb and table, and a short hash of its text. */
export function queryName(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const head = /^(?:WITH\b.*?\)\s*)?(SELECT|INSERT INTO \w+|UPDATE \w+|DELETE FROM \w+|\w+)/i.exec(flat)?.[1] ?? 'SQL';
  return `${head}#${crypto.createHash('sha1').update(flat).digest('hex').slice(0, 8)}`;
}

function asDbError(e: unknown, text: string): unknown {
  const x = e as { code?: unknown; severity?: unknown; constraint?: unknown };
  if (e instanceof DbError || !x || typeof x.code !== 'string' || !/^[0-9A-Z]{5}$/.test(x.code) || x.severity === undefined) return e;
  return new DbError(x.code, queryName(text), typeof x.constraint === 'string' ? x.constraint : undefined);
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

function toSafeNumber(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) && Number.isInteger(n)) throw new Error(`Số quá lớn: ${v}`);
  return n;
}

abstract class BaseDb implements Db {
  abstract readonly engine: 'pglite' | 'postgres';
  abstract query<T>(text: string, params?: unknown[]): Promise<T[]>;
  abstract exec(sql: string): Promise<void>;
  abstract rawRows(text: string, params?: unknown[]): Promise<unknown[]>;
  abstract tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
  /** On a transaction's handle: what waits for its commit, and the database it then runs on. */
  protected pendingCommit: ((db: Db) => void)[] | null = null;
  protected outer: Db = this;
  afterCommit(fn: (db: Db) => void): void {
    if (this.pendingCommit) this.pendingCommit.push(fn);
    else fn(this.outer);
  }
  /** A transaction's handle whose after-commit work runs on this database. */
  protected joined<D extends BaseDb>(handle: D): D {
    handle.pendingCommit = [];
    handle.outer = this;
    return handle;
  }
  protected static committed(handle: BaseDb | undefined): void {
    for (const fn of handle?.pendingCommit ?? []) fn(handle!.outer);
  }
  async one<T>(text: string, params?: unknown[]): Promise<T> {
    const rows = await this.query<T>(text, params);
    if (rows.length !== 1) throw new Error(`Expected one row, got ${rows.length}`);
    return rows[0];
  }
  async maybeOne<T>(text: string, params?: unknown[]): Promise<T | undefined> {
    const rows = await this.query<T>(text, params);
    return rows[0];
  }
}

// ---------- PGlite ----------

/** SQL that may change a table's or a type's shape (migrations, tests' fixtures); a SET is not. */
const SCHEMA_CHANGE = /\b(CREATE|ALTER|DROP)\b/i;

type PGliteLike = Pick<PGlite, 'query' | 'exec' | 'transaction'>;

class PgliteDb extends BaseDb {
  readonly engine = 'pglite' as const;
  /**
   * `owner`: the PGlite of the top-level handle (none on a transaction's); `wire`: its statements
   * in one exchange each (pglite-wire.ts), null where PGlite's internals differ; `txOf`: the
   * transaction a handle runs in.
   */
  constructor(private readonly conn: PGliteLike, private readonly owner?: PGlite, private readonly wire: PgliteWire | null = null,
    private readonly txOf: Transaction | null = null) {
    super();
  }
  async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
    try {
      if (this.wire) return (await this.wire.query(text, params.map(toParam), this.txOf)) as T[];
      const res = await this.conn.query<T>(text, params.map(toParam));
      return res.rows;
    } catch (e) {
      throw asDbError(e, text);
    }
  }
  async exec(sql: string): Promise<void> {
    // a change of schema may change the types a statement's parameters are read as
    if (this.wire && SCHEMA_CHANGE.test(sql)) this.wire.forget();
    await this.conn.exec(sql);
  }
  async rawRows(text: string, params: unknown[] = []): Promise<unknown[]> {
    try {
      if (params.length) return (await this.conn.query(text, params)).rows;
      const results = await this.conn.exec(text);
      return results[results.length - 1]?.rows ?? [];
    } catch (e) {
      throw asDbError(e, text);
    }
  }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (!this.owner) return fn(this); // already inside a transaction
    let handle: PgliteDb | undefined;
    const result = await this.owner.transaction(async (t) => {
      handle = this.joined(new PgliteDb(t as unknown as PGliteLike, undefined, this.wire, t));
      return fn(handle);
    });
    BaseDb.committed(handle);
    return result;
  }
  async close(): Promise<void> {
    await this.owner?.close();
  }
}

export const pgliteParsers = {
  [INT8]: (v: string) => toSafeNumber(v),
  [NUMERIC]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Db> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://', {
    extensions: { pg_trgm, unaccent, citext },
    parsers: pgliteParsers,
    loadDataDir,
  });
  return new PgliteDb(db, db, pgliteWire(db));
}

/** Dump a PGlite database (used by the test harness to clone a migrated, loaded database). */
export async function dumpPglite(db: Db): Promise<Blob> {
  const owner = (db as unknown as { owner: PGlite }).owner;
  return owner.dumpDataDir('none');
}

// ---------- PostgreSQL ----------

pg.types.setTypeParser(INT8, toSafeNumber);
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

function toParam(v: unknown): unknown {
  // arrays of strings etc. go through as is; objects become JSON
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) && !(v instanceof Uint8Array)) {
    return JSON.stringify(v);
  }
  return v;
}

class PgDb extends BaseDb {
  readonly engine = 'postgres' as const;
  constructor(private readonly pool: pg.Pool | null, private readonly client: pg.PoolClient | null) {
    super();
  }
  private get runner(): pg.Pool | pg.PoolClient {
    return (this.client ?? this.pool)!;
  }
  async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
    try {
      const res = await this.runner.query(text, params.map(toParam));
      return res.rows as T[];
    } catch (e) {
      throw asDbError(e, text);
    }
  }
  async exec(sql: string): Promise<void> {
    await this.runner.query(sql);
  }
  async rawRows(text: string, params: unknown[] = []): Promise<unknown[]> {
    try {
      const res = (await this.runner.query(text, params.length ? params : undefined)) as unknown as pg.QueryResult | pg.QueryResult[];
      return Array.isArray(res) ? (res[res.length - 1]?.rows ?? []) : res.rows;
    } catch (e) {
      throw asDbError(e, text);
    }
  }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool!.connect();
    try {
      await client.query('BEGIN');
      const handle = this.joined(new PgDb(null, client));
      const result = await fn(handle);
      await client.query('COMMIT');
      BaseDb.committed(handle);
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw asDbError(e, 'COMMIT');
    } finally {
      client.release();
    }
  }
  async close(): Promise<void> {
    await this.pool?.end();
  }
}

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // an idle connection dropped by the server (restart, failover, a dropped test database) is
  // replaced on next use; without a listener the pool's 'error' event would end the process
  pool.on('error', (err) => console.warn(`PostgreSQL: kết nối rảnh bị đóng (${err.message})`));
  const c = await pool.connect();
  c.release();
  return new PgDb(pool, null);
}

export async function openDb(databaseUrl: string | undefined, dataDir: string): Promise<Db> {
  if (databaseUrl) return openPostgres(databaseUrl);
  return openPglite(path.join(dataDir, 'pglite'));
}

/**
 * The planner's statistics. PostgreSQL's autovacuum gathers them as tables change; the embedded
 * engine has no such daemon, so without this every table looks empty to its planner and a join of
 * the 3,321 communes with the 34 provinces becomes a loop of 112,914 probes (1.8 s for the first
 * page of schools of the demo data, 4 ms after). Run after loading data, then every `everyMs`;
 * the summary tables are vacuumed at start and every `tidyEveryMs` (`tidySummaries`).
 */
export async function keepStatistics(db: Db, everyMs = 3_600_000, tidyEveryMs = 600_000): Promise<() => void> {
  if (db.engine !== 'pglite') return () => undefined;
  await db.exec('ANALYZE');
  await tidySummaries(db);
  const timer = setInterval(() => void db.exec('ANALYZE').catch(() => undefined), everyMs);
  const tidy = setInterval(() => void tidySummaries(db).catch(() => undefined), tidyEveryMs);
  timer.unref();
  tidy.unref();
  return () => { clearInterval(timer); clearInterval(tidy); };
}

/**
 * The small summary tables kept by triggers in the writing transaction (migrations 0027, 0034,
 * 0037, 0047, 0051): every pledge or change of a need rewrites a few of their rows, so each write
 * leaves a dead version behind. PostgreSQL's autovacuum reclaims them; the embedded engine has none,
 * and a dashboard that reads need_totals whole was seen reading 975 pages for its 2,690 rows.
 */
export const SUMMARY_TABLES = ['need_totals', 'ledger_totals', 'contributor_totals', 'school_need_map', 'school_need_map_category', 'task_update_latest', 'twinning_pair_year'] as const;

/**
 * A plain VACUUM (ANALYZE) of the summary tables on the embedded engine (at start and every 10
 * minutes from `keepStatistics`): dead rows become free space the next writes reuse, so the tables stop
 * growing, and empty pages at the end are given back; on tables of a few thousand rows it takes
 * milliseconds. Only a table found badly bloated is rewritten (VACUUM FULL). Nothing on PostgreSQL.
 */
export async function tidySummaries(db: Db): Promise<string[]> {
  if (db.engine !== 'pglite') return [];
  const present = (await db.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relname = ANY($1::text[]) AND relnamespace = 'public'::regnamespace ORDER BY relname`, [[...SUMMARY_TABLES]])).map((r) => r.name);
  if (!present.length) return [];
  await db.exec(`VACUUM (ANALYZE) ${present.join(', ')}`);
  // a table left bloated before (fewer than 20 rows a page over more than 64 pages: need_totals
  // of a generated national data set held 2,690 rows in 975 pages) is rewritten compact once;
  // its few thousand rows take milliseconds, and the embedded engine runs one statement at a time anyway
  const bloated = await db.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relname = ANY($1::text[]) AND relnamespace = 'public'::regnamespace AND relpages > 64 AND reltuples >= 0 AND reltuples < relpages * 20 ORDER BY relname`, [present]);
  for (const t of bloated) await db.exec(`VACUUM (FULL, ANALYZE) ${t.name}`);
  return present;
}

/**
 * Run `run` in a transaction of its own with PostgreSQL settings for it alone (SET LOCAL), e.g.
 * JIT off for a statement the planner would compile for nothing, or room to sort in memory.
 * Names and values are the caller's constants, never input.
 */
export const withSettings = <T>(db: Db, settings: Record<string, string>, run: (t: Db) => Promise<T>): Promise<T> =>
  db.tx(async (t) => {
    for (const [name, value] of Object.entries(settings)) await t.exec(`SET LOCAL ${name} = '${value}'`);
    return run(t);
  });
