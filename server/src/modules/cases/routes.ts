import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { casesApi as api } from '../../../../contracts/cases.js';
import * as service from './service.js';
import { caseStatistics } from './statistics.js';
import { statisticsDocument } from './report.js';
import { caseDocument } from './document.js';

export async function caseRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.list, async (req) => service.listCases(app.db, req.actor, app.clock, { state: req.query.state, step: req.query.step, urgent: req.query.urgent === undefined ? undefined : req.query.urgent === 'true', cursor: req.query.cursor, limit: req.query.limit }));
  r(api.get, async (req) => service.getCase(app.db, req.actor, app.clock, req.params.id));
  r(api.create, async (req, reply) => reply.status(201).send(await service.createCase(app.db, req.actor, app.clock, req.body)));
  r(api.update, async (req) => service.editCase(app.db, req.actor, app.clock, req.params.id, req.body));
  r(api.move, async (req) => service.moveCase(app.db, req.actor, app.clock, req.params.id, req.body.to, { outcome: req.body.outcome, reason: req.body.reason }));
  r(api.addEntry, async (req, reply) => reply.status(201).send(await service.addEntry(app.db, req.actor, app.clock, req.params.id, req.body)));
  r(api.assign, async (req) => service.assignStaff(app.db, req.actor, app.clock, req.params.id, req.body.userId));
  r(api.assignable, async (req) => service.assignable(app.db, req.actor, app.clock, req.params.id));
  r(api.document, async (req, reply) => {
    const d = await caseDocument(app.db, req.actor, app.clock, req.params.id);
    reply.header('Content-Disposition', `attachment; filename="${d.filename}"`);
    reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    return reply.send(d.buffer);
  });
  r(api.unassign, async (req, reply) => {
    await service.unassignStaff(app.db, req.actor, app.clock, req.params.id, req.params.userId);
    return reply.status(204).send();
  });
  r(api.breakGlass, async (req) => service.breakGlass(app.db, req.actor, app.clock, req.params.id, req.body.reason));
  r(api.refer, async (req, reply) => reply.status(201).send(await service.refer(app.db, req.actor, app.clock, req.params.id, req.body)));
  r(api.referrals, async (req) => service.inbox(app.db, req.actor, app.clock, req.query));
  r(api.referral, async (req) => service.getReferral(app.db, req.actor, app.clock, req.params.id));
  r(api.referralTransition, async (req) => service.transitionReferral(app.db, req.actor, app.clock, req.params.id, req.body.action, req.body.text));
  r(api.focalPoints, async (req) => service.focalPoints(app.db, req.actor));
  r(api.setFocalPoints, async (req) => service.setFocalPoints(app.db, req.actor, app.clock, req.body.userIds));
  r(api.accessLog, async (req) => service.accessLog(app.db, req.actor, req.query));
  r(api.statistics, async (req) => caseStatistics(app.db, req.actor, app.clock, req.query));
  r(api.statisticsDocument, async (req, reply) => {
    const d = await statisticsDocument(app.db, req.actor, app.clock, req.query);
    reply.header('Content-Disposition', `attachment; filename="${d.filename}"`);
    reply.type(req.query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    return reply.send(d.buffer);
  });
}
