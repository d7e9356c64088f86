import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { vnDate, type Clock } from '../../platform/clock.js';
import { authorize, can } from '../../platform/policy.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict, invalid, isUniqueViolation } from '../../platform/errors.js';
import { checkUploads, storeFile, type Upload } from '../../platform/files.js';
import { afterKey, batches, page, type KeyPart } from '../../platform/paging.js';
import { cleanText, fold } from '../../platform/text.js';
import { bodyPara, gridTable, heading, officialDocx } from '../../platform/docx.js';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from '../../../../contracts/activities.js';
import type { BoardDocument, BoardDocumentKind, BoardMember, BoardMembers, BoardRole } from '../../../../contracts/board.js';
import { boardPolicy, type Secretariat } from './policy.js';
import * as repo from './repository.js';

/** The board's secretariat side (seed 000 §IV.1, §IV.3.1). */
export const SECRETARIAT_CODES = ['ban-dieu-phoi-kh29', 'to-thu-ky-kh29', 'vu-gdtc'];
const secretariat = async (db: Db): Promise<Secretariat> => ({ ids: (await repo.orgIdsByCode(db, SECRETARIAT_CODES)).map((r) => r.id) });

const toMember = (r: repo.MemberRow): BoardMember => ({ id: r.id, role: r.role, title: r.title, unit: { id: r.organisation_id, name: r.name, shortName: r.short_name }, since: r.since });
const toDocument = (r: repo.DocumentRow): BoardDocument => ({
  id: r.id, kind: r.kind, number: r.number, title: r.title, issuedOn: r.issued_on, file: r.file_id ? { id: r.file_id, name: r.file_name! } : null,
});

export async function members(db: Db, actor: Actor): Promise<BoardMembers> {
  const s = await secretariat(db);
  authorize(boardPolicy, 'read', actor, s);
  return { items: (await repo.members(db)).map(toMember), can: { keep: can(boardPolicy, 'keep', actor, s), report: can(boardPolicy, 'report', actor, s) } };
}

