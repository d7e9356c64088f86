import crypto from 'node:crypto';
import type { App } from '../../platform/http.js';
import { downloadName, sendTable } from '../../platform/http.js';
import type { FastifyReply } from 'fastify';
import { IMPORT_FILE_SIZE, readTable } from '../../platform/tabular.js';
import { router, theUpload } from '../../platform/route.js';
import { registerFileOwner } from '../../platform/files.js';
import type { Column } from '../../platform/tabular.js';
import { SCHOOL_LEVEL_LABELS } from '../../../../contracts/common.js';
import { assessmentsApi as api, type AssessmentSummary, type PublicResult } from '../../../../contracts/assessments.js';
import { ASSESSMENT_STATE_LABELS } from './domain.js';
import { assessmentCapabilities } from './policy.js';
import * as service from './service.js';
import { planTaskAssessments } from './plan-links.js';
import { assessmentsExcelApi as xapi } from '../../../../contracts/assessments-excel.js';
import * as excel from './excel.js';
import { assessmentEditingApi } from '../../../../contracts/assessment-editing.js';
import * as editing from './editing.js';
import { assessmentPrefillApi } from '../../../../contracts/assessment-prefill.js';
import * as prefill from './prefill.js';

const dmy = (iso: string | null) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '');
const COLUMNS: Column<AssessmentSummary>[] = [
  { header: 'Đợt đánh giá', value: (a) => a.campaignTitle, width: 36 }, { header: 'Đơn vị', value: (a) => a.organisationName, width: 36 },
  { header: 'Tỉnh', value: (a) => a.provinceCode, width: 8 }, { header: 'Xã', value: (a) => a.communeName ?? '', width: 22 },
  { header: 'Trạng thái', value: (a) => ASSESSMENT_STATE_LABELS[a.state], width: 16 }, { header: 'Điểm tự đánh giá', value: (a) => a.selfPoints, width: 12 },
  { header: 'Kết quả tự đánh giá', value: (a) => a.selfResult ?? '', width: 12 }, { header: 'Điểm thẩm định', value: (a) => a.reviewedPoints ?? '', width: 12 },
  { header: 'Kết quả thẩm định', value: (a) => a.reviewedResult ?? '', width: 12 }, { header: 'Ngày gửi', value: (a) => dmy(a.submittedAt), width: 12 },
  { header: 'Quá hạn', value: (a) => (a.late ? 'Có' : ''), width: 8 },
];
/** The open data's columns (documented in the API's schema of PublicResult): no evidence, no person. */
const OPEN_COLUMNS: Column<PublicResult>[] = [
  { header: 'ma_truong', value: (r) => r.schoolCode ?? '', width: 16 }, { header: 'ten_don_vi', value: (r) => r.organisationName, width: 40 },
  { header: 'ma_tinh', value: (r) => r.provinceCode, width: 8 }, { header: 'tinh', value: (r) => r.provinceName, width: 18 }, { header: 'xa', value: (r) => r.communeName ?? '', width: 22 },
  { header: 'cap_hoc', value: (r) => r.schoolLevels.map((l) => SCHOOL_LEVEL_LABELS[l]).join('; '), width: 20 },
  { header: 'diem', value: (r) => r.points, width: 8 }, { header: 'ket_qua', value: (r) => r.result, width: 10 }, { header: 'ket_qua_ten', value: (r) => r.resultLabel, width: 18 },
  { header: 'diem_theo_nhom', value: (r) => r.groups.map((g) => `${g.code}: ${g.points}/${g.max}${g.level ? ` (${g.level.label})` : ''}`).join('; '), width: 40 },
];

