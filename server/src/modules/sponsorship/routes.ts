import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import { vndCell, type Column } from '../../platform/tabular.js';
import { sponsorshipApi as api, type SponsorshipPlan } from '../../../../contracts/sponsorship.js';
import { PLAN_STATE_LABELS } from './domain.js';
import * as service from './service.js';

const dmy = (iso: string | null) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');
const COLUMNS: Column<SponsorshipPlan>[] = [
  { header: 'Trường', value: (p) => p.schoolName, width: 36 }, { header: 'Xã', value: (p) => p.communeName, width: 22 },
  { header: 'Kế hoạch', value: (p) => p.title, width: 40 }, { header: 'Năm học / thời gian', value: (p) => p.period, width: 18 },
  { header: 'Số nội dung', value: (p) => p.itemCount, width: 10 }, { header: 'Dự toán (đồng)', value: (p) => vndCell(p.total), width: 18 },
  { header: 'Cấp phê duyệt', value: (p) => (p.approver === 'commune' ? 'UBND xã' : 'Sở GDĐT'), width: 14 },
  { header: 'Trạng thái', value: (p) => PLAN_STATE_LABELS[p.state], width: 16 }, { header: 'Ngày trình', value: (p) => dmy(p.submittedAt), width: 12 },
  { header: 'Hạn phê duyệt', value: (p) => (p.dueOn ? dmy(p.dueOn) : ''), width: 12 }, { header: 'Quá hạn', value: (p) => (p.overdue ? 'Có' : ''), width: 10 },
];

export async function sponsorshipRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.list, async (req, reply) => {
    const { format, cursor, limit, state, overdue, schoolId } = req.query;
    const f = { state, overdue: overdue === 'true', schoolId };
    if (format !== 'json') return sendTable(reply, format, 'ke-hoach-van-dong-tai-tro', 'Kế hoạch vận động tài trợ', COLUMNS, service.allPlans(app.db, req.actor, app.clock, f));
    return service.listPlans(app.db, req.actor, app.clock, { ...f, cursor, limit });
  });
  r(api.get, async (req) => service.getPlan(app.db, req.actor, app.clock, req.params.id));
  r(api.create, async (req, reply) => reply.status(201).send(await service.createPlan(app.db, req.actor, app.clock, req.body)));
  r(api.update, async (req) => service.editPlan(app.db, req.actor, app.clock, req.params.id, req.body));
  r(api.transition, async (req) => service.transitionPlan(app.db, req.actor, app.clock, req.params.id, req.body.action, { reason: req.body.reason, decisionNumber: req.body.decisionNumber }));
}
