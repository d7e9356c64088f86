import type { Db } from '../../platform/db.js';
import type { KeyPart } from '../../platform/paging.js';

export interface DonorRow {
  id: string; name: string; short_name: string | null; province_code: string | null; donor_type: string; tax_code: string | null; country: string;
  website: string | null; description: string | null; contact_role: string | null; reference_list: string[]; anonymous_default: boolean; vetting_status: string; vetting_reason: string | null; vetted_at: Date | null; created_at: Date;
}

const SELECT = `SELECT o.id, o.name, o.short_name, o.province_code, d.donor_type, d.tax_code, d.country, d.website, d.description, d.contact_role, d.reference_list, d.anonymous_default,
    d.vetting_status, d.vetting_reason, d.vetted_at, d.created_at FROM organisation o JOIN donor_profile d ON d.organisation_id = o.id`;

export const byId = (db: Db, id: string) => db.maybeOne<DonorRow>(`${SELECT} WHERE o.id = $1`, [id]);

export interface DonorFilter { vetting?: string; type?: string; q?: string }

function where(f: DonorFilter, params: unknown[]): string[] {
  const w: string[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.vetting) w.push(`d.vetting_status = ${p(f.vetting)}`);
  if (f.type) w.push(`d.donor_type = ${p(f.type)}`);
  if (f.q) w.push(`o.search LIKE '%' || ${p(f.q)} || '%'`);
  return w;
}

/**
 * A page of donors: those awaiting vetting first, then newest first. The key is (done, created_at,
 * organisation_id) where done = 0 for pending and 1 otherwise, read in the order of the index
 * donor_profile ((vetting_status <> 'pending'), created_at DESC, organisation_id DESC).
 */
export async function list(db: Db, f: DonorFilter, after: KeyPart[] | null, limit: number) {
  const params: unknown[] = [];
  const w = where(f, params);
  if (after) {
    params.push(after[0] === 1, after[1], after[2]);
    const [done, at, id] = [params.length - 2, params.length - 1, params.length];
    w.push(`((d.vetting_status <> 'pending') > $${done}::boolean OR ((d.vetting_status <> 'pending') = $${done}::boolean AND (d.created_at, d.organisation_id) < ($${at}::timestamptz, $${id}::uuid)))`);
  }
  params.push(limit);
  const select = SELECT.replace('SELECT o.id,', `SELECT to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at, o.id,`);
  return db.query<DonorRow & { sort_at: string }>(
    `${select} ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY (d.vetting_status <> 'pending'), d.created_at DESC, d.organisation_id DESC LIMIT $${params.length}`, params);
}

export async function count(db: Db, f: DonorFilter): Promise<number> {
  const params: unknown[] = [];
  const w = where(f, params);
  // every profile is an organisation's (its key is the organisation's): the organisations are
  // joined only when a search reads their names, not hashed whole (56,000 rows) for the count
  const from = w.some((x) => /\bo\./.test(x)) ? 'organisation o JOIN donor_profile d ON d.organisation_id = o.id' : 'donor_profile d';
  return Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${from} ${w.length ? 'WHERE ' + w.join(' AND ') : ''}`, params)).n);
}

export const orgCode = async (db: Db, orgId: string) => (await db.maybeOne<{ code: string | null }>('SELECT code FROM organisation WHERE id = $1', [orgId]))?.code ?? null;

/** Serialise registrations of one e-mail address until the transaction ends. */
export const lockRegistration = async (db: Db, email: string) => { await db.query(`SELECT pg_advisory_xact_lock(hashtext('register:' || $1))`, [email]); };
export const emailTaken = async (db: Db, email: string) => !!(await db.maybeOne('SELECT 1 FROM app_user WHERE email = $1', [email]));
export const taxCodeTaken = async (db: Db, taxCode: string) => !!(await db.maybeOne('SELECT 1 FROM donor_profile WHERE tax_code = $1', [taxCode]));
export const provinceExists = async (db: Db, code: string) => !!(await db.maybeOne(`SELECT 1 FROM area WHERE era = 'current' AND level = 'province' AND code = $1`, [code]));

/** The donor profile of a registering organisation, pending vetting. */
export async function insertProfile(db: Db, organisationId: string, d: {
  donorType: string; taxCode: string | null; country: string; website: string | null; description: string | null; contactRole: string | null; references: string[]; anonymousDefault: boolean;
}) {
  await db.query(`INSERT INTO donor_profile (organisation_id, donor_type, tax_code, country, website, description, contact_role, reference_list, anonymous_default)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9)`,
    [organisationId, d.donorType, d.taxCode, d.country, d.website, d.description, d.contactRole, d.references, d.anonymousDefault]);
}

/** The Ministry's vetting units, told of a new registration. */
export const vettingUnits = (db: Db, codes: string[]) => db.query<{ id: string }>(`SELECT id FROM organisation WHERE code = ANY($1::text[])`, [codes]);

export const setVetting = (db: Db, id: string, decision: string, reason: string | null, by: string | null) =>
  db.query('UPDATE donor_profile SET vetting_status = $2, vetting_reason = $3, vetted_by = $4, vetted_at = now() WHERE organisation_id = $1', [id, decision, reason, by]);

export const updateProfile = (db: Db, id: string, p: { website: string | null; description: string | null; anonymousDefault: boolean | null; contactRole: string | null; references: string[] | null }) =>
  db.query(`UPDATE donor_profile SET website = COALESCE($2, website), description = COALESCE($3, description), anonymous_default = COALESCE($4, anonymous_default),
      contact_role = COALESCE($5, contact_role), reference_list = COALESCE($6::text[], reference_list) WHERE organisation_id = $1`,
    [id, p.website, p.description, p.anonymousDefault, p.contactRole, p.references]);

export interface DocumentRow { id: string; name: string; mime: string; kind: string; created_at: Date }
/** A donor's registration papers, oldest first. */
export const documents = (db: Db, organisationId: string) => db.query<DocumentRow>(
  `SELECT f.id, f.name, f.mime, dd.kind, dd.created_at FROM donor_document dd JOIN stored_file f ON f.id = dd.file_id
    WHERE dd.organisation_id = $1 ORDER BY dd.created_at, f.id`, [organisationId]);
export const documentCount = async (db: Db, organisationId: string) =>
  Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM donor_document WHERE organisation_id = $1', [organisationId])).n);
export const addDocument = (db: Db, organisationId: string, fileId: string, kind: string) =>
  db.query('INSERT INTO donor_document (file_id, organisation_id, kind) VALUES ($1, $2, $3)', [fileId, organisationId, kind]);

/** Lock a donor's profile until the transaction ends (vetting decisions one at a time). */
export const lockProfile = (db: Db, id: string) => db.query('SELECT 1 FROM donor_profile WHERE organisation_id = $1 FOR UPDATE', [id]);
