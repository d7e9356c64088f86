import { protocol, types, type PGlite } from '@electric-sql/pglite';

/**
 * A PGlite statement in one exchange of the wire protocol, its rows read straight from the bytes.
 *
 * PGlite's own `query` sends a statement in six calls into the engine (parse, describe, bind,
 * describe, execute, sync) and reads each answer with a parser that copies every field of every
 * row into an ArrayBuffer of its own before decoding it. On the national data set at 10% that
 * handling took more of a task list's time than the engine's work (a CPU profile of the plan
 * tasks' five statements: 6.5 s in PGlite's JavaScript against 5.8 s in the engine). Here a
 * statement is one call (parse, bind, describe, execute, sync), and each field is decoded from
 * the answer's bytes where it lies.
 *
 * What it keeps of PGlite, so an answer is the same value for value: the parameter types the
 * engine infers (asked once per statement text with a describe, then kept), PGlite's serializer
 * for each of them, and PGlite's parser for each column's type (the instance's, with the
 * application's own, and the array types PGlite registered at start). Errors come back as
 * PGlite's DatabaseError with the same fields. Statements take PGlite's locks as its `query`
 * does: outside a transaction the transaction's lock and the query's, inside one the query's.
 * These are PGlite's internals of the pinned version; when one is missing, `pgliteWire` answers
 * null and PGlite's `query` is used.
 */
interface Internals {
  execProtocolRawStream(message: Uint8Array, options: { syncToFs?: boolean; onRawData: (chunk: Uint8Array) => void }): Promise<void>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _checkReady(): Promise<void>;
  syncToFs(): Promise<void>;
  serializers: Record<number, ((v: unknown) => string) | undefined>;
  parsers: Record<number, ((v: string, oid: number) => unknown) | undefined>;
}

type Row = Record<string, unknown>;
const serialize = protocol.serialize;
const { DatabaseError } = protocol.messages;
/** Statement texts whose parameter types are kept; beyond it the map starts again (texts built from a filter vary). */
const TYPE_CACHE = 2000;

export interface PgliteWire {
  /** Rows of one statement; `tx` is the transaction it runs in (null: on its own). */
  query(text: string, params: unknown[], tx: { readonly closed: boolean } | null): Promise<Row[]>;
  /** Forget the parameter types kept (after a change of schema). */
  forget(): void;
}

export function pgliteWire(pg: PGlite): PgliteWire | null {
  const db = pg as unknown as Internals;
  const needed = ['execProtocolRawStream', '_runExclusiveQuery', '_runExclusiveTransaction', '_checkReady', 'syncToFs'] as const;
  if (needed.some((k) => typeof db[k] !== 'function') || typeof db.serializers !== 'object' || typeof db.parsers !== 'object') return null;
  const paramTypes = new Map<string, number[]>();

  /** Send the messages in one call; the answer's bytes (copied out of the engine's memory). */
  const exchange = async (...messages: Uint8Array[]): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    await db.execProtocolRawStream(Buffer.concat(messages), { syncToFs: false, onRawData: (c) => { chunks.push(Buffer.from(c)); } });
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  };

  const typesOf = async (text: string): Promise<number[]> => {
    const known = paramTypes.get(text);
    if (known) return known;
    const answer = await exchange(serialize.parse({ text }), serialize.describe({ type: 'S' }), serialize.sync());
    const found = readAnswer(answer, db.parsers).paramTypes;
    if (paramTypes.size >= TYPE_CACHE) paramTypes.clear();
    paramTypes.set(text, found);
    return found;
  };

  const run = async (text: string, params: unknown[]): Promise<Row[]> => {
    const oids = params.length ? await typesOf(text) : [];
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const s = db.serializers[oids[i]!];
      return s ? s(v) : String(v);
    });
    const answer = await exchange(serialize.parse({ text }), serialize.bind({ values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync());
    return readAnswer(answer, db.parsers).rows;
  };

  return {
    async query(text, params, tx) {
      if (tx) {
        if (tx.closed) throw new Error('Transaction is closed');
        return db._runExclusiveQuery(() => run(text, params));
      }
      await db._checkReady();
      return db._runExclusiveTransaction(() => db._runExclusiveQuery(async () => {
        const rows = await run(text, params);
        await db.syncToFs();
        return rows;
      }));
    },
    forget: () => paramTypes.clear(),
  };
}

