import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { setSessionCookie } from '../../platform/auth.js';
import { donorsApi as api } from '../../../../contracts/donors.js';
import * as service from './service.js';

export async function donorRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.register, async (req, reply) => {
    const { donor, session } = await service.register(app.db, req.body, req.headers['user-agent']);
    setSessionCookie(reply, session.token, session.expiresAt, (app.config.publicUrl ?? '').startsWith('https://'));
    return reply.status(201).send(donor);
  });
  r(api.list, async (req) => service.listDonors(app.db, req.actor, req.query));
  r(api.get, async (req) => service.getDonor(app.db, req.actor, req.params.id));
  r(api.update, async (req) => service.editDonor(app.db, req.actor, req.params.id, req.body));
  r(api.vet, async (req) => service.vet(app.db, req.actor, req.params.id, req.body.decision, req.body.reason ?? null));
}
