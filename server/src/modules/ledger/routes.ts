import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import { ledgerApi as api } from '../../../../contracts/ledger.js';
import * as service from './service.js';

export async function ledgerRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('contribution', (db, actor, id, file) => service.mayReadContributionFile(db, actor, id, file));
  r(api.pledge, async (req, reply) => reply.status(201).send(await service.pledge(app.db, req.actor, app.clock, req.body)));
  r(api.list, async (req) => service.listContributions(app.db, req.actor, req.query));
  r(api.get, async (req) => service.getContribution(app.db, req.actor, req.params.id));
  r(api.transition, async (req) => service.transitionContribution(app.db, req.actor, req.params.id, req.body.action, { note: req.body.note, reason: req.body.reason, files: req.uploads }));
}
