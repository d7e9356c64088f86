import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import type { Column } from '../../platform/tabular.js';
import { budgetsApi as api, type PlanBudgetRow } from '../../../../contracts/budgets.js';
import * as service from './service.js';

const COLUMNS: Column<PlanBudgetRow>[] = [
  { header: 'Mục', value: (r) => r.sectionCode ?? '', width: 10 }, { header: 'Tên mục', value: (r) => r.sectionTitle ?? '', width: 40 },
  { header: 'Đơn vị', value: (r) => r.unit?.name ?? 'Sổ đóng góp (nguồn lực xã hội)', width: 28 },
  { header: 'Dự toán NSNN', value: (r) => r.estimate.stateBudget, width: 18 }, { header: 'Dự toán kinh phí chương trình', value: (r) => r.estimate.programmeFund, width: 18 },
  { header: 'Dự toán nguồn lực xã hội', value: (r) => r.estimate.socialResources, width: 18 }, { header: 'Tổng dự toán', value: (r) => r.estimate.total, width: 18 },
  { header: 'Thực chi NSNN', value: (r) => r.spending.stateBudget, width: 18 }, { header: 'Thực chi kinh phí chương trình', value: (r) => r.spending.programmeFund, width: 18 },
  { header: 'Nguồn lực xã hội đã nghiệm thu', value: (r) => r.spending.socialResources, width: 18 }, { header: 'Tổng thực chi', value: (r) => r.spending.total, width: 18 },
];

export async function budgetRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('budget_line', (db, actor, id) => service.mayReadLineFile(db, actor, id));
  r(api.task, async (req) => service.taskBudget(app.db, req.actor, app.clock, req.params.id));
  r(api.addLine, async (req, reply) => reply.status(201).send(await service.addLine(app.db, req.actor, app.clock, req.params.id, req.body, req.uploads)), { files: 1 });
  r(api.plan, async (req, reply) => {
    const b = await service.planBudget(app.db, req.actor, req.params.id);
    if (req.query.format !== 'json') {
      return sendTable(reply, req.query.format, 'du-toan-thuc-chi', 'Dự toán, thực chi', COLUMNS, (async function* () { yield b.rows; })());
    }
    return b;
  });
}
