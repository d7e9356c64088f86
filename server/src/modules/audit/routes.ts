import { z } from 'zod';
import type { App } from '../../platform/http.js';
import { AuditEntry } from '../../../../contracts/index.js';
import { badRequest } from '../../platform/errors.js';
import * as schools from '../schools/service.js';
import * as organisations from '../organisations/service.js';
import { authorize } from '../../platform/policy.js';
import { organisationPolicy } from '../organisations/policy.js';
import { auditHistory } from '../../platform/audit.js';

/**
 * A record's history, for those allowed to see it: each entity's own policy decides
 * (schools: those who may edit the school, and the Ministry).
 */
export async function auditRoutes(app: App): Promise<void> {
  app.get('/api/v1/audit', {
    schema: {
      tags: ['Nhật ký'], summary: 'Lịch sử thay đổi của một bản ghi (ai, khi nào, trước và sau)',
      querystring: z.object({ entity: z.enum(['school', 'organisation']), entityId: z.string().uuid() }),
      response: { 200: z.object({ items: z.array(AuditEntry) }) },
    },
  }, async (req) => {
    const { entity, entityId } = req.query;
    if (entity === 'school') return { items: await schools.history(app.db, req.actor, entityId) };
    if (entity === 'organisation') {
      const o = await organisations.get(app.db, entityId);
      authorize(organisationPolicy, 'update', req.actor, o);
      return { items: await auditHistory(app.db, 'organisation', entityId) };
    }
    throw badRequest('Loại bản ghi không hỗ trợ');
  });
}
