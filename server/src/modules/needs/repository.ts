import type { Db } from '../../platform/db.js';
import { withMapMemory } from '../../platform/map-cells.js';
import { likeEscape } from '../../platform/text.js';
import type { NeedSort } from '../../../../contracts/needs.js';
import { BASE_SQL, OPEN_SQL, PUBLIC_STATES, RW_SQL, LEDGER_COLUMNS_SQL, LEDGER_LATERAL_SQL, LEDGER_PROBE_SQL, REMAINING_VALUE_SQL, ledgerSums, type LedgerRow, type LedgerSums, type NeedState } from './domain.js';

export interface NeedRow extends LedgerRow {
  id: string; school_id: string; school_name: string; school_code: string; school_levels: string[]; province_code: string; province_name: string;
  commune_code: string; commune_name: string; commune_flags: string[]; lat: number | null; lng: number | null; category: string; title: string;
  description: string | null; quantity: number; unit: string; estimated_cost: number; priority: string; state: NeedState; return_reason: string | null;
  withdraw_reason: string | null; acceptance_note: string | null; created_at: Date; published_at: Date | null; updated_at: Date;
}

/** A need's school, commune and province, and its ledger's sums (over rows named `n`). */
const NEED_JOINS = `JOIN school s ON s.organisation_id = n.school_id
  JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code
  JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
  ${LEDGER_LATERAL_SQL}`;

/** Needs with their school and area, and the ledger sums (read from the ledger's table) that derive status and remainder. */
const NEED_SELECT = `SELECT n.id, n.school_id, s.name AS school_name, s.code AS school_code, s.levels AS school_levels, n.province_code,
    p.name AS province_name, n.commune_code, c.full_name AS commune_name, c.flags AS commune_flags, s.lat, s.lng, n.category, n.title,
    n.description, n.quantity, n.unit, n.estimated_cost, n.priority, n.state, n.return_reason, n.withdraw_reason, n.acceptance_note,
    n.created_at, n.published_at, n.updated_at,
    ${LEDGER_COLUMNS_SQL}
  FROM need n
  ${NEED_JOINS}`;

/**
 * The needs a filter selects, with only the joins its conditions name (the school `s`, the commune
 * `c`, the province `p`) and the ledger's sums `l`: the versioned area table joined for every row
 * wrecks the planner's estimates, so rows are chosen (and ordered, and limited) on the need's own
 * columns and codes first, and the page's few rows joined for display after.
 */
function needsFrom(w: string[], withSchool = false, ledger: 'always' | 'when-named' = 'always'): string {
  const text = w.join(' ');
  // the ledger's row only when something reads it (\`l.\`): a count or a page chosen on the need's
  // own columns read one need_ledger row per candidate for nothing (the count of a search matching
  // thousands of needs spent half its time there)
  const withLedger = ledger === 'always' || /\bl\./.test(text);
  return [
    'FROM need n',
    ...(withSchool || /\bs\./.test(text) ? ['JOIN school s ON s.organisation_id = n.school_id'] : []),
    ...(/\bc\./.test(text) ? [`JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = n.commune_code`] : []),
    ...(/\bp\./.test(text) ? [`JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code`] : []),
    ...(withLedger ? [LEDGER_LATERAL_SQL] : []),
  ].join(' ');
}

/** NEED_SELECT over rows already chosen: `chosen` is a subquery of need's columns (and sort_key) named n. */
const displayOf = (chosen: string) => NEED_SELECT.replace('SELECT n.id,', 'SELECT n.sort_key, n.id,').replace('FROM need n', `FROM (${chosen}) n`);

export const sumsOf = (r: NeedRow): LedgerSums => ledgerSums(r);

export interface NeedFilter {
  states?: NeedState[]; provinceCode?: string; communeCode?: string; category?: string; level?: string; flag?: string; schoolId?: string; q?: string;
  /** only needs still open to pledges */
  open?: boolean;
  /** only schools all of whose levels are among these (a commune's schools) */
  schoolLevelsWithin?: readonly string[];
}

/** The words of a search (folded already), at most eight; none when the filter searches nothing. */
const searchWords = (f: NeedFilter): string[] => (f.q ?? '').split(' ').filter(Boolean).slice(0, 8);

/** A parameter's placeholder, its value added to `params`. */
const bind = (params: unknown[], v: unknown) => { params.push(v); return `$${params.length}`; };

/**
 * A search's conditions: every word (folded, no accents) must match somewhere: the need, its
 * school, its commune or its province, whose texts need.search_all holds together (migration 0034,
 * served by need_search_all_trgm). Over rows named `n`.
 */