/**
 * The messages of an answer: its parameter types (a describe's), its rows parsed by their column
 * types, or the error it carried (thrown once the whole answer is read).
 */
function readAnswer(b: Buffer, parsers: Internals['parsers']): { rows: Row[]; paramTypes: number[] } {
  const rows: Row[] = [];
  let paramTypes: number[] = [];
  let names: string[] = [];
  let parse: (((v: string, oid: number) => unknown) | null)[] = [];
  let oids: number[] = [];
  let error: Error | null = null;
  let at = 0;
  while (at + 5 <= b.length) {
    const code = b[at]!;
    const length = b.readInt32BE(at + 1);
    const body = at + 5;
    const end = at + 1 + length;
    switch (code) {
      case 0x44: { // D: a row
        if (error) break;
        const n = b.readInt16BE(body);
        const row: Row = {};
        let p = body + 2;
        for (let i = 0; i < n; i++) {
          const len = b.readInt32BE(p);
          p += 4;
          if (len < 0) { row[names[i]!] = null; continue; }
          const text = b.toString('utf8', p, p + len);
          p += len;
          const f = parse[i];
          row[names[i]!] = f ? f(text, oids[i]!) : text;
        }
        rows.push(row);
        break;
      }
      case 0x54: { // T: the columns
        const n = b.readInt16BE(body);
        names = []; parse = []; oids = [];
        let p = body + 2;
        for (let i = 0; i < n; i++) {
          const zero = b.indexOf(0, p);
          names.push(b.toString('utf8', p, zero));
          p = zero + 1 + 4 + 2; // table oid, column number
          const oid = b.readInt32BE(p);
          oids.push(oid);
          parse.push(parsers[oid] ?? types.parsers[oid as keyof typeof types.parsers] ?? null);
          p += 4 + 2 + 4 + 2; // type oid, size, modifier, format
        }
        break;
      }
      case 0x74: { // t: the parameters' types
        const n = b.readInt16BE(body);
        paramTypes = [];
        for (let i = 0; i < n; i++) paramTypes.push(b.readInt32BE(body + 2 + 4 * i));
        break;
      }
      case 0x45: // E: an error
        error ??= databaseError(b, body, end, length);
        break;
      default: // parse, bind, command complete, no data, ready, notices, parameter status
        break;
    }
    at = end;
  }
  if (error) throw error;
  return { rows, paramTypes };
}

/** An ErrorResponse as PGlite's DatabaseError, with the fields PGlite sets. */
function databaseError(b: Buffer, from: number, end: number, length: number): Error {
  const fields: Record<string, string> = {};
  let p = from;
  while (p < end && b[p] !== 0) {
    const key = String.fromCharCode(b[p]!);
    const zero = b.indexOf(0, p + 1);
    fields[key] = b.toString('utf8', p + 1, zero);
    p = zero + 1;
  }
  const e = new DatabaseError(fields.M ?? 'error', length, 'error') as InstanceType<typeof DatabaseError> & Record<string, unknown>;
  const names: Record<string, string> = {
    S: 'severity', C: 'code', D: 'detail', H: 'hint', P: 'position', p: 'internalPosition', q: 'internalQuery', W: 'where', s: 'schema', t: 'table',
    c: 'column', d: 'dataType', n: 'constraint', F: 'file', L: 'line', R: 'routine',
  };
  for (const [k, name] of Object.entries(names)) e[name] = fields[k];
  return e;
}
