import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { allowed, authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { invalid, notFound, unauthorized } from '../../platform/errors.js';
import { checkUploads, storeFile } from '../../platform/files.js';
import { afterKey, batches, page, type KeyPart, type PageOf, type PageRequest } from '../../platform/paging.js';
import type { FormFile } from '../../platform/route.js';
import { cleanText, fold } from '../../platform/text.js';
import type { Agreement, AgreementDetail, AgreementInput } from '../../../../contracts/agreements.js';
import * as repo from './repository.js';
import { agreementPolicy, agreementScope, listsAgreements } from './policy.js';
import { agreementBehind, COUNTERPART_KINDS } from './domain.js';

const toAgreement = (r: repo.AgreementRow, today: string): Agreement => ({
  id: r.id, code: r.code, title: r.title, donorId: r.donor_id, donorName: r.donor_name, counterpartId: r.counterpart_id, counterpartName: r.counterpart_name,
  scope: r.scope, committedValue: Number(r.committed_value), periodFrom: r.period_from, periodTo: r.period_to, signedOn: r.signed_on, documentFileId: r.document_file_id,
  cancelled: r.cancelled, pledgedValue: r.pledged, deliveredValue: r.delivered, acceptedValue: r.accepted,
  behindSchedule: !r.cancelled && agreementBehind(today, r.period_from, r.period_to, Number(r.committed_value), Number(r.delivered)),
});

const parties = (r: repo.AgreementRow) => ({ donorId: r.donor_id, counterpartId: r.counterpart_id, counterpartProvince: r.counterpart_province });

export async function createAgreement(db: Db, actor: Actor, clock: Clock, input: AgreementInput, document?: FormFile) {
  if (input.periodFrom > input.periodTo) throw invalid('Thời hạn không hợp lệ', [{ path: 'periodTo', message: 'Ngày kết thúc phải sau ngày bắt đầu' }]);
  if (document) await checkUploads([document], { imagesOrPdf: true });
  return db.tx(async (t) => {
    const vetting = await repo.donorVetting(t, input.donorId);
    if (!vetting) throw invalid('Không tìm thấy nhà tài trợ', [{ path: 'donorId', message: 'Không phải nhà tài trợ đã đăng ký' }]);
    if (vetting !== 'approved') throw invalid('Nhà tài trợ chưa được thẩm định', [{ path: 'donorId', message: 'Chỉ ký kết với nhà tài trợ đã được phê duyệt' }]);
    const cp = await repo.organisation(t, input.counterpartId);
    if (!cp || !COUNTERPART_KINDS.includes(cp.kind)) throw invalid('Bên ký kết không hợp lệ', [{ path: 'counterpartId', message: 'Phải là Bộ, đơn vị thuộc Bộ, Sở hoặc trường' }]);
    authorize(agreementPolicy, 'create', actor, { donorId: input.donorId, counterpartId: input.counterpartId, counterpartProvince: cp.province_code });
    const id = await repo.insert(t, {
      code: cleanText(input.code ?? null), title: cleanText(input.title), donorId: input.donorId, counterpartId: input.counterpartId, scope: cleanText(input.scope ?? null),
      committedValue: input.committedValue, periodFrom: input.periodFrom, periodTo: input.periodTo, signedOn: input.signedOn, documentFileId: null,
      createdBy: actor.userId, search: fold(`${input.code ?? ''} ${input.title}`),
    });
    // the scan belongs to the agreement: read by its parties, their Department and the Ministry
    if (document) await repo.setDocument(t, id, (await storeFile(t, actor.userId, document.filename, document.data, { owner: { kind: 'agreement', id }, imagesOrPdf: true })).id);
    const after = toAgreement((await repo.byId(t, id))!, vnDate(clock.now()));
    await audit(t, actor, { entity: 'agreement', entityId: id, action: 'create', after });
    return after;
  });
}

type ListFilter = { donorId?: string; behind?: boolean };
const key = (r: repo.AgreementRow): KeyPart[] => [r.signed_on, r.id];

function scopeOf(actor: Actor) {
  const scope = listsAgreements(actor) ? agreementScope(actor) : null;
  if (!scope) throw unauthorized();
  return scope;
}

/**
 * A page of the agreements the actor may read, followed up against the ledger. The read scope is
 * SQL; "behind schedule" is the domain's rule (it weighs time against deliveries), applied while
 * reading on in keyset batches until the page is full.
 */
export async function listAgreements(db: Db, actor: Actor, clock: Clock, f: ListFilter & PageRequest): Promise<PageOf<Agreement>> {
  const scope = scopeOf(actor);
  const today = vnDate(clock.now());
  const after = afterKey(f.cursor, ['string', 'uuid']);
  if (!f.behind) {
    const [rows, total] = await Promise.all([repo.list(db, f, scope, after, f.limit + 1), repo.count(db, f, scope)]);
    return page(rows, f, total, key, (rs) => rs.map((r) => toAgreement(r, today)));
  }
  const picked: repo.AgreementRow[] = [];
  let from = after;
  for (;;) {
    const rows = await repo.list(db, f, scope, from, 500);
    for (const r of rows) if (toAgreement(r, today).behindSchedule) picked.push(r);
    if (picked.length > f.limit || rows.length < 500) break;
    from = key(rows[rows.length - 1]);
  }
  let total = 0;
  for await (const rows of batches((a, n) => repo.list(db, f, scope, a, n), key)) total += rows.filter((r) => toAgreement(r, today).behindSchedule).length;
  return page(picked, f, total, key, (rs) => rs.map((r) => toAgreement(r, today)));
}

/** The follow-up of every agreement the actor may read, summed batch by batch (the dashboard). */
export async function agreementTotals(db: Db, actor: Actor, clock: Clock) {
  const t = { count: 0, committed: 0n, delivered: 0n, behindSchedule: 0 };
  for await (const batch of allAgreements(db, actor, clock, {})) {
    for (const a of batch) {
      t.count += 1;
      t.committed += BigInt(a.committedValue);
      t.delivered += BigInt(a.deliveredValue);
      if (a.behindSchedule) t.behindSchedule += 1;
    }
  }
  return { ...t, committed: t.committed.toString(), delivered: t.delivered.toString() };
}

/** Every agreement the actor may read, in keyset batches (exports); refused before the download starts. */
export function allAgreements(db: Db, actor: Actor, clock: Clock, f: ListFilter): AsyncGenerator<Agreement[]> {
  const scope = scopeOf(actor);
  const today = vnDate(clock.now());
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.list(db, f, scope, after, limit), key)) {
      yield rows.map((r) => toAgreement(r, today)).filter((a) => !f.behind || a.behindSchedule);
    }
  })();
}

export async function getAgreement(db: Db, actor: Actor, clock: Clock, id: string): Promise<AgreementDetail> {
  const r = await repo.byId(db, id);
  if (!r) throw notFound('Không tìm thấy văn bản ký kết');
  authorize(agreementPolicy, 'read', actor, parties(r));
  return { ...toAgreement(r, vnDate(clock.now())), can: allowed(agreementPolicy, actor, parties(r), ['edit']) };
}

/** The scanned document of an agreement is read by whoever may read the agreement. */
export async function mayReadAgreementFile(db: Db, actor: Actor, id: string): Promise<boolean> {
  const r = await repo.byId(db, id);
  return !!r && can(agreementPolicy, 'read', actor, parties(r));
}