const searchWhere = (f: NeedFilter, params: unknown[]): string[] =>
  searchWords(f).map((word) => `n.search_all LIKE ${bind(params, '%' + likeEscape(word) + '%')}`);

function needWhere(f: NeedFilter, params: unknown[]): string[] {
  const w: string[] = [];
  const p = (v: unknown) => bind(params, v);
  if (f.states) w.push(`n.state = ANY(${p(f.states)}::text[])`);
  if (f.provinceCode) w.push(`n.province_code = ${p(f.provinceCode)}`);
  if (f.communeCode) w.push(`n.commune_code = ${p(f.communeCode)}`);
  if (f.category) w.push(`n.category = ${p(f.category)}`);
  if (f.schoolId) w.push(`n.school_id = ${p(f.schoolId)}::uuid`);
  if (f.level) w.push(`s.levels @> ARRAY[${p(f.level)}]::text[]`);
  if (f.schoolLevelsWithin) w.push(`s.levels <@ ${p(f.schoolLevelsWithin)}::text[] AND cardinality(s.levels) > 0`);
  if (f.flag) w.push(`${p(f.flag)} = ANY(c.flags)`);
  w.push(...searchWhere(f, params));
  if (f.open) w.push(OPEN_SQL);
  return w;
}

/** How many needs in the list's order a search walks, testing their words, before it reads its matches through the trigram index. */
export const SEARCH_WALK = 6_000;

/**
 * Whether a search may walk the list for its page: over the public needs (what the index
 * need_public_urgency_idx holds) with no other filter than openness. A province, a category or a
 * school narrows what the walk would keep, so it would mostly walk in vain; and over drafts (a
 * Department's or the Ministry's own needs) no index gives the order.
 */
export const searchMayWalk = (f: NeedFilter) =>
  searchWords(f).length > 0 && !!f.states?.length && f.states.every((s) => PUBLIC_STATES.includes(s))
  && !f.provinceCode && !f.communeCode && !f.category && !f.level && !f.flag && !f.schoolId && !f.schoolLevelsWithin;

/** A need's priority as a rank (0 urgent … 3 low): the expression of the index need_public_urgency_idx. */
const PRIORITY_RANK_SQL = `(CASE n.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)`;

/**
 * A page of needs in one of the list's orders; the sort key is derived (urgency, remainder), so it
 * is read with the row. `walk`: a search (in the urgency order) first walks the list for its page,
 * for a search known to match many needs (below).
 */
