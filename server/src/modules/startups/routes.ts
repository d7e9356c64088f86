import type { App } from '../../platform/http.js';
import { sendTable } from '../../platform/http.js';
import { vnDate } from '../../platform/clock.js';
import { router } from '../../platform/route.js';
import type { Column } from '../../platform/tabular.js';
import { startupsApi as api } from '../../../../contracts/startups.js';
import { registerFileOwner } from '../../platform/files.js';
import { PROPOSAL_STATE_LABELS } from './domain.js';
import { mayAttach } from './policy.js';
import * as service from './service.js';
import type { ProposalExportRow } from './service.js';

const dmy = (iso: string | null) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');
const COLUMNS: Column<ProposalExportRow>[] = [
  { header: 'Đợt đề xuất', value: (p) => p.callTitle, width: 30 }, { header: 'Tên mô hình, dự án', value: (p) => p.title, width: 45 },
  { header: 'Cơ sở đào tạo', value: (p) => p.institution.name, width: 35 }, { header: 'Địa bàn', value: (p) => p.locality, width: 30 },
  { header: 'Số hộ nghèo hướng tới', value: (p) => p.targetHouseholds, width: 12 }, { header: 'Kinh phí (đồng)', value: (p) => p.budget, width: 16 },
  { header: 'Điểm trung bình', value: (p) => p.averageScore ?? '', width: 10 }, { header: 'Số lượt chấm', value: (p) => p.reviews, width: 10 },
  { header: 'Trạng thái', value: (p) => PROPOSAL_STATE_LABELS[p.state], width: 16 }, { header: 'Số quyết định', value: (p) => p.decisionNumber ?? '', width: 18 },
  { header: 'Ngày quyết định', value: (p) => dmy(p.decisionDate), width: 12 }, { header: 'Ngày nộp', value: (p) => dmy(vnDate(new Date(p.createdAt))), width: 12 },
  // the latest progress report of an approved model
  { header: 'Ngày báo cáo tiến độ gần nhất', value: (p) => dmy(p.latest?.reportedOn ?? null), width: 14 }, { header: 'Số hộ được hỗ trợ', value: (p) => p.latest?.householdsSupported ?? '', width: 12 },
  { header: 'Việc làm tạo ra', value: (p) => p.latest?.jobs ?? '', width: 12 }, { header: 'Thu nhập bình quân (đồng/hộ/tháng)', value: (p) => p.latest?.averageIncomeVnd ?? '', width: 16 },
];

export async function startupRoutes(app: App): Promise<void> {
  const r = router(app);
  registerFileOwner('startup_proposal', (db, actor, id) => service.mayReadProposalFile(db, actor, id));
  r(api.calls, async (req) => service.listCalls(app.db, req.actor, app.clock));
  r(api.createCall, async (req, reply) => reply.status(201).send(await service.createCall(app.db, req.actor, app.clock, req.body)));
  r(api.submit, async (req, reply) => reply.status(201).send(await service.submit(app.db, req.actor, app.clock, req.params.id, req.body)));
  r(api.list, async (req, reply) => {
    const { format, cursor, limit, ...f } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'de-xuat-mo-hinh-khoi-nghiep', 'Đề xuất', COLUMNS, await service.allProposals(app.db, req.actor, f));
    return service.listProposals(app.db, req.actor, { ...f, cursor, limit });
  });
  r(api.get, async (req) => service.getProposal(app.db, req.actor, req.params.id));
  r(api.edit, async (req) => service.editProposal(app.db, req.actor, req.params.id, req.body));
  r(api.assign, async (req) => service.assignReviewers(app.db, req.actor, req.params.id, req.body.reviewerIds));
  r(api.score, async (req) => service.score(app.db, req.actor, app.clock, req.params.id, req.body));
  r(api.budgetOpinion, async (req) => service.budgetOpinion(app.db, req.actor, app.clock, req.params.id, req.body.opinion));
  r(api.report, async (req, reply) => reply.status(201).send(await service.reportProgress(app.db, req.actor, app.clock, req.params.id, req.body)));
  r(api.attach, async (req, reply) => reply.status(201).send(await service.attachFiles(app.db, req.actor, req.params.id, req.body.kind, req.uploads)), { allow: mayAttach, files: 10 });
  r(api.reviewers, async (req) => service.reviewerCandidates(app.db, req.actor));
  r(api.decide, async (req) => service.decide(app.db, req.actor, app.clock, req.params.id, req.body));
}
