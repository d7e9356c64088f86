import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { organisationsApi as api, type Organisation } from '../../../../contracts/organisations.js';
import * as service from './service.js';

export async function organisationRoutes(app: App): Promise<void> {
  const r = router(app);

  r(api.list, async (req, reply) => {
    const { format, cursor, limit, ...filter } = req.query;
    if (format !== 'json') {
      return sendTable(reply, format, 'to-chuc', 'Tổ chức', [
        { header: 'Loại', value: (o: Organisation) => o.kind, width: 18 },
        { header: 'Mã', value: (o) => o.code, width: 18 },
        { header: 'Tên', value: (o) => o.name, width: 60 },
        { header: 'Tên viết tắt', value: (o) => o.shortName, width: 20 },
        { header: 'Mã tỉnh', value: (o) => o.provinceCode, width: 10 },
        { header: 'Mã xã', value: (o) => o.communeCode, width: 10 },
      ], service.listAll(app.db, filter));
    }
    return service.list(app.db, { ...filter, cursor, limit });
  });
  r(api.get, async (req) => service.detail(app.db, req.actor, req.params.id));
  r(api.create, async (req, reply) => reply.status(201).send(await service.create(app.db, req.actor, req.body)));
  r(api.update, async (req) => service.update(app.db, req.actor, req.params.id, req.body));
}