export async function needs(db: Db, f: NeedFilter, sort: NeedSort, after: unknown[] | null, limit: number, opts: { walk?: boolean } = {}): Promise<(NeedRow & { sort_key: number })[]> {
  if (sort === 'urgency') {
    // urgency: needs still open first (most urgent first), then those met or closed (their sort keys
    // from 4). Each part is read in the order of the index (priority rank, id) and stops after a
    // page's rows; the second is read only when the first does not fill the page, and a cursor
    // already in it skips the first: a search matching thousands of open needs reads them once.
    const searching = searchWords(f).length > 0;
    const part = async (base: number, cond: string, from: unknown[] | null, n: number) => {
      if (!searching) {
        const params: unknown[] = [];
        const w = [...needWhere(f, params), ...keysetAfter(base, from, params), cond];
        params.push(n);
        return db.query<NeedRow & { sort_key: number }>(`${displayOf(`SELECT n.*, ${base} + ${PRIORITY_RANK_SQL} AS sort_key ${needsFrom(w, false, 'when-named')}
            WHERE ${w.join(' AND ')} ORDER BY ${PRIORITY_RANK_SQL}, n.id LIMIT $${params.length}`)} ORDER BY n.sort_key, n.id`, params);
      }
      // A search's matches are read through the trigram index and sorted; their number grows with
      // the data (4,959 public needs for "dien bien" at national scale, 660 at a tenth). A search
      // known to match many (more than a list counts) first walks the list's own order (the index
      // need_public_urgency_idx) for at most SEARCH_WALK needs, testing each one's words: a
      // province's or a district's name fills its page within a few thousand of them, however many
      // needs there are. When the walk does not fill the page, the matches are read and sorted.
      // Walked for every search, a rare word paid for a walk in vain (two, with the met needs).
      // The walk's bound is a LIMIT inside its own subquery, which the planner cannot see past:
      // forced with planner settings (bitmap scans off), a walk once became a whole-table read.
      // Either way the ledger is asked only about the matches the page keeps, one by one in order
      // (a LIMIT 1 lookup, so the planner cannot hash the ledger).
      const walked = opts.walk ? await searchPart(base, cond, from, n, true) : [];
      return walked.length >= n ? walked : searchPart(base, cond, from, n, false);
    };
    const keysetAfter = (base: number, from: unknown[] | null, params: unknown[]) => from
      ? [`(${PRIORITY_RANK_SQL}, n.id) > (${bind(params, Number(from[0]) - base)}::int, ${bind(params, from[1])}::uuid)`] : [];
    const searchPart = (base: number, cond: string, from: unknown[] | null, n: number, walk: boolean) => {
      const params: unknown[] = [];
      // the need's own conditions (and the cursor); the words are tested on the rows walked, or
      // chosen by the trigram index among the matches
      const own = [...needWhere({ ...f, q: undefined, open: false }, params), ...keysetAfter(base, from, params)];
      const words = searchWhere(f, params);
      // the candidates come in the page's order (sorted first, for the matches), so the ledger is
      // asked about them one by one until the page is full; only the id, the rank and the words are
      // carried (a need's whole row was read and sorted for each), the page's rows read whole after
      const candidates = walk
        ? `SELECT n.id, ${PRIORITY_RANK_SQL} AS rank_key, n.search_all ${needsFrom(own, false, 'when-named')} ${own.length ? 'WHERE ' + own.join(' AND ') : ''}
            ORDER BY ${PRIORITY_RANK_SQL}, n.id LIMIT ${bind(params, SEARCH_WALK)}`
        : `SELECT n.id, ${PRIORITY_RANK_SQL} AS rank_key ${needsFrom([...own, ...words], false, 'when-named')} WHERE ${[...own, ...words].join(' AND ')}
            ORDER BY ${PRIORITY_RANK_SQL}, n.id`;
      const kept = [...(walk ? words : []), f.open ? OPEN_SQL : cond];
      const page = `SELECT n.id, n.rank_key FROM (${candidates}) n
          LEFT JOIN LATERAL (SELECT s.open AS op FROM need_ledger s WHERE s.need_id = n.id LIMIT 1) l ON true
          WHERE ${kept.join(' AND ')} ORDER BY n.rank_key, n.id LIMIT ${bind(params, n)}`;
      const chosen = `SELECT n.*, ${base} + k.rank_key AS sort_key FROM (${page}) k JOIN need n ON n.id = k.id`;
      return db.query<NeedRow & { sort_key: number }>(`${displayOf(chosen)} ORDER BY n.sort_key, n.id`, params);
    };
    if (f.open) return part(0, 'true', after, limit);
    const inSecond = after !== null && Number(after[0]) >= 4;
    const first = inSecond ? [] : await part(0, OPEN_SQL, after, limit);
    if (first.length >= limit) return first;
    return [...first, ...(await part(4, `NOT ${OPEN_SQL}`, inSecond ? after : null, limit - first.length))];
  }
  const params: unknown[] = [];
  const w = needWhere(f, params);
  // remaining: the largest open value first; waiting: the longest waiting in its step first (a queue is worked oldest first)
  const key = sort === 'remaining' ? `-${REMAINING_VALUE_SQL}`
    : sort === 'waiting' ? `extract(epoch FROM COALESCE(CASE n.state WHEN 'submitted' THEN n.submitted_at WHEN 'verified' THEN n.verified_at WHEN 'published' THEN n.published_at END, n.updated_at))`
    : `-extract(epoch FROM n.created_at)`;
  if (sort !== 'remaining') {
    // the key is the need's own columns: the page is chosen on the need alone (and the tables its
    // filter names), then only its rows are joined to their school, places and ledger; joined
    // first, every need of a Department's queue was joined before the sort kept a page of them
    if (after) { params.push(after[0], after[1]); w.push(`(${key}, n.id) > ($${params.length - 1}::numeric, $${params.length}::uuid)`); }
    params.push(limit);
    const chosen = `SELECT n.*, ${key} AS sort_key ${needsFrom(w, false, 'when-named')} ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY sort_key, n.id LIMIT $${params.length}`;
    return db.query<NeedRow & { sort_key: number }>(`${displayOf(chosen)} ORDER BY n.sort_key, n.id`, params);
  }
  const inner = `${NEED_SELECT.replace('SELECT n.id,', `SELECT ${key} AS sort_key, n.id,`)} ${w.length ? 'WHERE ' + w.join(' AND ') : ''}`;
  let outer = `SELECT * FROM (${inner}) x`;
  if (after) {
    params.push(after[0], after[1]);
    outer += ` WHERE (x.sort_key, x.id) > ($${params.length - 1}::numeric, $${params.length}::uuid)`;
  }
  params.push(limit);
  return db.query<NeedRow & { sort_key: number }>(`${outer} ORDER BY x.sort_key, x.id LIMIT $${params.length}`, params);
}

