import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import { vndCell, type Column } from '../../platform/tabular.js';
import { needsApi as api } from '../../../../contracts/needs.js';
import { NEED_CATEGORY_LABELS, NEED_STATUS_LABELS } from './domain.js';
import * as service from './service.js';

const COLUMNS: Column<service.NeedExportLine>[] = [
  { header: 'Trường', value: (n) => n.schoolName, width: 36 }, { header: 'Tỉnh', value: (n) => n.provinceName, width: 16 },
  { header: 'Xã', value: (n) => n.communeName, width: 22 }, { header: 'Hạng mục', value: (n) => NEED_CATEGORY_LABELS[n.category], width: 24 },
  { header: 'Nội dung', value: (n) => n.title, width: 40 }, { header: 'Số lượng', value: (n) => n.quantity, width: 10 }, { header: 'Đơn vị', value: (n) => n.unit, width: 10 },
  { header: 'Kinh phí ước tính (đồng)', value: (n) => n.estimatedCost, width: 18 }, { header: 'Đã cam kết (đồng)', value: (n) => vndCell(n.pledgedValue), width: 18 },
  { header: 'Còn thiếu (số lượng)', value: (n) => n.remainingQuantity, width: 14 }, { header: 'Còn thiếu (đồng)', value: (n) => n.remainingValue, width: 18 },
  { header: 'Trạng thái', value: (n) => NEED_STATUS_LABELS[n.status], width: 20 },
];

export async function needRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('need', (db, actor, id) => service.mayReadNeedFile(db, actor, id));

  r(api.list, async (req, reply) => {
    const { format, status, open, cursor, limit, sort, ...f } = req.query;
    const filter = { ...f, states: status ? [status] : undefined, open: open === 'true' };
    if (format !== 'json') return sendTable(reply, format, 'nhu-cau', 'Nhu cầu', COLUMNS, service.allNeeds(app.db, req.actor, filter));
    return service.listNeeds(app.db, req.actor, { ...filter, sort, cursor, limit });
  });
  r(api.points, async (req) => {
    const { status, open, ...f } = req.query;
    return service.needPoints(app.db, req.actor, { ...f, open: open === 'true', states: status ? [status] : undefined });
  });
  r(api.get, async (req) => service.getNeed(app.db, req.actor, req.params.id));
  r(api.create, async (req, reply) => reply.status(201).send(await service.createNeed(app.db, req.actor, req.body)));
  r(api.update, async (req) => service.editNeed(app.db, req.actor, req.params.id, req.body));
  r(api.addPhotos, async (req, reply) => reply.status(201).send({ items: await service.addPhotos(app.db, req.actor, req.params.id, req.uploads) }));
  r(api.transition, async (req) => service.transitionNeed(app.db, req.actor, req.params.id, req.body.action, { reason: req.body.reason, note: req.body.note, publish: req.body.publish, files: req.uploads }));
}
