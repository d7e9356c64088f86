import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { forbidden, notFound, unauthorized } from '../../platform/errors.js';
import { NEED_CATEGORY_LABELS, type NeedCategory } from './domain.js';
import * as needs from './needs.js';
import { listAgreements } from './agreements.js';

/**
 * The public portal: open data about contributions, with no account. Every total is a sum of the
 * same rows the list returns (not cancelled), so the two always agree to the đồng. No child is ever
 * named: a gift to a person is shown by the kind of recipient only.
 */

export interface PublicFilter { year?: number; provinceCode?: string; category?: string; schoolId?: string; contributorId?: string; needId?: string }

function where(f: PublicFilter, params: unknown[]): string {
  const w = [`k.status <> 'cancelled'`];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (f.year) w.push(`extract(year FROM k.pledged_on) = ${p(f.year)}`);
  if (f.provinceCode) w.push(`k.province_code = ${p(f.provinceCode)}`);
  if (f.category) w.push(`k.category = ${p(f.category)}`);
  if (f.schoolId) w.push(`k.school_id = ${p(f.schoolId)}::uuid`);
  if (f.contributorId) w.push(`k.contributor_id = ${p(f.contributorId)}::uuid AND NOT k.anonymous`);
  if (f.needId) w.push(`k.need_id = ${p(f.needId)}::uuid`);
  return 'WHERE ' + w.join(' AND ');
}

const SUMS = `count(*) AS count, COALESCE(sum(k.value_vnd), 0) AS value_vnd,
  COALESCE(sum(k.value_vnd) FILTER (WHERE k.status IN ('received', 'accepted')), 0) AS received_vnd,
  COALESCE(sum(k.value_vnd) FILTER (WHERE k.status = 'accepted'), 0) AS accepted_vnd`;
type Sums = { count: number; value_vnd: number; received_vnd: number; accepted_vnd: number };
const sums = (r: Sums) => ({ count: Number(r.count), valueVnd: Number(r.value_vnd), receivedVnd: Number(r.received_vnd), acceptedVnd: Number(r.accepted_vnd) });

export async function stats(db: Db, f: PublicFilter) {
  const params: unknown[] = [];
  const w = where(f, params);
  const [totals, byYear, byProvince, byCategory, byForm] = await Promise.all([
    db.one<Sums>(`SELECT ${SUMS} FROM contribution k ${w}`, params),
    db.query<Sums & { year: number }>(`SELECT extract(year FROM k.pledged_on)::int AS year, ${SUMS} FROM contribution k ${w} GROUP BY 1 ORDER BY 1`, params),
    db.query<Sums & { province_code: string; province_name: string }>(
      `SELECT k.province_code, p.name AS province_name, ${SUMS} FROM contribution k JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = k.province_code ${w} GROUP BY 1, 2 ORDER BY value_vnd DESC`, params),
    db.query<Sums & { category: string }>(`SELECT k.category, ${SUMS} FROM contribution k ${w} GROUP BY 1 ORDER BY value_vnd DESC`, params),
    db.query<Sums & { form: string }>(`SELECT k.form, ${SUMS} FROM contribution k ${w} GROUP BY 1 ORDER BY 1`, params),
  ]);
  return {
    totals: sums(totals),
    byYear: byYear.map((r) => ({ year: Number(r.year), ...sums(r) })),
    byProvince: byProvince.map((r) => ({ provinceCode: r.province_code, provinceName: r.province_name, ...sums(r) })),
    byCategory: byCategory.map((r) => ({ category: r.category, categoryLabel: NEED_CATEGORY_LABELS[r.category as NeedCategory] ?? r.category, ...sums(r) })),
    byForm: byForm.map((r) => ({ form: r.form, ...sums(r) })),
  };
}

const KIND_LABEL: Record<string, string> = { pupil: 'Học sinh', teacher: 'Giáo viên', manager: 'Cán bộ quản lý' };

export interface PublicContribution {
  id: string; pledgedOn: string; year: number; anonymous: boolean; contributor: string; contributorId: string | null; contributorType: string | null; schoolId: string; schoolCode: string;
  schoolName: string; provinceCode: string; provinceName: string; recipient: string; category: string; form: string; description: string; valueVnd: number;
  quantity: number | null; unit: string | null; status: string; needId: string | null; evidence: string[];
}

