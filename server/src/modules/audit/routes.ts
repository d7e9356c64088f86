import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { afterKey, batches, cappedPage } from '../../platform/paging.js';
import { authorize } from '../../platform/policy.js';
import type { Column } from '../../platform/tabular.js';
import { auditApi, type AuditLogEntry } from '../../../../contracts/audit.js';
import * as schools from '../schools/service.js';
import * as organisations from '../organisations/service.js';
import { auditPolicy } from './policy.js';
import * as repo from './repository.js';

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const COLUMNS: Column<AuditLogEntry>[] = [
  { header: 'Mã', value: (e) => e.id, width: 10 },
  { header: 'Thời điểm (UTC)', value: (e) => e.at, width: 26 },
  { header: 'Người thực hiện', value: (e) => e.actorLabel, width: 36 },
  { header: 'Vai trò', value: (e) => e.actorRole, width: 12 },
  { header: 'Loại bản ghi', value: (e) => e.entity, width: 16 },
  { header: 'Mã bản ghi', value: (e) => e.entityId, width: 38 },
  { header: 'Thao tác', value: (e) => e.action, width: 18 },
  { header: 'Trước', value: (e) => json(e.before), width: 50 },
  { header: 'Sau', value: (e) => json(e.after), width: 50 },
];

/**
 * A record's history, for those allowed to see it: each entity's own service decides through its
 * policy (schools: those who may edit the school, and the Ministry). The whole trail, filtered and
 * exported, is the administrators'.
 */
/** The log's count stops here ("more than 10,000 entries"): beyond, a filter narrows it. */
const COUNT_CAP = 10_000;

export async function auditRoutes(app: App): Promise<void> {
  const r = router(app);
  r(auditApi.history, async (req) => {
    const { entity, entityId } = req.query;
    if (entity === 'school') return { items: await schools.history(app.db, req.actor, entityId) };
    return { items: await organisations.history(app.db, req.actor, entityId) };
  });

  r(auditApi.log, async (req, reply) => {
    authorize(auditPolicy, 'log', req.actor, null);
    const { format, cursor, limit, ...filter } = req.query;
    if (format !== 'json') {
      const all = batches((after, n) => repo.list(app.db, filter, after ? Number(after[0]) : null, n), (e) => [e.id], 1000);
      return sendTable(reply, format, 'nhat-ky', 'Nhật ký', COLUMNS, all);
    }
    const after = afterKey(cursor, ['number']) as [number] | null;
    const [rows, total] = await Promise.all([repo.list(app.db, filter, after ? after[0] : null, limit + 1), repo.count(app.db, filter, COUNT_CAP)]);
    return cappedPage(rows, { cursor, limit }, total, COUNT_CAP, (e) => [e.id]);
  });
}
