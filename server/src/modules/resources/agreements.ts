import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { authorize } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { invalid, notFound } from '../../platform/errors.js';
import { storeFile } from '../../platform/files.js';
import { cleanText, fold } from '../../platform/text.js';
import { agreementPolicy } from './policy.js';
import { agreementBehind } from './domain.js';

interface Row { id: string; code: string | null; title: string; donor_id: string; donor_name: string; counterpart_id: string; counterpart_name: string; counterpart_province: string | null; scope: string | null; committed_value: number; period_from: string; period_to: string; signed_on: string; document_file_id: string | null; cancelled: boolean; pledged: number; delivered: number; accepted: number }
const SELECT = `SELECT a.id, a.code, a.title, a.donor_id, d.name AS donor_name, a.counterpart_id, c.name AS counterpart_name, c.province_code AS counterpart_province,
    a.scope, a.committed_value, a.period_from, a.period_to, a.signed_on, a.document_file_id, a.cancelled,
    COALESCE(l.pledged, 0) AS pledged, COALESCE(l.delivered, 0) AS delivered, COALESCE(l.accepted, 0) AS accepted
  FROM agreement a JOIN organisation d ON d.id = a.donor_id JOIN organisation c ON c.id = a.counterpart_id
  LEFT JOIN LATERAL (SELECT sum(value_vnd) FILTER (WHERE status <> 'cancelled') AS pledged,
      sum(value_vnd) FILTER (WHERE status IN ('delivered', 'received', 'accepted')) AS delivered,
      sum(value_vnd) FILTER (WHERE status = 'accepted') AS accepted FROM contribution WHERE agreement_id = a.id) l ON true`;

const toAgreement = (r: Row, today: string) => ({
  id: r.id, code: r.code, title: r.title, donorId: r.donor_id, donorName: r.donor_name, counterpartId: r.counterpart_id, counterpartName: r.counterpart_name,
  scope: r.scope, committedValue: Number(r.committed_value), periodFrom: r.period_from, periodTo: r.period_to, signedOn: r.signed_on, documentFileId: r.document_file_id,
  cancelled: r.cancelled, pledgedValue: Number(r.pledged), deliveredValue: Number(r.delivered), acceptedValue: Number(r.accepted),
  behindSchedule: !r.cancelled && agreementBehind(today, r.period_from, r.period_to, Number(r.committed_value), Number(r.delivered)),
});
export type Agreement = ReturnType<typeof toAgreement>;

export interface AgreementInput { code?: string | null; title: string; donorId: string; counterpartId: string; scope?: string | null; committedValue: number; periodFrom: string; periodTo: string; signedOn: string }

export async function createAgreement(db: Db, actor: Actor, clock: Clock, input: AgreementInput, document?: { filename: string; data: Buffer }) {
  if (input.periodFrom > input.periodTo) throw invalid('Thời hạn không hợp lệ', [{ path: 'periodTo', message: 'Ngày kết thúc phải sau ngày bắt đầu' }]);
  return db.tx(async (t) => {
    const donor = await t.maybeOne<{ vetting_status: string }>(`SELECT vetting_status FROM donor_profile WHERE organisation_id = $1`, [input.donorId]);
    if (!donor) throw invalid('Không tìm thấy nhà tài trợ', [{ path: 'donorId', message: 'Không phải nhà tài trợ đã đăng ký' }]);
    if (donor.vetting_status !== 'approved') throw invalid('Nhà tài trợ chưa được thẩm định', [{ path: 'donorId', message: 'Chỉ ký kết với nhà tài trợ đã được phê duyệt' }]);
    const cp = await t.maybeOne<{ province_code: string | null; kind: string }>('SELECT province_code, kind FROM organisation WHERE id = $1', [input.counterpartId]);
    if (!cp || !['ministry', 'ministry_unit', 'department', 'school'].includes(cp.kind)) throw invalid('Bên ký kết không hợp lệ', [{ path: 'counterpartId', message: 'Phải là Bộ, đơn vị thuộc Bộ, Sở hoặc trường' }]);
    authorize(agreementPolicy, 'create', actor, { donorId: input.donorId, counterpartId: input.counterpartId, counterpartProvince: cp.province_code });
    const doc = document ? await storeFile(t, actor.userId, document.filename, document.data, { imagesOrPdf: true }) : null;
    const r = await t.one<{ id: string }>(
      `INSERT INTO agreement (code, title, donor_id, counterpart_id, scope, committed_value, period_from, period_to, signed_on, document_file_id, created_by, search)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [cleanText(input.code ?? null), cleanText(input.title), input.donorId, input.counterpartId, cleanText(input.scope ?? null), input.committedValue, input.periodFrom, input.periodTo, input.signedOn, doc?.id ?? null, actor.userId, fold(`${input.code ?? ''} ${input.title}`)],
    );
    const after = toAgreement((await t.one<Row>(`${SELECT} WHERE a.id = $1`, [r.id])), vnDate(clock.now()));
    await audit(t, actor, { entity: 'agreement', entityId: r.id, action: 'create', after });
    return after;
  });
}

/** Agreements the actor may see, followed up against the ledger: committed, delivered, accepted, behind schedule. */
export async function listAgreements(db: Db, actor: Actor, clock: Clock, f: { donorId?: string; behind?: boolean }) {
  if (!actor.userId) authorize(agreementPolicy, 'read', actor, { donorId: '', counterpartId: '', counterpartProvince: null });
  const rows = await db.query<Row>(`${SELECT} WHERE ($1::uuid IS NULL OR a.donor_id = $1) ORDER BY a.signed_on DESC LIMIT 1000`, [f.donorId ?? null]);
  const today = vnDate(clock.now());
  return rows
    .filter((r) => agreementPolicy.read(actor, { donorId: r.donor_id, counterpartId: r.counterpart_id, counterpartProvince: r.counterpart_province }))
    .map((r) => toAgreement(r, today))
    .filter((a) => !f.behind || a.behindSchedule);
}

export async function getAgreement(db: Db, actor: Actor, clock: Clock, id: string) {
  const r = await db.maybeOne<Row>(`${SELECT} WHERE a.id = $1`, [id]);
  if (!r) throw notFound('Không tìm thấy văn bản ký kết');
  authorize(agreementPolicy, 'read', actor, { donorId: r.donor_id, counterpartId: r.counterpart_id, counterpartProvince: r.counterpart_province });
  return toAgreement(r, vnDate(clock.now()));
}