interface Row { id: string; pledged_on: string; anonymous: boolean; contributor_id: string; contributor_name: string; donor_type: string | null; school_id: string; school_code: string; school_name: string; province_code: string; province_name: string; recipient_group: string | null; beneficiary_kind: string | null; category: string; form: string; description: string; value_vnd: number; quantity: number | null; unit: string | null; status: string; need_id: string | null; evidence: string[] | null }

const toPublic = (r: Row): PublicContribution => ({
  id: r.id, pledgedOn: r.pledged_on, year: Number(r.pledged_on.slice(0, 4)), anonymous: r.anonymous,
  contributor: r.anonymous ? 'Ẩn danh' : r.contributor_name, contributorId: r.anonymous ? null : r.contributor_id, contributorType: r.anonymous ? null : r.donor_type ?? 'school',
  schoolId: r.school_id, schoolCode: r.school_code, schoolName: r.school_name, provinceCode: r.province_code, provinceName: r.province_name,
  // a person's gift shows only the kind of recipient; the typed description may name them
  recipient: r.beneficiary_kind ? KIND_LABEL[r.beneficiary_kind] : r.recipient_group ?? 'Nhà trường',
  category: r.category, form: r.form, description: r.beneficiary_kind ? `Quà tặng ${KIND_LABEL[r.beneficiary_kind].toLowerCase()}` : r.description,
  valueVnd: Number(r.value_vnd), quantity: r.quantity === null ? null : Number(r.quantity), unit: r.unit, status: r.status, needId: r.need_id,
  evidence: (r.evidence ?? []).map((id) => `/api/v1/files/${id}`),
});

/** Public rows in pages of `batch`, newest first; used by the JSON page, the CSV stream and the pages per school and donor. */
export async function* publicContributions(db: Db, f: PublicFilter, batch = 2000, max = Infinity): AsyncGenerator<PublicContribution[]> {
  let after: [string, string] | null = null;
  let sent = 0;
  while (sent < max) {
    const params: unknown[] = [];
    let w = where(f, params);
    if (after) { params.push(after[0], after[1]); w += ` AND (k.pledged_on, k.id) < ($${params.length - 1}::date, $${params.length}::uuid)`; }
    params.push(Math.min(batch, max - sent));
    const rows = await db.query<Row>(
      `SELECT k.id, k.pledged_on, k.anonymous, k.contributor_id, o.name AS contributor_name, d.donor_type, k.school_id, s.code AS school_code, s.name AS school_name,
              k.province_code, p.name AS province_name, k.recipient_group, b.kind AS beneficiary_kind, k.category, k.form, k.description, k.value_vnd,
              k.quantity, k.unit, k.status, k.need_id,
              (SELECT array_agg(cf.file_id ORDER BY cf.file_id) FROM contribution_file cf JOIN stored_file sf ON sf.id = cf.file_id AND sf.public WHERE cf.contribution_id = k.id) AS evidence
         FROM contribution k JOIN organisation o ON o.id = k.contributor_id LEFT JOIN donor_profile d ON d.organisation_id = k.contributor_id
         JOIN school s ON s.organisation_id = k.school_id JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = k.province_code
         LEFT JOIN beneficiary b ON b.id = k.beneficiary_id
       ${w} ORDER BY k.pledged_on DESC, k.id DESC LIMIT $${params.length}`,
      params,
    );
    if (!rows.length) return;
    yield rows.map(toPublic);
    sent += rows.length;
    const last = rows[rows.length - 1];
    after = [last.pledged_on, last.id];
    if (rows.length < batch) return;
  }
}

