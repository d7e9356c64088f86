import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { router } from '../../platform/route.js';
import type { Column } from '../../platform/tabular.js';
import { RECOGNITION_FORM_LABELS, recognitionApi as api, type ContributorRank, type Decision, type Honour, type RecognitionList } from '../../../../contracts/recognition.js';
import { certificateDocx } from './certificate.js';
import * as service from './service.js';

const dmy = (iso: string | null) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');
const RANK_COLUMNS: Column<ContributorRank>[] = [
  { header: 'Hạng', value: (r) => r.rank, width: 8 }, { header: 'Nhà tài trợ', value: (r) => r.contributor.name, width: 44 },
  { header: 'Tiền (đồng)', value: (r) => r.money, width: 20 }, { header: 'Hiện vật (đồng)', value: (r) => r.inKind, width: 20 },
  { header: 'Tổng giá trị đã nghiệm thu (đồng)', value: (r) => r.total, width: 22 }, { header: 'Số lượt đóng góp', value: (r) => r.contributions, width: 12 },
  { header: 'Số tỉnh', value: (r) => r.provinces, width: 10 },
];
const LIST_STATE_LABELS = { draft: 'Đang lập', submitted: 'Đã gửi thẩm định' } as const;
const LIST_COLUMNS: Column<RecognitionList>[] = [
  { header: 'Danh sách', value: (l) => l.title, width: 44 }, { header: 'Năm', value: (l) => l.year, width: 8 },
  { header: 'Đơn vị đề nghị', value: (l) => l.proposedBy.shortName ?? l.proposedBy.name, width: 24 }, { header: 'Trạng thái', value: (l) => LIST_STATE_LABELS[l.state], width: 16 },
  { header: 'Số người đề nghị', value: (l) => l.nominees, width: 12 }, { header: 'Được đồng ý', value: (l) => l.accepted, width: 12 }, { header: 'Đã khen thưởng', value: (l) => l.honoured, width: 12 },
];
const HONOUR_COLUMNS: Column<Honour>[] = [
  { header: 'Tổ chức, cá nhân', value: (h) => h.contributor.name, width: 44 }, { header: 'Hình thức', value: (h) => RECOGNITION_FORM_LABELS[h.form], width: 18 },
  { header: 'Số quyết định', value: (h) => h.decisionNumber, width: 18 }, { header: 'Ngày quyết định', value: (h) => dmy(h.decidedOn), width: 14 },
  { header: 'Năm', value: (h) => h.year, width: 8 }, { header: 'Mã xác thực', value: (h) => h.certificateCode, width: 20 },
];
const DECISION_COLUMNS: Column<Decision>[] = [
  { header: 'Số quyết định', value: (d) => d.number, width: 20 }, { header: 'Ngày quyết định', value: (d) => dmy(d.decidedOn), width: 14 },
  { header: 'Hình thức', value: (d) => RECOGNITION_FORM_LABELS[d.form], width: 18 }, { header: 'Người ký', value: (d) => d.signer ?? '', width: 30 },
  { header: 'Hoạt động trao tặng', value: (d) => d.activity?.title ?? '', width: 44 }, { header: 'Mục chương trình', value: (d) => d.activity?.agendaPosition ?? '', width: 10 },
  { header: 'Số người được khen thưởng', value: (d) => d.honoured, width: 14 },
];

export async function recognitionRoutes(app: App): Promise<void> {
  const r = router(app);
  r(api.ranking, async (req, reply) => {
    const { format, cursor, limit, ...f } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'xep-hang-nha-tai-tro', 'Xếp hạng', RANK_COLUMNS, await service.allRanking(app.db, req.actor, f));
    return service.ranking(app.db, req.actor, { ...f, cursor, limit });
  });
  r(api.lists, async (req, reply) => {
    const { format, cursor, limit, ...f } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'danh-sach-de-nghi-khen-thuong', 'Danh sách đề nghị', LIST_COLUMNS, await service.allLists(app.db, req.actor, f));
    return service.lists(app.db, req.actor, { ...f, cursor, limit });
  });
  r(api.createList, async (req, reply) => reply.status(201).send(await service.createList(app.db, req.actor, req.body)));
  r(api.getList, async (req) => service.getList(app.db, req.actor, req.params.id));
  r(api.addNominee, async (req, reply) => reply.status(201).send(await service.addNominee(app.db, req.actor, req.params.id, req.body)));
  r(api.submitList, async (req) => service.submitList(app.db, req.actor, req.params.id));
  r(api.appraise, async (req) => service.appraiseNominee(app.db, req.actor, req.params.id, req.body.action, req.body.note));
  r(api.respond, async (req) => service.respond(app.db, req.actor, req.params.id, req.body.reason));
  r(api.certificate, async (req, reply) => {
    const h = await service.certificateOf(app.db, req.actor, req.params.id);
    const base = app.config.publicUrl ?? `${req.protocol}://${req.host}`;
    const d = await certificateDocx(h, `${base.replace(/\/$/, '')}/xac-thuc-khen-thuong?ma=${encodeURIComponent(h.certificate_code)}`);
    reply.header('Content-Disposition', `attachment; filename="${d.filename}"`);
    reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    return reply.send(d.buffer);
  });
  r(api.decisions, async (req, reply) => {
    const { format, cursor, limit, ...f } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'quyet-dinh-khen-thuong', 'Quyết định', DECISION_COLUMNS, service.allDecisions(app.db, f));
    return service.decisions(app.db, { ...f, cursor, limit });
  });
  r(api.getDecision, async (req) => service.getDecision(app.db, req.params.id));
  r(api.decide, async (req, reply) => reply.status(201).send(await service.decide(app.db, req.actor, app.clock, req.body)));
  r(api.honourRoll, async (req, reply) => {
    const { format, cursor, limit, ...f } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'bang-vinh-danh', 'Bảng vinh danh', HONOUR_COLUMNS, service.allHonours(app.db, f));
    return service.honourRoll(app.db, { ...f, cursor, limit });
  });
  r(api.verify, async (req) => service.verify(app.db, req.params.code));
}
