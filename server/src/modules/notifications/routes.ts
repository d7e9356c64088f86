import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { notificationsApi as api } from '../../../../contracts/notifications.js';
import * as service from './service.js';

export async function notificationRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.list, async (req) => service.listMine(app.db, req.actor, req.query));
  r(api.settings, async (req) => service.settings(app.db, req.actor));
  r(api.saveSettings, async (req) => service.saveSettings(app.db, req.actor, req.body));
  r(api.markRead, async (req, reply) => {
    await service.markRead(app.db, req.actor, req.params.id);
    return reply.status(204).send();
  });
}
