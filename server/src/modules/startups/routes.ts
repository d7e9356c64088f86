import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { startupsApi as api } from '../../../../contracts/startups.js';
import { registerFileOwner } from '../../platform/files.js';
import { mayAttach } from './policy.js';
import * as service from './service.js';

export async function startupRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('startup_proposal', (db, actor, id) => service.mayReadProposalFile(db, actor, id));
  r(api.calls, async (req) => service.listCalls(app.db, req.actor, app.clock));
  r(api.createCall, async (req, reply) => reply.status(201).send(await service.createCall(app.db, req.actor, app.clock, req.body)));
  r(api.submit, async (req, reply) => reply.status(201).send(await service.submit(app.db, req.actor, app.clock, req.params.id, req.body)));
  r(api.list, async (req) => service.listProposals(app.db, req.actor, req.query));
  r(api.get, async (req) => service.getProposal(app.db, req.actor, req.params.id));
  r(api.edit, async (req) => service.editProposal(app.db, req.actor, req.params.id, req.body));
  r(api.assign, async (req) => service.assignReviewers(app.db, req.actor, req.params.id, req.body.reviewerIds));
  r(api.score, async (req) => service.score(app.db, req.actor, app.clock, req.params.id, req.body));
  r(api.budgetOpinion, async (req) => service.budgetOpinion(app.db, req.actor, app.clock, req.params.id, req.body.opinion));
  r(api.report, async (req, reply) => reply.status(201).send(await service.reportProgress(app.db, req.actor, app.clock, req.params.id, req.body)));
  r(api.attach, async (req, reply) => reply.status(201).send(await service.attachFiles(app.db, req.actor, req.params.id, req.body.kind, req.uploads)), { allow: mayAttach, files: 10 });
  r(api.reviewers, async (req) => service.reviewerCandidates(app.db, req.actor));
  r(api.decide, async (req) => service.decide(app.db, req.actor, app.clock, req.params.id, req.body));
}