/** The open-data schema of /api/v1/public/contributions (JSON Schema, documented in Vietnamese). */
export const CONTRIBUTION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Khoản đóng góp (dữ liệu mở KếtNối)',
  description: 'Mỗi dòng là một khoản đóng góp cho trường học, từ sổ đóng góp chung. Không có tên trẻ em; người nhận là cá nhân chỉ hiện loại người nhận. Khoản đã huỷ không có trong dữ liệu mở. Tổng của /api/v1/public/stats là tổng của chính các dòng này.',
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Mã khoản đóng góp' },
    pledgedOn: { type: 'string', format: 'date', description: 'Ngày cam kết (YYYY-MM-DD)' },
    year: { type: 'integer', description: 'Năm cam kết' },
    anonymous: { type: 'boolean', description: 'Bên đóng góp xin giấu tên' },
    contributor: { type: 'string', description: 'Tên bên đóng góp, hoặc "Ẩn danh"' },
    contributorId: { type: ['string', 'null'], description: 'Mã bên đóng góp (null nếu ẩn danh)' },
    contributorType: { type: ['string', 'null'], enum: ['business', 'individual', 'bank', 'international', 'university', 'media', 'other', 'school', null] },
    schoolId: { type: 'string', format: 'uuid' }, schoolCode: { type: 'string' }, schoolName: { type: 'string' },
    provinceCode: { type: 'string', description: 'Mã tỉnh hiện hành (34 tỉnh, từ 01/07/2025)' }, provinceName: { type: 'string' },
    recipient: { type: 'string', description: 'Người nhận: "Nhà trường", một nhóm học sinh, hoặc loại người nhận (Học sinh, Giáo viên, Cán bộ quản lý)' },
    category: { type: 'string', enum: Object.keys(NEED_CATEGORY_LABELS) },
    form: { type: 'string', enum: ['money', 'in_kind', 'non_material'], description: 'Hình thức theo Thông tư 16/2018/TT-BGDĐT: tiền, hiện vật, phi vật chất' },
    description: { type: 'string' },
    valueVnd: { type: 'integer', description: 'Giá trị quy đổi, đồng' },
    quantity: { type: ['number', 'null'] }, unit: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['pledged', 'delivered', 'received', 'accepted'], description: 'Đã cam kết, đã bàn giao, trường đã nhận, đã nghiệm thu' },
    needId: { type: ['string', 'null'], description: 'Nhu cầu được đáp ứng (nếu có)' },
    evidence: { type: 'array', items: { type: 'string' }, description: 'Đường dẫn ảnh/biên bản minh chứng' },
  },
  required: ['id', 'pledgedOn', 'contributor', 'schoolId', 'provinceCode', 'category', 'form', 'valueVnd', 'status'],
};

export async function publicSchool(db: Db, actor: Actor, id: string) {
  const s = await db.maybeOne<{ id: string; code: string; name: string; levels: string[]; province_code: string; province_name: string; commune_name: string; lat: number | null; lng: number | null; pupils: number | null }>(
    `SELECT s.organisation_id AS id, s.code, s.name, s.levels, s.province_code, p.name AS province_name, c.full_name AS commune_name, s.lat, s.lng, s.pupils
       FROM school s JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = s.province_code
       JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = s.commune_code WHERE s.organisation_id = $1`, [id]);
  if (!s) throw notFound('Không tìm thấy trường');
  const [st, list, openNeeds, surveys] = await Promise.all([
    stats(db, { schoolId: id }),
    (async () => { const out: PublicContribution[] = []; for await (const b of publicContributions(db, { schoolId: id }, 200, 200)) out.push(...b); return out; })(),
    needs.listNeeds(db, actor, { schoolId: id, sort: 'recent', limit: 50, scope: 'public' }),
    needs.surveys(db, id),
  ]);
  return { school: { id: s.id, code: s.code, name: s.name, levels: s.levels, provinceCode: s.province_code, provinceName: s.province_name, communeName: s.commune_name, lat: s.lat, lng: s.lng, pupils: s.pupils }, totals: st.totals, contributions: list, needs: openNeeds.items, survey: surveys[0] ?? null };
}

export async function publicDonor(db: Db, id: string) {
  const d = await db.maybeOne<{ id: string; name: string; donor_type: string; website: string | null; description: string | null }>(
    `SELECT o.id, o.name, d.donor_type, d.website, d.description FROM organisation o JOIN donor_profile d ON d.organisation_id = o.id WHERE o.id = $1 AND d.vetting_status = 'approved'`, [id]);
  if (!d) throw notFound('Không tìm thấy nhà tài trợ');
  const [st, list] = await Promise.all([
    stats(db, { contributorId: id }),
    (async () => { const out: PublicContribution[] = []; for await (const b of publicContributions(db, { contributorId: id }, 200, 200)) out.push(...b); return out; })(),
  ]);
  return { donor: { id: d.id, name: d.name, donorType: d.donor_type, website: d.website, description: d.description }, totals: st.totals, contributions: list };
}

