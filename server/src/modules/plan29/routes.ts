import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { plan29Api as api } from '../../../../contracts/plan29.js';
import * as service from './service.js';

export async function plan29Routes(app: App): Promise<void> {
  const r = router(app);
  r(api.provinces, async () => service.provinces(app.db));
  r(api.quota, async (req) => ({ items: await service.quota(app.db, req.query.year) }));
  r(api.select, async (req) => ({ items: await service.select(app.db, req.actor, req.body) }));
  r(api.beneficiaries, async (req) => ({ items: await service.listBeneficiaries(app.db, req.actor, req.params.id) }));
  r(api.addBeneficiary, async (req, reply) => reply.status(201).send(await service.addBeneficiary(app.db, req.actor, req.params.id, req.body)));
}
