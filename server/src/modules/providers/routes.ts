import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { providersApi as api } from '../../../../contracts/providers.js';
import * as service from './service.js';

export async function providerRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.list, async (req) => service.listProviders(app.db, req.actor, req.query));
  r(api.get, async (req) => service.getProvider(app.db, req.actor, req.params.id));
  r(api.create, async (req, reply) => reply.status(201).send(await service.createProvider(app.db, req.actor, req.body)));
  r(api.update, async (req) => service.editProvider(app.db, req.actor, app.clock, req.params.id, req.body));
}
