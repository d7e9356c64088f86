import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import { boardApi as api } from '../../../../contracts/board.js';
import * as service from './service.js';

export async function boardRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('board_document', (db, actor, id) => service.mayReadDocumentFile(db, actor, id));
  r(api.members, async (req) => service.members(app.db, req.actor));
  r(api.addMember, async (req, reply) => reply.status(201).send(await service.addMember(app.db, req.actor, req.body)));
  r(api.documents, async (req) => service.documents(app.db, req.actor, req.query));
  r(api.addDocument, async (req, reply) => reply.status(201).send(await service.addDocument(app.db, req.actor, req.body, req.uploads)), { files: 1 });
  r(api.report, async (req, reply) => {
    const d = await service.yearlyReport(app.db, req.actor, app.clock, req.query.year);
    reply.header('Content-Disposition', `attachment; filename="${d.filename}"`);
    reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    return reply.send(d.buffer);
  });
}