export async function addMember(db: Db, actor: Actor, input: { role: BoardRole; organisationId: string; title: string; since?: string | null }): Promise<BoardMember> {
  authorize(boardPolicy, 'keep', actor, await secretariat(db));
  if (!(await repo.orgExists(db, input.organisationId))) throw invalid('Không tìm thấy đơn vị thuộc Bộ', [{ path: 'organisationId', message: 'Không tìm thấy đơn vị thuộc Bộ' }]);
  try {
    return await db.tx(async (t) => {
      const id = await repo.insertMember(t, { role: input.role, organisationId: input.organisationId, title: cleanText(input.title)!, since: input.since ?? null });
      const after = toMember(await repo.memberById(t, id));
      await audit(t, actor, { entity: 'board_member', entityId: id, action: 'create', after });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('Đơn vị đã có vai trò này trong Ban điều phối', [{ path: 'role', message: 'Đơn vị đã có vai trò này trong Ban điều phối' }]);
    throw e;
  }
}

const DOC_KEY = (r: repo.DocumentRow): KeyPart[] => [r.issued_on, r.id];
export async function documents(db: Db, actor: Actor, f: { kind?: BoardDocumentKind; q?: string; cursor?: string; limit: number }) {
  authorize(boardPolicy, 'read', actor, await secretariat(db));
  const after = afterKey(f.cursor, ['string', 'uuid']);
  if (after && !/^\d{4}-\d{2}-\d{2}$/.test(String(after[0]))) throw badRequest('Tham số cursor không hợp lệ');
  const filter = { kind: f.kind, q: fold(f.q) || undefined };
  const rows = await repo.documents(db, filter, after, f.limit + 1);
  const total = await repo.documentCount(db, filter);
  return page(rows, f, total, DOC_KEY, (items) => items.map(toDocument));
}

/** Every document the filter keeps, for an export (read by the same rule as the list), in keyset batches. */
export async function allDocuments(db: Db, actor: Actor, f: { kind?: BoardDocumentKind; q?: string }): Promise<AsyncGenerator<BoardDocument[]>> {
  authorize(boardPolicy, 'read', actor, await secretariat(db));
  const filter = { kind: f.kind, q: fold(f.q) || undefined };
  return (async function* () {
    for await (const rows of batches((after, limit) => repo.documents(db, filter, after, limit), DOC_KEY)) yield rows.map(toDocument);
  })();
}

/** The secretariat keeps a document of the board with its file (one, required). */
export async function addDocument(db: Db, actor: Actor, f: { kind: BoardDocumentKind; number?: string; title: string; issuedOn: string }, uploads: Upload[]): Promise<BoardDocument> {
  authorize(boardPolicy, 'keep', actor, await secretariat(db));
  if (uploads.length !== 1) throw invalid('Cần đính kèm tệp văn bản', [{ path: 'files', message: 'Cần đính kèm tệp văn bản' }]);
  await checkUploads(uploads, {});
  return db.tx(async (t) => {
    const id = randomUUID();
    const file = await storeFile(t, actor.userId, uploads[0].filename, uploads[0].data, { owner: { kind: 'board_document', id } });
    const title = cleanText(f.title)!;
    const number = cleanText(f.number ?? null);
    await repo.insertDocument(t, { id, kind: f.kind, number, title, issuedOn: f.issuedOn, fileId: file.id, search: fold(`${number ?? ''} ${title}`), createdBy: actor.userId });
    const after = toDocument(await repo.documentById(t, id));
    await audit(t, actor, { entity: 'board_document', entityId: id, action: 'create', after });
    return after;
  });
}

export async function mayReadDocumentFile(db: Db, actor: Actor, id: string): Promise<boolean> {
  return (await repo.documentExists(db, id)) && can(boardPolicy, 'read', actor, { ids: [] });
}

const vnd = (s: string) => BigInt(s).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const FORM_LABELS: Record<string, string> = { money: 'Tiền', in_kind: 'Hiện vật', non_material: 'Phi vật chất' };

/** The board's yearly report (seed 000 §IV.3.9-a), filled from the ledger, agreements, needs met and events. */
export async function yearlyReport(db: Db, actor: Actor, clock: Clock, year: number): Promise<{ buffer: Buffer; filename: string }> {
  authorize(boardPolicy, 'report', actor, await secretariat(db));
  const ledger = await repo.ledgerYear(db, year);
  const provinces = await repo.ledgerProvinces(db, year);
  const agreements = await repo.agreementsYear(db, year);
  const needs = await repo.needsMetYear(db, year);
  const events = await repo.eventsYear(db, year);
  const members = await repo.members(db);
  const total = ledger.reduce((n, r) => n + BigInt(r.value), 0n).toString();
  const count = ledger.reduce((n, r) => n + Number(r.count), 0);
  const buffer = await officialDocx({
    issuer: 'BỘ GIÁO DỤC VÀ ĐÀO TẠO', parentBody: null, number: null, symbol: 'BC-BĐP', place: 'Hà Nội', date: vnDate(clock.now()), typeName: 'Báo cáo',
    subject: `Kết quả hoạt động của Ban điều phối kết nối nguồn lực xã hội năm ${year}`,
    recipientsTo: ['Lãnh đạo Bộ Giáo dục và Đào tạo'],
    body: [
      bodyPara(`Thực hiện Kế hoạch số 29/KH-BGDĐT ngày 11/01/2021 (mục IV.3.9), Ban điều phối báo cáo kết quả kết nối nguồn lực xã hội năm ${year}, tổng hợp từ số liệu của hệ thống KếtNối.`),
      heading('I. TỔ CHỨC BAN ĐIỀU PHỐI'),
      bodyPara(`Ban điều phối có ${members.length} thành viên theo vai trò và đơn vị đại diện.`),
      heading('II. KẾT QUẢ HỖ TRỢ, ĐẦU TƯ ĐÃ NGHIỆM THU'),
      bodyPara(`Năm ${year} có ${count} lượt đóng góp đã nghiệm thu, tổng giá trị ${vnd(total)} đồng.`),
      gridTable(['Hình thức', 'Số lượt', 'Giá trị (đồng)'], ledger.map((r) => [FORM_LABELS[r.form] ?? r.form, r.count, vnd(r.value)]), [60, 35, 60]),
      bodyPara('Các tỉnh nhận hỗ trợ nhiều nhất:'),
      gridTable(['Tỉnh, thành phố', 'Số lượt', 'Giá trị (đồng)'], provinces.map((r) => [r.province, r.count, vnd(r.value)]), [70, 30, 55]),
      heading('III. VĂN BẢN KÝ KẾT'),
      bodyPara(`Năm ${year} ký kết ${agreements.count} văn bản đồng hành, tổng giá trị cam kết ${vnd(agreements.value)} đồng.`),
      heading('IV. NHU CẦU ĐƯỢC ĐÁP ỨNG'),
      bodyPara(`Năm ${year} có ${needs.count} nhu cầu của các cơ sở giáo dục được đáp ứng và nghiệm thu.`),
      heading('V. HOẠT ĐỘNG'),
      events.length
        ? gridTable(['Loại hoạt động', 'Số hoạt động đã tổ chức'], events.map((e) => [ACTIVITY_KIND_LABELS[e.kind as ActivityKind] ?? e.kind, e.count]), [100, 55])
        : bodyPara('Chưa ghi nhận hoạt động đã tổ chức trong năm.'),
      heading('VI. ĐÁNH GIÁ, KIẾN NGHỊ'),
      bodyPara('…'),
    ],
    copiesTo: ['Như trên', 'Các thành viên Ban điều phối', 'Lưu: VT, Tổ thư ký'],
    signer: { authority: ['TM. BAN ĐIỀU PHỐI', 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC'] },
  });
  return { buffer, filename: `bao-cao-ban-dieu-phoi-${year}.docx` };
}
