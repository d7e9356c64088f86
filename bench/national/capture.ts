import type { Db } from '../../server/src/platform/db.js';

/** A statement the app ran: its text and parameters. */
export interface Statement { text: string; params: unknown[] }

/**
 * The same database, recording every statement run through it (also inside transactions) while
 * `recording` is on, so a benchmark or a test can EXPLAIN exactly what a route ran.
 */
export function recordingDb(db: Db): { db: Db; statements: Statement[]; on(): void; off(): void } {
  const statements: Statement[] = [];
  let recording = false;
  const wrap = (inner: Db): Db => {
    const note = (text: string, params?: unknown[]) => { if (recording) statements.push({ text, params: params ?? [] }); };
    return {
      get engine() { return inner.engine; },
      query: (text, params) => { note(text, params); return inner.query(text, params); },
      one: (text, params) => { note(text, params); return inner.one(text, params); },
      maybeOne: (text, params) => { note(text, params); return inner.maybeOne(text, params); },
      exec: (sql) => inner.exec(sql),
      rawRows: (text, params) => inner.rawRows(text, params),
      tx: (fn) => inner.tx((t) => fn(wrap(t))),
      close: () => inner.close(),
    } as Db;
  };
  return { db: wrap(db), statements, on: () => { statements.length = 0; recording = true; }, off: () => { recording = false; } };
}

export interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }

/** Every node of a plan (EXPLAIN (FORMAT JSON)). */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** The plan of a statement, as JSON, without running it. */
export async function explain(db: Db, text: string, params: unknown[]): Promise<PlanNode> {
  const rows = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${text}`, params);
  const raw = rows[0]['QUERY PLAN'];
  const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return json[0].Plan;
}
