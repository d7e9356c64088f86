import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { auditApi } from '../../../../contracts/audit.js';
import * as schools from '../schools/service.js';
import * as organisations from '../organisations/service.js';

/**
 * A record's history, for those allowed to see it: each entity's own service decides through its
 * policy (schools: those who may edit the school, and the Ministry).
 */
export async function auditRoutes(app: App): Promise<void> {
  router(app)(auditApi.history, async (req) => {
    const { entity, entityId } = req.query;
    if (entity === 'school') return { items: await schools.history(app.db, req.actor, entityId) };
    return { items: await organisations.history(app.db, req.actor, entityId) };
  });
}
