import type { App } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { surveysApi as api } from '../../../../contracts/surveys.js';
import * as service from './service.js';

export async function surveyRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.list, async (req) => ({ items: await service.surveys(app.db, req.params.id) }));
  r(api.save, async (req) => service.saveSurvey(app.db, req.actor, req.params.id, req.params.schoolYear, req.body));
  r(api.points, async (req) => service.surveyPoints(app.db, req.query));
}
