import fs from 'node:fs';
import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router, theUpload } from '../../platform/route.js';
import { IMPORT_FILE_SIZE, readTable } from '../../platform/tabular.js';
import { dataPath } from '../../platform/data-files.js';
import { AREA_FLAG_LABELS } from '../../../../contracts/common.js';
import { areasApi as api, type Area } from '../../../../contracts/areas.js';
import * as service from './service.js';
import { areaCapabilities } from './policy.js';

export async function areaRoutes(app: App): Promise<void> {
  const r = router(app);

  r(api.provinces, async () => ({ items: await service.provinces(app.db) }));
  r(api.communes, async (req) => ({ items: await service.communes(app.db, req.params.code, req.query.flag) }));
  r(api.legacyDistricts, async (req) => ({ items: await service.legacyDistricts(app.db, req.params.code) }));
  r(api.search, async (req) => ({ items: await service.search(app.db, req.query.q, req.query) }));
  r(api.resolve, async (req) => service.resolve(app.db, req.query));
  r(api.setFlags, async (req) => service.setFlags(app.db, req.actor, req.params.code, req.body.flags));
  r(api.importFlags, async (req) => {
    const f = theUpload(req);
    return service.importFlags(app.db, req.actor, await readTable(f.filename, f.data, 20_000));
  }, { allow: (a) => areaCapabilities(a).importFlags, files: 1, fileSize: IMPORT_FILE_SIZE });
  r(api.exportFlags, async (req, reply) => {
    const rows = await service.flaggedCommunes(app.db);
    return sendTable(reply, req.query.format, 'dac-diem-don-vi', 'Đặc điểm', [
      { header: 'Mã', value: (a: Area) => a.code, width: 10 },
      { header: 'Tên', value: (a: Area) => a.fullName, width: 30 },
      { header: 'Mã tỉnh', value: (a: Area) => a.provinceCode, width: 10 },
      { header: 'Đặc điểm', value: (a: Area) => a.flags.join('|'), width: 40 },
      { header: 'Diễn giải', value: (a: Area) => a.flags.map((f) => AREA_FLAG_LABELS[f]).join('; '), width: 60 },
    ], (async function* () { yield rows; })());
  });

  const provincesGeo = dataPath('admin-units', 'geo', 'provinces-34.simplified.geojson');
  r(api.provinceShapes, async (_req, reply) => {
    reply.type('application/geo+json').header('Cache-Control', 'public, max-age=86400');
    return reply.send(fs.createReadStream(provincesGeo));
  });
}