export async function assessmentRoutes(app: App): Promise<void> {
  const r = router(app);
  // evidence files are read by the organisation, its reviewer and national accounts, never the public
  registerFileOwner('assessment', (db, actor, id) => service.mayReadEvidenceFile(db, actor, id));

  r(api.versions, async (req) => service.listVersions(app.db, req.actor));
  r(api.version, async (req) => service.getVersion(app.db, req.actor, req.params.id));
  r(api.createVersion, async (req, reply) => reply.status(201).send(await service.createVersion(app.db, req.actor, req.body.definition)));
  r(api.publishVersion, async (req) => service.publishVersion(app.db, req.actor, app.clock, req.params.id));

  r(api.campaigns, async (req) => service.listCampaigns(app.db, req.actor, app.clock, req.query));
  r(api.campaign, async (req) => service.getCampaign(app.db, req.actor, app.clock, req.params.id));
  r(api.openCampaign, async (req, reply) => reply.status(201).send(await service.openCampaign(app.db, req.actor, app.clock, req.body)));
  r(api.completeness, async (req) => service.completeness(app.db, req.actor, app.clock, req.params.id));

  r(api.list, async (req, reply) => {
    const { format, cursor, limit, campaignId, state, provinceCode, late } = req.query;
    const f = { campaignId, state, provinceCode, late: late === 'true' };
    if (format !== 'json') return sendTable(reply, format, 'danh-gia', 'Bản tự đánh giá', COLUMNS, service.allAssessments(app.db, req.actor, app.clock, f));
    return service.listAssessments(app.db, req.actor, app.clock, { ...f, cursor, limit });
  });
  r(api.get, async (req) => service.getAssessment(app.db, req.actor, app.clock, req.params.id));
  r(api.saveAnswers, async (req) => service.saveAnswers(app.db, req.actor, app.clock, req.params.id, req.body));
  r(api.addEvidence, async (req, reply) => reply.status(201).send(await service.addEvidence(app.db, req.actor, app.clock, req.params.id, req.body, req.uploads[0])), {
    allow: (a) => assessmentCapabilities(a).list,
    files: 1,
  });
  r(api.removeEvidence, async (req) => service.removeEvidence(app.db, req.actor, app.clock, req.params.id, req.params.evidenceId));
  r(api.review, async (req) => service.review(app.db, req.actor, app.clock, req.params.id, req.body));
  r(api.transition, async (req) => service.transition(app.db, req.actor, app.clock, req.params.id, req.body.action, req.body.reason));

  r(api.planTaskAssessments, async (req) => planTaskAssessments(app.db, req.actor, app.clock, req.params.id));
  r(api.publicCampaigns, async () => service.publicCampaigns(app.db, app.clock));
  // the published distribution (the public page and its map): a short max-age, then revalidated by its ETag (a 304 carries no body)
  r(api.publicCampaign, async (req, reply) => {
    const body = await service.publicCampaign(app.db, app.clock, req.params.id);
    const etag = `"${crypto.createHash('sha1').update(JSON.stringify(body)).digest('base64url').slice(0, 22)}"`;
    reply.header('Cache-Control', 'public, max-age=30').header('ETag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return body;
  });
  r(api.publicCommunes, async (req, reply) => {
    reply.header('Cache-Control', 'public, max-age=30');
    return service.publicCommunes(app.db, app.clock, req.params.id, req.query.provinceCode);
  });
  r(api.publicResults, async (req, reply) => {
    const { format, cursor, limit, provinceCode } = req.query;
    if (format !== 'json') return sendTable(reply, format, 'ket-qua-danh-gia', 'Kết quả', OPEN_COLUMNS, await service.allPublicResults(app.db, app.clock, req.params.id, provinceCode));
    return service.publicResults(app.db, app.clock, req.params.id, { provinceCode, cursor, limit });
  });
  r(api.publicResult, async (req) => service.publicResult(app.db, app.clock, req.params.id));

  // ---------- framework editing (drafts; a published version never changes) ----------
  r(assessmentEditingApi.updateDraft, async (req) => editing.updateDraft(app.db, req.actor, req.params.id, req.body.definition));
  r(assessmentEditingApi.copyVersion, async (req, reply) => reply.status(201).send(await editing.copyVersion(app.db, req.actor, req.params.id, req.body.year)));
  // ---------- answers filled from the school's facility survey ----------
  r(assessmentPrefillApi.prefill, async (req) => prefill.prefillView(app.db, req.actor, app.clock, req.params.id));
  r(assessmentPrefillApi.applyPrefill, async (req) => prefill.applyPrefill(app.db, req.actor, app.clock, req.params.id));
  await excelRoutes(app);
}

// ---------------------------------------------------------------------------------------------
// A campaign's spreadsheets, report and completeness by reviewer (excel.ts)

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function excelRoutes(app: App): Promise<void> {
  const r = router(app);
  const send = (reply: FastifyReply, type: string, ext: string, f: { buffer: Buffer; filename: string }) =>
    reply.type(type).header('Content-Disposition', `attachment; filename="${downloadName(f.filename, ext)}"`).send(f.buffer);
  r(xapi.template, async (req, reply) => send(reply, XLSX_TYPE, 'xlsx', await excel.template(app.db, req.actor, req.params.id, req.query)));
  r(xapi.import, async (req) => {
    const f = theUpload(req);
    return excel.importAnswers(app.db, req.actor, app.clock, req.params.id, await readTable(f.filename, f.data, excel.ANSWER_IMPORT_MAX_ROWS + 1));
  }, { allow: (a) => a.role === 'department' || a.role === 'ministry', files: 1, fileSize: IMPORT_FILE_SIZE });
  r(xapi.results, async (req, reply) => {
    const x = await excel.results(app.db, req.actor, req.params.id, req.query);
    return sendTable(reply, 'xlsx', x.filename, 'Kết quả', x.columns, x.rows);
  });
  r(xapi.report, async (req, reply) => send(reply, DOCX_TYPE, 'docx', await excel.report(app.db, req.actor, app.clock, req.params.id, req.query)));
  r(xapi.reviewers, async (req) => excel.reviewers(app.db, req.actor, app.clock, req.params.id));
  r(xapi.outstanding, async (req) => excel.outstanding(app.db, req.actor, app.clock, req.params.id, req.query));
}