/** The coordination dashboard: for the Ministry nationwide, for a Department its province. */
export async function dashboard(db: Db, actor: Actor, clock: Clock, provinceCode?: string) {
  if (!actor.userId) throw unauthorized();
  if (!['admin', 'ministry', 'department'].includes(actor.role)) throw forbidden('Bảng điều phối dành cho Bộ và Sở');
  const province = actor.role === 'department' ? actor.provinceCode! : provinceCode;
  const p = [province ?? null];
  const [needRows, ledger, donorsPending] = await Promise.all([
    db.query<{ province_code: string; province_name: string; category: string; state: string; count: number; value: number; pledged: number; received: number }>(
      `SELECT n.province_code, p.name AS province_name, n.category, n.state, count(*) AS count, COALESCE(sum(n.estimated_cost), 0) AS value,
              COALESCE(sum(l.pv), 0) AS pledged, COALESCE(sum(l.rv), 0) AS received
         FROM need n JOIN area p ON p.era = 'current' AND p.level = 'province' AND p.code = n.province_code
         LEFT JOIN LATERAL (SELECT sum(value_vnd) FILTER (WHERE status <> 'cancelled') AS pv, sum(value_vnd) FILTER (WHERE status IN ('received', 'accepted')) AS rv FROM contribution WHERE need_id = n.id) l ON true
        WHERE ($1::text IS NULL OR n.province_code = $1) AND n.state <> 'withdrawn'
        GROUP BY 1, 2, 3, 4`, p),
    db.query<{ status: string; count: number; value: number }>(`SELECT status, count(*) AS count, COALESCE(sum(value_vnd), 0) AS value FROM contribution WHERE ($1::text IS NULL OR province_code = $1) GROUP BY 1`, p),
    db.one<{ n: number }>(`SELECT count(*) AS n FROM donor_profile WHERE vetting_status = 'pending'`),
  ]);
  const agreements = (await listAgreements(db, actor, clock, {}));
  const group = <K extends string>(key: (r: (typeof needRows)[number]) => K) => {
    const m = new Map<K, { count: number; value: number; pledged: number; received: number; awaitingVerification: number }>();
    for (const r of needRows) {
      const g = m.get(key(r)) ?? { count: 0, value: 0, pledged: 0, received: 0, awaitingVerification: 0 };
      g.count += Number(r.count); g.value += Number(r.value); g.pledged += Number(r.pledged); g.received += Number(r.received);
      if (r.state === 'submitted') g.awaitingVerification += Number(r.count);
      m.set(key(r), g);
    }
    return [...m].map(([k, v]) => ({ key: k, ...v }));
  };
  const by = (s: string) => ledger.find((r) => r.status === s);
  return {
    provinceCode: province ?? null,
    needsByProvince: group((r) => `${r.province_code}|${r.province_name}` as string).map((g) => ({ provinceCode: g.key.split('|')[0], provinceName: g.key.split('|')[1], ...g, key: undefined })),
    needsByCategory: group((r) => r.category).map((g) => ({ category: g.key, categoryLabel: NEED_CATEGORY_LABELS[g.key as NeedCategory] ?? g.key, ...g, key: undefined })),
    ledger: { pledged: Number(by('pledged')?.value ?? 0), delivered: Number(by('delivered')?.value ?? 0), received: Number(by('received')?.value ?? 0), accepted: Number(by('accepted')?.value ?? 0), cancelled: Number(by('cancelled')?.value ?? 0) },
    agreements: { count: agreements.length, committed: agreements.reduce((n, a) => n + a.committedValue, 0), delivered: agreements.reduce((n, a) => n + a.deliveredValue, 0), behindSchedule: agreements.filter((a) => a.behindSchedule).length },
    donorsAwaitingVetting: Number(donorsPending.n),
  };
}
