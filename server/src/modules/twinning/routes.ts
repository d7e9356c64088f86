import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { vnDate } from '../../platform/clock.js';
import { router } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import type { Column } from '../../platform/tabular.js';
import { twinningApi as api, type Pair } from '../../../../contracts/twinning.js';
import * as service from './service.js';
import { reportDocx, reportXlsx } from './report.js';

const STATUS_LABEL: Record<Pair['status'], string> = { active: 'Đang kết nghĩa', paused: 'Tạm dừng', ended: 'Đã kết thúc' };

const pairColumns = (year: number): Column<Pair>[] => [
  { header: 'Mã cặp', value: (p) => p.id }, { header: 'Đơn vị Hà Nội', value: (p) => p.hanoiSide }, { header: 'Tỉnh (Hà Nội)', value: () => 'Hà Nội' },
  { header: 'Cụm trường', value: (p) => p.hanoiClusterName }, { header: 'Trường kết nghĩa', value: (p) => p.borderSchoolName }, { header: 'Xã', value: (p) => p.borderCommuneName },
  { header: 'Tỉnh', value: (p) => p.borderProvinceName }, { header: 'Mã tỉnh', value: (p) => p.borderProvinceCode }, { header: 'Từ năm', value: (p) => p.startYear },
  { header: 'Trạng thái', value: (p) => STATUS_LABEL[p.status] }, { header: `Số hoạt động năm ${year}`, value: (p) => p.activitiesThisYear },
];

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function twinningRoutes(app: App): Promise<void> {
  registerFileOwner('twinning_activity', (db, actor, id) => service.mayReadActivityFile(db, actor, id));
  const r = router(app);
  const thisYear = () => Number(vnDate(app.clock.now()).slice(0, 4));

  r(api.pairs, async (req, reply) => {
    const { format, year, cursor, limit, ...f } = req.query;
    const filter = { ...f, year: year ?? thisYear(), today: vnDate(app.clock.now()) };
    if (format === 'csv') return sendTable(reply, 'csv', 'cap-ket-nghia', 'Cặp kết nghĩa', pairColumns(filter.year), service.exportPairs(app.db, filter));
    return service.listPairs(app.db, { ...filter, cursor, limit });
  });
  r(api.createPair, async (req, reply) => reply.status(201).send(await service.createPair(app.db, req.actor, req.body)));
  r(api.pair, async (req) => service.getPair(app.db, req.actor, app.clock, req.params.id, req.query.year));
  r(api.setPairStatus, async (req) => service.setPairStatus(app.db, req.actor, app.clock, req.params.id, req.body.status, req.body.reason ?? null));
  r(api.suggestions, async (req) => ({ items: await service.suggestions(app.db, req.query.hanoiSchoolId, req.query.provinceCode) }));
  r(api.savePlan, async (req) => service.savePlan(app.db, req.actor, req.params.id, req.params.year, req.body.items, req.body.note ?? null));
  r(api.logActivity, async (req, reply) => reply.status(201).send(await service.logActivity(app.db, req.actor, req.params.id, req.body, req.uploads)));
  r(api.confirmActivity, async (req) => service.confirmActivity(app.db, req.actor, req.params.id, req.body.note ?? null, req.uploads));
  r(api.compliance, async (req) => service.compliance(app.db, app.clock, req.query.year ?? thisYear(), req.query.schoolYear));
  r(api.remind, async (req) => service.remind(app.db, req.actor, app.clock, req.body.year));
  r(api.calendar, async (req) => service.calendarOf(req.query.year ?? thisYear()));
  r(api.report, async (req) => service.getReport(app.db, req.actor, req.params.level, req.params.orgId, req.params.year));
  r(api.saveReport, async (req) => service.saveReport(app.db, req.actor, app.clock, req.params.level, req.params.orgId, req.params.year, req.body.narrative, req.body.submit));
  r(api.reportDocument, async (req, reply) => {
    const { level, orgId, year } = req.params;
    const xlsx = req.query.format === 'xlsx';
    const doc = xlsx ? await reportXlsx(app.db, req.actor, level, orgId, year) : await reportDocx(app.db, req.actor, level, orgId, year, vnDate(app.clock.now()));
    return reply.type(xlsx ? XLSX : DOCX).header('Content-Disposition', `attachment; filename="${doc.filename}"`).send(doc.stream);
  });
  r(api.submissions, async (req) => ({ items: await service.submissions(app.db, req.actor, app.clock, req.query.year ?? thisYear()) }));
  r(api.dashboard, async (req) => service.dashboard(app.db, req.actor, app.clock, req.query.year ?? thisYear()));
  r(api.pairMap, async (req) => service.pairMap(app.db, req.actor, req.query));
  r(api.focalPoints, async (req) => ({ items: await service.focalPoints(app.db, req.actor) }));
  r(api.saveFocalPoint, async (req) => service.saveFocalPoint(app.db, req.actor, req.params.id, req.body));
}
