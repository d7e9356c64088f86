import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, forbidden, invalid, notFound, unauthorized } from '../../platform/errors.js';
import type { FrameworkDefinition, FrameworkVersionDetail } from '../../../../contracts/assessments.js';
import { frameworkPolicy } from './policy.js';
import { checkDefinition, indicatorRows, insertDraft, versionDetail } from './service.js';
import * as repo from './repository.js';

/**
 * Editing a framework in the web: the administrator changes a draft version whole (groups,
 * indicators, their order, text, type, mandatory flag, scoring, maximum, evidence asked; an
 * indicator taken out of a draft is retired from that version on, and stays in the published
 * versions answered before), and starts a new draft from any version. A published version never
 * changes: the service refuses with a 409 and the database triggers refuse it too.
 */
const NOT_FOUND_VERSION = 'Không tìm thấy phiên bản bộ chỉ số';
export const PUBLISHED_FROZEN = 'Phiên bản này đã công bố nên không sửa được nữa (các đơn vị đã trả lời theo nó). Hãy bấm "Tạo phiên bản mới từ phiên bản này" rồi sửa bản nháp mới.';

function admin(actor: Actor): void {
  if (!frameworkPolicy.readDraft(actor, { state: 'draft' })) throw actor.userId ? forbidden() : unauthorized();
}

/** Replace a draft's definition and its indicator rows; the version row is locked first, so a publish at the same moment either sees the change or refuses it. */
export async function updateDraft(db: Db, actor: Actor, id: string, def: FrameworkDefinition): Promise<FrameworkVersionDetail> {
  admin(actor);
  return db.tx(async (t) => {
    if (!(await repo.lockVersion(t, id))) throw notFound(NOT_FOUND_VERSION);
    const before = (await repo.version(t, id))!;
    if (before.state !== 'draft') throw conflict(PUBLISHED_FROZEN);
    if (def.key !== before.key) throw invalid('Không đổi được mã bộ chỉ số của một phiên bản', [{ path: 'definition.key', message: `Mã bộ chỉ số là ${before.key}` }]);
    checkDefinition(def);
    await t.query('DELETE FROM assessment_indicator WHERE version_id = $1', [id]);
    await t.query(
      `INSERT INTO assessment_indicator (version_id, code, group_code, parent_code, position, text, type, mandatory, provisional, answerable, max_points, scoring, evidence)
       SELECT $1, x.code, x.group_code, x.parent_code, x.position, x.text, x.type, x.mandatory, x.provisional, x.answerable, x.max_points, x.scoring, x.evidence
       FROM jsonb_to_recordset($2::jsonb) AS x(code text, group_code text, parent_code text, position int, text text, type text, mandatory boolean, provisional boolean, answerable boolean, max_points numeric, scoring jsonb, evidence text)`,
      [id, JSON.stringify(indicatorRows(def))]);
    await t.query('UPDATE assessment_framework_version SET definition = $2::jsonb, year = $3, complete = $4 WHERE id = $1 AND state = $5', [id, JSON.stringify(def), def.year, def.provenance.complete, 'draft']);
    await t.query('UPDATE assessment_framework SET name = $2, basis = $3 WHERE id = $1', [before.framework_id, def.name, def.basis]);
    const after = (await repo.version(t, id))!;
    const codes = (d: FrameworkDefinition) => indicatorRows(d).map((r) => r.code);
    const was = new Set(codes(before.definition));
    const now = new Set(codes(def));
    await audit(t, actor, {
      entity: 'assessment_framework_version', entityId: id, action: 'update',
      before: { year: before.year, indicators: was.size, retired: [...was].filter((c) => !now.has(c)) },
      after: { year: def.year, indicators: now.size, added: [...now].filter((c) => !was.has(c)) },
    });
    return versionDetail(actor, after);
  });
}

/** A new draft of the same framework from a version's definition (its year, or the one given). */
export async function copyVersion(db: Db, actor: Actor, id: string, year: number | undefined): Promise<FrameworkVersionDetail> {
  admin(actor);
  return db.tx(async (t) => {
    const from = await repo.version(t, id);
    if (!from) throw notFound(NOT_FOUND_VERSION);
    const def: FrameworkDefinition = { ...from.definition, year: year ?? from.definition.year };
    const newId = await insertDraft(t, actor, def);
    const after = (await repo.version(t, newId))!;
    await audit(t, actor, { entity: 'assessment_framework_version', entityId: newId, action: 'copy', after: { from: id, fromVersion: from.version, version: after.version, year: def.year } });
    return versionDetail(actor, after);
  });
}
