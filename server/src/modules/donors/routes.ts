import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { requestLang } from '../../platform/i18n.js';
import { mailSender } from '../../platform/mail.js';
import { donorsApi as api } from '../../../../contracts/donors.js';
import { registerFileOwner } from '../../platform/files.js';
import * as service from './service.js';

export async function donorRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('donor_profile', (db, actor, ownerId) => service.mayReadDocument(db, actor, ownerId));
  r(api.register, async (req, reply) => {
    await service.register(app.db, req.body, requestLang(req), app.config.publicUrl, mailSender(app.mailer, app.log), { scryptN: app.config.scryptN });
    return reply.status(202).send({ status: 'check_email' as const });
  });
  r(api.list, async (req) => service.listDonors(app.db, req.actor, req.query));
  r(api.get, async (req) => service.getDonor(app.db, req.actor, req.params.id));
  r(api.update, async (req) => service.editDonor(app.db, req.actor, req.params.id, req.body));
  r(api.addDocuments, async (req, reply) => reply.status(201).send({ items: await service.addDocuments(app.db, req.actor, req.params.id, req.body.kind, req.uploads) }), { files: 5 });
  r(api.vet, async (req) => service.vet(app.db, req.actor, req.params.id, req.body.decision, req.body.reason ?? null));
}