/** A need as an export writes it: the columns of its table and the ledger's sums its status and remainder derive from. */
export interface NeedExportRow extends LedgerRow {
  sort_at: string; id: string; school_name: string; province_name: string; commune_name: string; category: string; title: string;
  quantity: number | string; unit: string; estimated_cost: number | string; state: NeedState;
}

/** The export's conditions: the filter's, and its keyset after `after` (newest first). */
function exportWhere(f: NeedFilter, after: unknown[] | null): { w: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const w = needWhere(f, params);
  if (after) {
    params.push(after[0], after[1]);
    w.push(`(n.created_at, n.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  return { w, params };
}

/** The key of the export's row `size` rows after `after` (its last in a batch of that size), or null when fewer remain. */
export async function needExportBoundary(db: Db, f: NeedFilter, after: unknown[] | null, size: number): Promise<[string, string] | null> {
  const { w, params } = exportWhere(f, after);
  params.push(size - 1);
  const r = await db.maybeOne<{ sort_at: string; id: string }>(`SELECT ${EXPORT_KEY_SQL} AS sort_at, n.id ${needsFrom(w, false, 'when-named')} ${w.length ? 'WHERE ' + w.join(' AND ') : ''}
    ORDER BY n.created_at DESC, n.id DESC OFFSET $${params.length} LIMIT 1`, params);
  return r ? [r.sort_at, r.id] : null;
}

/** An export row's key as text (microseconds, UTC), read back as timestamptz. */
const EXPORT_KEY_SQL = `to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The names an export writes beside each need's codes, read by the export rather than joined to
 * each of its rows: the places (34 provinces, 3,321 communes) once, a school's name the first time
 * a batch meets it. Joined, they were two index lookups per row (12,000 of a 2,000-row batch's
 * 20,184 buffers at national scale); kept here, a school is read once per
 * export. More distinct schools than `max` and their names start again (memory stays bounded).
 */
export class ExportNames {
  places: Promise<Map<string, string>> | null = null;
  readonly schools = new Map<string, string>();
  constructor(readonly max = 60_000) {}
}

type NeedExportPart = Omit<NeedExportRow, 'school_name' | 'province_name' | 'commune_name'> & { school_id: string; province_code: string; commune_code: string };

/**
 * Needs newest first for exports, in keyset batches read straight from the index
 * need (created_at DESC, id DESC): each batch starts where the last ended, nothing is re-sorted.
 * Only the columns an export writes are read: a list's row (its description, school levels,
 * commune flags, place and three dates) cost the server more to parse than the database to read.
 * The names come from `names` (one per export; batches read at once share it).
 */
export async function needsForExport(db: Db, f: NeedFilter, after: unknown[] | null, limit: number, until: unknown[] | null, names: ExportNames): Promise<NeedExportRow[]> {
  if (!until) return exportBatch(db, f, after, limit, null, names);
  // up to a key (inclusive) every row to it, however many were written since it was read, in steps
  // of twice the batch: with no LIMIT the planner took the range between two keys for 25,000 needs
  // at national scale and sorted them, read through another index (72 ms against 35 for a batch)
  const rows: NeedExportRow[] = [];
  let from = after;
  for (;;) {
    const step = await exportBatch(db, f, from, limit * 2, until, names);
    rows.push(...step);
    if (step.length < limit * 2) return rows;
    from = [step[step.length - 1]!.sort_at, step[step.length - 1]!.id];
  }
}

async function exportBatch(db: Db, f: NeedFilter, after: unknown[] | null, limit: number, until: unknown[] | null, names: ExportNames): Promise<NeedExportRow[]> {
  const { w, params } = exportWhere(f, after);
  if (until) { params.push(until[0], until[1]); w.push(`(n.created_at, n.id) >= ($${params.length - 1}::timestamptz, $${params.length}::uuid)`); }
  params.push(limit);
  // the batch is chosen on the need's own columns in the index's order and limited first; only its
  // rows meet the ledger's sums
  const chosen = `SELECT n.id, n.school_id, n.province_code, n.commune_code, n.category, n.title, n.quantity, n.unit, n.estimated_cost, n.state, n.created_at
    ${needsFrom(w, false, 'when-named')} ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`;
  names.places ??= db.query<{ key: string; name: string }>(
    `SELECT level || ':' || code AS key, CASE WHEN level = 'commune' THEN full_name ELSE name END AS name FROM area WHERE era = 'current' AND level IN ('province', 'commune')`)
    .then((rows) => new Map(rows.map((r) => [r.key, r.name])));
  const [rows, places] = await Promise.all([db.query<NeedExportPart>(
    `SELECT ${EXPORT_KEY_SQL} AS sort_at, n.id, n.school_id, n.province_code, n.commune_code, n.category, n.title, n.quantity, n.unit, n.estimated_cost, n.state, ${LEDGER_COLUMNS_SQL}
      FROM (${chosen}) n
      ${LEDGER_PROBE_SQL}
     ORDER BY n.created_at DESC, n.id DESC`, params), names.places]);
  if (names.schools.size > names.max) names.schools.clear();
  const unseen = [...new Set(rows.map((r) => r.school_id).filter((id) => !names.schools.has(id)))];
  if (unseen.length) {
    // a probe of the school's key for each (asked with = ANY of 2,000 ids, the planner read all 50,000 schools)
    const found = await db.query<{ id: string; name: string }>(
      `SELECT s.organisation_id AS id, s.name FROM unnest($1::uuid[]) u(id) CROSS JOIN LATERAL (SELECT organisation_id, name FROM school WHERE organisation_id = u.id LIMIT 1) s`, [unseen]);
    for (const s of found) names.schools.set(s.id, s.name);
  }
  // each row built field by field (spreading the driver's rows costs more per row)
  return rows.map((r): NeedExportRow => ({
    sort_at: r.sort_at, id: r.id, school_name: names.schools.get(r.school_id) ?? '', province_name: places.get(`province:${r.province_code}`) ?? '',
    commune_name: places.get(`commune:${r.commune_code}`) ?? '', category: r.category, title: r.title, quantity: r.quantity, unit: r.unit,
    estimated_cost: r.estimated_cost, state: r.state, pledge_count: r.pledge_count, pledged_quantity: r.pledged_quantity, pledged_value: r.pledged_value,
    received_quantity: r.received_quantity, received_value: r.received_value, pledged_share: r.pledged_share, received_share: r.received_share,
    fully_pledged: r.fully_pledged, fully_received: r.fully_received, remaining_quantity: r.remaining_quantity, remaining_value: r.remaining_value,
  }));
}

/** A need's status group on the map, as a rank: 0 open, 1 partly pledged, 2 fully pledged, 3 met (delivered, accepted, closed); other states 0. */
const MAP_RANK_SQL = `(CASE WHEN n.state IN ('accepted', 'closed') THEN 3 WHEN n.state <> 'published' THEN 0
  WHEN COALESCE(${RW_SQL}, 0) >= ${BASE_SQL} THEN 3 WHEN NOT ${OPEN_SQL} THEN 2 WHEN COALESCE(l.pc, 0) > 0 THEN 1 ELSE 0 END)`;

/** A need's status as needs/domain.ts needStatus derives it, in SQL (over `n` and `l`). */
const STATUS_SQL = `(CASE WHEN n.state <> 'published' THEN n.state WHEN COALESCE(${RW_SQL}, 0) >= ${BASE_SQL} THEN 'delivered' WHEN NOT ${OPEN_SQL} THEN 'fully_pledged'
  WHEN COALESCE(l.pc, 0) > 0 THEN 'partly_pledged' ELSE 'published' END)`;

export interface MapCell { id: string | null; title: string | null; status: string | null; lat: number; lng: number; rank: number; category: string | null; remaining: string; count: number }

/**
 * Needs on the map, grouped in square cells of `cell` degrees (one row per cell: its centre of
 * mass, how many needs, the most open group among them; a cell of one need carries its id and
 * title), within a box when given. The answer grows with the cells on screen, not with the needs.
 * Read from the schools' summary of their public needs (school_need_map, migration 0037) when it
 * can serve the filter, else from the needs themselves; both answer the same.
 */
export const mapCells = (db: Db, f: NeedFilter, cell: number, bbox: [number, number, number, number] | null) => withMapMemory(db, (t) => mapCellsGrouped(t, f, cell, bbox));

async function mapCellsGrouped(db: Db, f: NeedFilter, cell: number, bbox: [number, number, number, number] | null): Promise<MapCell[]> {
  return mapServedBySummary(f) ? mapCellsFromSummary(db, f, cell, bbox) : mapCellsFromNeeds(db, f, cell, bbox);
}

const MAP_STATES = ['published', 'accepted', 'closed'] as const;

/**
 * Whether school_need_map (or, for a category, school_need_map_category) serves the filter: public
 * states only; category, province, commune and school are its key, level and the commune's flags
 * are read from the school and its commune. A search selects some of a school's needs, which the
 * summary does not tell apart: it is read from the needs (mapCellsFromNeeds).
 */
export const mapServedBySummary = (f: NeedFilter) =>
  !f.q && (f.states ?? MAP_STATES).every((x) => (MAP_STATES as readonly string[]).includes(x));

/** The summary's columns for the needs a filter selects (over `m`, a row of school_need_map): how many, by group, and what is still open. */
function mapColumns(f: NeedFilter): { count: string; g0: string; g1: string; g2: string; remaining: string } {
  const states = new Set<string>(f.states ?? MAP_STATES);
  const sum = (xs: string[]) => (xs.length ? xs.map((x) => `m.${x}`).join(' + ') : '0');
  if (f.open) {
    // open needs are all published (and none fully pledged)
    if (!states.has('published')) return { count: '0', g0: '0', g1: '0', g2: '0', remaining: '0' };
    return { count: sum(['open_unpledged', 'open_partly', 'open_met']), g0: 'm.open_unpledged', g1: 'm.open_partly', g2: '0', remaining: 'm.remaining_open' };
  }
  const pub = states.has('published');
  return {
    count: sum([...(pub ? ['published_unpledged', 'published_partly', 'published_full', 'published_met'] : []), ...(states.has('accepted') ? ['accepted'] : []), ...(states.has('closed') ? ['closed'] : [])]),
    g0: pub ? 'm.published_unpledged' : '0', g1: pub ? 'm.published_partly' : '0', g2: pub ? 'm.published_full' : '0',
    remaining: sum([...(pub ? ['remaining_published'] : []), ...(states.has('accepted') ? ['remaining_accepted'] : []), ...(states.has('closed') ? ['remaining_closed'] : [])]),
  };
}

/**
 * The map from school_need_map: each school's row once (at most the schools, whatever the number of
 * needs; for a category, its row of that category), with its place, in the same cells; the centre of a cell is the mean of its needs' places
 * (a school's place weighed by its needs). A cell of one need is then read from the needs (its
 * school is known), for its id, title, category and status.
 */
export async function mapCellsFromSummary(db: Db, f: NeedFilter, cell: number, bbox: [number, number, number, number] | null): Promise<MapCell[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const k = mapColumns(f);
  const inner: string[] = [];
  if (f.category) inner.push(`m.category = ${p(f.category)}`);
  if (f.provinceCode) inner.push(`m.province_code = ${p(f.provinceCode)}`);
  if (f.communeCode) inner.push(`m.commune_code = ${p(f.communeCode)}`);
  if (f.schoolId) inner.push(`m.school_id = ${p(f.schoolId)}::uuid`);
  // the row carries its school's place (migration 0058): the school is read only for its levels
  const bySchool = !!(f.level || f.schoolLevelsWithin);
  const w = ['x.k > 0', 'x.lat IS NOT NULL AND x.lng IS NOT NULL'];
  if (f.level) w.push(`s.levels @> ARRAY[${p(f.level)}]::text[]`);
  if (f.schoolLevelsWithin) w.push(`s.levels <@ ${p(f.schoolLevelsWithin)}::text[] AND cardinality(s.levels) > 0`);
  if (f.flag) w.push(`${p(f.flag)} = ANY(c.flags)`);
  if (bbox) { const [a, b, cc, d] = bbox.map(p); w.push(`x.lng BETWEEN ${a} AND ${cc} AND x.lat BETWEEN ${b} AND ${d}`); }
  const c = `${p(cell)}::float8`;
  const cells = await db.query<MapCell & { school_id: string | null }>(
    `SELECT CASE WHEN sum(x.k) = 1 THEN min(x.school_id::text) END AS school_id,
            round((sum(x.lat * x.k) / sum(x.k)::float8)::numeric, 4)::float8 AS lat, round((sum(x.lng * x.k) / sum(x.k)::float8)::numeric, 4)::float8 AS lng,
            CASE WHEN sum(x.g0) > 0 THEN 0 WHEN sum(x.g1) > 0 THEN 1 WHEN sum(x.g2) > 0 THEN 2 ELSE 3 END AS rank,
            sum(x.remaining)::text AS remaining, sum(x.k) AS count
       FROM (SELECT m.school_id, m.commune_code, m.lat, m.lng, ${k.count} AS k, ${k.g0} AS g0, ${k.g1} AS g1, ${k.g2} AS g2, ${k.remaining} AS remaining
               FROM ${f.category ? 'school_need_map_category' : 'school_need_map'} m${inner.length ? ` WHERE ${inner.join(' AND ')}` : ''}) x
       ${bySchool ? 'JOIN school s ON s.organisation_id = x.school_id' : ''}
       ${f.flag ? `JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = x.commune_code` : ''}
      WHERE ${w.join(' AND ')}
      GROUP BY floor(x.lat / ${c}), floor(x.lng / ${c})`, params);
  const single = cells.filter((x) => x.school_id).map((x) => x.school_id!);
  const one = new Map<string, { id: string; title: string; category: string; status: string }>();
  if (single.length) {
    const q: unknown[] = [];
    const nw = needWhere(f, q);
    q.push(single);
    nw.push(`n.school_id = ANY($${q.length}::uuid[])`);
    for (const r of await db.query<{ school_id: string; id: string; title: string; category: string; status: string }>(
      `SELECT n.school_id, n.id::text AS id, n.title, n.category, ${STATUS_SQL} AS status ${needsFrom(nw)} WHERE ${nw.join(' AND ')}`, q)) one.set(r.school_id, r);
  }
  return cells.map(({ school_id, ...x }) => {
    const n = school_id ? one.get(school_id) : undefined;
    return { ...x, id: n?.id ?? null, title: n?.title ?? null, category: n?.category ?? null, status: n?.status ?? null };
  });
}

/** The map summed over the needs themselves (every need of the filter, with its ledger row): a search, which the summary cannot serve, and the yardstick of its tests. */
export async function mapCellsFromNeeds(db: Db, f: NeedFilter, cell: number, bbox: [number, number, number, number] | null): Promise<MapCell[]> {
  const params: unknown[] = [];
  const w = needWhere(f, params);
  w.push('s.lat IS NOT NULL AND s.lng IS NOT NULL');
  if (bbox) { params.push(...bbox); const i = params.length; w.push(`s.lng BETWEEN $${i - 3} AND $${i - 1} AND s.lat BETWEEN $${i - 2} AND $${i}`); }
  params.push(cell);
  const c = `$${params.length}::float8`;
  const from = needsFrom(w, true);
  return db.query<MapCell>(
    `SELECT CASE WHEN count(*) = 1 THEN min(n.id::text) END AS id, CASE WHEN count(*) = 1 THEN min(n.title) END AS title,
            round(avg(s.lat)::numeric, 4)::float8 AS lat, round(avg(s.lng)::numeric, 4)::float8 AS lng, min(${MAP_RANK_SQL}) AS rank,
            CASE WHEN count(*) = 1 THEN min(n.category) END AS category, sum(${REMAINING_VALUE_SQL})::text AS remaining,
            CASE WHEN count(*) = 1 THEN min(${STATUS_SQL}) END AS status,
            count(*) AS count
       ${from} WHERE ${w.join(' AND ')}
      GROUP BY floor(s.lat / ${c}), floor(s.lng / ${c})`, params);
}

/**
 * How many needs the filter selects. Counted from their rows (a search, a commune, a level, a
 * flag, a school), the count stops at `cap` + 1: a search matching thousands of needs would read
 * them all to say so, which costs more as the data grows while the page stays flat.
 */
export async function countNeeds(db: Db, f: NeedFilter, cap: number): Promise<number> {
  // by state, province and category alone (open or not): the needs' summary by group (need_totals)
  // has the count, and the count of open needs (which are all published)
  if ((f.states || f.open) && !f.communeCode && !f.level && !f.schoolLevelsWithin && !f.flag && !f.schoolId && !f.q) {
    return Number((await db.one<{ n: string }>(
      `SELECT COALESCE(sum(${f.open ? 'open' : 'count'}), 0) AS n FROM need_totals
        WHERE ($1::text[] IS NULL OR state = ANY($1::text[]))${f.open ? ` AND state = 'published'` : ''} AND ($2::text IS NULL OR province_code = $2) AND ($3::text IS NULL OR category = $3)`,
      [f.states ?? null, f.provinceCode ?? null, f.category ?? null])).n);
  }
  const params: unknown[] = [];
  const w = needWhere(f, params);
  params.push(cap + 1);
  return Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 ${needsFrom(w, false, 'when-named')} ${w.length ? 'WHERE ' + w.join(' AND ') : ''} LIMIT $${params.length}) matching`, params)).n);
}

export const needById = (db: Db, id: string) => db.maybeOne<NeedRow>(`${NEED_SELECT} WHERE n.id = $1`, [id]);

/**
 * Lock a need's row until the transaction ends, before reading it: decisions on the need and
 * pledges against it (the ledger takes the same lock) then run one after the other, and the read
 * that follows sees what the one before wrote. Whether it exists.
 */
export const lockNeed = async (db: Db, id: string) => !!(await db.maybeOne('SELECT 1 FROM need WHERE id = $1 FOR UPDATE', [id]));

export const needFiles = (db: Db, ids: string[]) =>
  db.query<{ need_id: string; id: string; name: string; mime: string; purpose: string }>(
    `SELECT nf.need_id, f.id, f.name, f.mime, nf.purpose FROM need_file nf JOIN stored_file f ON f.id = nf.file_id WHERE nf.need_id = ANY($1::uuid[]) ORDER BY f.created_at`, [ids]);

export const needEvents = (db: Db, id: string) =>
  db.query<{ id: number; action: string; from_state: string | null; to_state: string; reason: string | null; at: Date; actor: string | null }>(
    `SELECT e.id, e.action, e.from_state, e.to_state, e.reason, e.at, u.display_name AS actor FROM need_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.need_id = $1 ORDER BY e.id`, [id]);

/** The school a need is for, with its place (read from the schools' table). */
export const schoolPlace = (db: Db, schoolId: string) =>
  db.maybeOne<{ province_code: string; commune_code: string; name: string }>('SELECT province_code, commune_code, name FROM school WHERE organisation_id = $1', [schoolId]);

/** The Department of a province, told when a need is accepted. */
export const departmentOf = (db: Db, provinceCode: string) =>
  db.maybeOne<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'department' AND province_code = $1`, [provinceCode]);

export const communeCommitteeOf = (db: Db, provinceCode: string, communeCode: string) =>
  db.maybeOne<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'commune_committee' AND province_code = $1 AND commune_code = $2 ORDER BY id LIMIT 1`, [provinceCode, communeCode]);

export interface NeedValues { category: string; title: string; description: string | null; quantity: number; unit: string; estimatedCost: number; priority: string; search: string }

export async function insertNeed(db: Db, n: NeedValues & { schoolId: string; provinceCode: string; communeCode: string; createdBy: string | null }): Promise<string> {
  const r = await db.one<{ id: string }>(
    `INSERT INTO need (school_id, province_code, commune_code, category, title, description, quantity, unit, estimated_cost, priority, created_by, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [n.schoolId, n.provinceCode, n.communeCode, n.category, n.title, n.description, n.quantity, n.unit, n.estimatedCost, n.priority, n.createdBy, n.search],
  );
  await db.query(`INSERT INTO need_event (need_id, action, to_state, actor_id) VALUES ($1, 'create', 'draft', $2)`, [r.id, n.createdBy]);
  return r.id;
}

export const updateNeed = (db: Db, id: string, n: NeedValues) =>
  db.query(
    `UPDATE need SET category = $2, title = $3, description = $4, quantity = $5, unit = $6, estimated_cost = $7, priority = $8, search = $9, updated_at = now() WHERE id = $1`,
    [id, n.category, n.title, n.description, n.quantity, n.unit, n.estimatedCost, n.priority, n.search],
  );

const TIMESTAMP: Partial<Record<string, string>> = { submit: 'submitted_at', verify: 'verified_at', publish: 'published_at', accept: 'accepted_at', close: 'closed_at' };

/** Move a need to its next state with the columns the action sets, and log the event. */
export async function moveNeed(db: Db, id: string, m: { action: string; from: string; to: string; actorId: string | null; eventReason: string | null; set: Record<string, unknown> }): Promise<boolean> {
  const sets = ['state = $3', 'updated_at = now()'];
  const params: unknown[] = [id, m.from, m.to];
  const ts = TIMESTAMP[m.action];
  if (ts) sets.push(`${ts} = now()`);
  for (const [col, v] of Object.entries(m.set)) { params.push(v); sets.push(`${col} = $${params.length}`); }
  // only from the state it was read in: a move that lost a race writes nothing
  if (!(await db.query(`UPDATE need SET ${sets.join(', ')} WHERE id = $1 AND state = $2 RETURNING id`, params)).length) return false;
  await db.query('INSERT INTO need_event (need_id, action, from_state, to_state, reason, actor_id) VALUES ($1, $2, $3, $4, $5, $6)', [id, m.action, m.from, m.to, m.eventReason, m.actorId]);
  return true;
}

export const addNeedFile = (db: Db, needId: string, fileId: string, purpose: 'photo' | 'acceptance') =>
  db.query(`INSERT INTO need_file (need_id, file_id, purpose) VALUES ($1, $2, $3)`, [needId, fileId, purpose]);

/** Needs follow their school when it moves (its province decides who verifies them). */
export async function followSchools(db: Db, schoolIds: string[]): Promise<void> {
  await db.query(
    `UPDATE need n SET province_code = s.province_code, commune_code = s.commune_code FROM school s
      WHERE s.organisation_id = n.school_id AND n.school_id = ANY($1::uuid[]) AND (n.province_code <> s.province_code OR n.commune_code <> s.commune_code)`,
    [schoolIds],
  );
}
