import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import { vndCell, type Column } from '../../platform/tabular.js';
import { agreementsApi as api, type Agreement } from '../../../../contracts/agreements.js';
import * as service from './service.js';
import { agreementCapabilities } from './policy.js';

const COLUMNS: Column<Agreement>[] = [
  { header: 'Số', value: (a) => a.code, width: 14 }, { header: 'Tên', value: (a) => a.title, width: 40 }, { header: 'Nhà tài trợ', value: (a) => a.donorName, width: 30 },
  { header: 'Bên ký', value: (a) => a.counterpartName, width: 30 }, { header: 'Ngày ký', value: (a) => a.signedOn, width: 12 }, { header: 'Cam kết (đồng)', value: (a) => a.committedValue, width: 18 },
  { header: 'Đã bàn giao (đồng)', value: (a) => vndCell(a.deliveredValue), width: 18 }, { header: 'Đã nghiệm thu (đồng)', value: (a) => vndCell(a.acceptedValue), width: 18 }, { header: 'Chậm tiến độ', value: (a) => (a.behindSchedule ? 'Có' : ''), width: 12 },
];

export async function agreementRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('agreement', (db, actor, id) => service.mayReadAgreementFile(db, actor, id));
  r(api.list, async (req, reply) => {
    const f = { donorId: req.query.donorId, behind: req.query.behind === 'true' };
    if (req.query.format !== 'json') return sendTable(reply, req.query.format, 'van-ban-ky-ket', 'Văn bản ký kết', COLUMNS, service.allAgreements(app.db, req.actor, app.clock, f));
    return service.listAgreements(app.db, req.actor, app.clock, { ...f, cursor: req.query.cursor, limit: req.query.limit });
  });
  r(api.get, async (req) => service.getAgreement(app.db, req.actor, app.clock, req.params.id));
  r(api.create, async (req, reply) => reply.status(201).send(await service.createAgreement(app.db, req.actor, app.clock, req.body, req.uploads[0])), {
    allow: (a) => agreementCapabilities(a).create,
    files: 1,
  });
}
