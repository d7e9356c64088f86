import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { homeApi as api } from '../../../../contracts/home.js';
import * as service from './service.js';

export async function homeRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.get, async (req) => service.home(app.db, req.actor, app.clock));
}
