import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo.js';
import { registerDonor } from './calls.js';

/**
 * Scope is server truth: what decides what an account sees and does (an organisation's code,
 * kind, parent, province and commune; an account's role and organisation; a school's code,
 * commune, province and cluster; a donor's province and vetting; the school of a need; the
 * leads of a plan's assignments; the sides of a twinning pair) is changed by no signed-in
 * account through any route, except where its own rule already gives it that record (an
 * administrator; the Department or the Ministry for a school's place). Every write route that
 * touches such a field is tried, as every demo account and a donor that has just registered,
 * with the field altered; each answer must be a 4xx and the scope columns of every table
 * unchanged. Then the other province's records stay out of reach. Last, the administrator
 * changes them, with audit, and scope follows the record at once.
 */

let ctx: TestContext;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Req { method: Method; url: string; payload?: unknown; headers?: Record<string, string> }

const send = (cookie: string | null, r: Req) =>
  ctx.app.inject({ method: r.method, url: r.url, payload: r.payload as never, headers: { ...(r.headers ?? {}), ...(cookie ? { cookie } : {}) } });

function csv(filename: string, text: string): Pick<Req, 'payload' | 'headers'> {
  const boundary = '----scope' + Math.random().toString(16).slice(2);
  return {
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** The scope columns of every table that holds one, as one fingerprint per table. */
async function scopeDigest(): Promise<Record<string, string>> {
  const part = (table: string, cols: string, order: string) =>
    `(SELECT md5(coalesce(string_agg(concat_ws('|', ${cols}), ',' ORDER BY ${order}), '')) || ':' || count(*) FROM ${table})`;
  return ctx.db.one(`SELECT
    ${part('organisation', 'id, kind, code, parent_id, province_code, commune_code, name, short_name', 'id')} AS organisation,
    ${part('organisation_alias', 'organisation_id, alias', 'organisation_id, alias')} AS alias,
    ${part('app_user', 'id, email, role, organisation_id', 'id')} AS account,
    ${part('school', 'organisation_id, code, province_code, commune_code, cluster_id', 'organisation_id')} AS school,
    ${part('donor_profile', 'organisation_id, vetting_status', 'organisation_id')} AS donor,
    ${part('need', 'id, school_id, province_code, commune_code, state', 'id')} AS need,
    ${part('assignment_unit', 'assignment_id, organisation_id, role', 'assignment_id, organisation_id, role')} AS assignment,
    ${part('twinning_pair', 'id, hanoi_school_id, hanoi_cluster_id, border_school_id, status', 'id')} AS pair,
    ${part('sponsorship_plan', 'id, school_id, state', 'id')} AS sponsorship,
    ${part('cluster_lead', 'cluster_id, school_id', 'cluster_id')} AS cluster_lead,
    ${part('startup_proposal', 'id, institution_id, state, title, model, locality, province_code, target_households, budget, expected_results, search', 'id')} AS startup_proposal,
    ${part('startup_review', 'proposal_id, reviewer_id', 'proposal_id, reviewer_id')} AS startup_review,
    ${part('startup_file', 'proposal_id, file_id, kind', 'proposal_id, file_id')} AS startup_file,
    ${part('activity', 'id, organiser_id', 'id')} AS activity,
    ${part('activity_task', 'activity_id, task_id', 'activity_id, task_id')} AS activity_task,
    ${part('assessment_campaign', 'id, province_code, owner_id, version_id', 'id')} AS assessment_campaign,
    ${part('assessment', 'id, campaign_id, organisation_id, state', 'id')} AS assessment,
    ${part('assessment_framework_version', 'id, framework_id, state', 'id')} AS assessment_version,
    ${part('audit_log', 'id', 'id')} AS audit`);
}

interface Actor { label: string; role: string; cookie: string; orgId: string; orgKind: string; province: string | null }
let actors: Actor[] = [];
let admin: string;
const org: Record<string, string> = {};
const commune: Record<string, string> = {};
const school: Record<string, string> = {}; // a school of each province without accounts
const assessmentOf: Record<string, string> = {}; // a school's open self-assessment in each province
const campaignOf: Record<string, string> = {};
let publishedVersion = '';
let clusters: { id: string; code: string }[];
const draftNeed: Record<string, string> = {}; // by school id
const draftPlan: Record<string, string> = {}; // a draft sponsorship plan of each school account's school
const PLAN = { title: 'Kế hoạch vận động tài trợ (phạm vi)', purpose: 'Bổ sung bàn ghế cho học sinh', period: 'Năm học 2026-2027', items: [{ description: 'Bàn ghế học sinh', form: 'in_kind', estimatedValue: 30_000_000 }] };
const submittedNeed: Record<string, string> = {}; // by province
let pendingDonor: string;
let ministryActivity: string; // a programme record organised by Vụ GDTC
let gdtxTask: string; // plan 237's task IV.8 ("02 lớp"), led by Vụ GDTX
let proposal: string; // a startup-model proposal of the demo training institution, reviewed by Vụ GDTC's coordinator
let startupCall: string; // the call it answers
const PROPOSAL_OWNER = 'daotao.dhsphn@ketnoi.demo';
const PROPOSAL = { title: 'Mô hình (phạm vi)', model: 'Mô hình khởi nghiệp (phạm vi)', locality: 'Điện Biên', targetHouseholds: 10, budget: 100_000_000, expectedResults: 'Kết quả (phạm vi)' };
const PNG_BYTES = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
function png(kind: string): Pick<Req, 'payload' | 'headers'> {
  const boundary = '----scope' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="ho-so.png"\r\nContent-Type: image/png\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), PNG_BYTES, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
let seq = 0;
const uniq = (p: string) => `${p}-${process.pid}-${++seq}`;
const other = (p: string | null) => (p === '14' ? '11' : '14');
const ACTIVITY = { kind: 'training', state: 'held', title: 'Lớp tập huấn (phạm vi)', startsOn: '2026-03-02', provinceCode: '11' };
const NEED = { category: 'equipment', title: 'Bộ bàn ghế học sinh (phạm vi)', quantity: 10, unit: 'bộ', estimatedCost: 15_000_000, priority: 'high' };

async function ok(cookie: string, r: Req, status = 200) {
  const res = await send(cookie, r);
  expect(res.statusCode, `${r.method} ${r.url} ${res.body}`).toBe(status);
  return res.json();
}
const provinceOf = async (id: string) => (await ctx.db.one<{ p: string | null }>('SELECT province_code AS p FROM organisation WHERE id = $1', [id])).p;

beforeAll(async () => {
  ctx = await testApp();
  admin = await ctx.cookie('admin');
  for (const code of ['bgddt', 'ban-qlcda', 'vu-gdtc', 'vu-gdtx', 'so-01', 'so-11', 'so-12', 'so-14', 'demo-donor-1']) {
    org[code] = (await ctx.db.one<{ id: string }>('SELECT id FROM organisation WHERE code = $1', [code])).id;
  }
  clusters = await ctx.db.query(`SELECT id, code FROM organisation WHERE kind = 'cluster' AND province_code = '01' ORDER BY code LIMIT 2`);
  expect(clusters).toHaveLength(2);
  for (const p of ['01', '11', '12', '14']) {
    commune[p] = (await ctx.db.one<{ code: string }>(`SELECT code FROM area WHERE era = 'current' AND level = 'commune' AND province_code = $1 ORDER BY code LIMIT 1`, [p])).code;
    school[p] = (await ctx.db.one<{ id: string }>(
      `SELECT organisation_id AS id FROM school WHERE province_code = $1 AND organisation_id NOT IN (SELECT organisation_id FROM app_user) ORDER BY code LIMIT 1`, [p])).id;
  }
  // a donor that registered a minute ago, not yet vetted
  const { id: pendingDonor_, cookie: pendingCookie } = await registerDonor(ctx, { organisationName: 'Công ty TNHH Phạm Vi Thử', donorType: 'business', provinceCode: '01', email: 'phamvi@thu.vn', password: 'mat-khau-dai-2026', displayName: 'Phụ trách tài trợ' });
  pendingDonor = pendingDonor_;

  const accounts = [...DEMO_ACCOUNTS.filter((a) => a.role !== 'admin').map((a) => a.email), 'phamvi@thu.vn'];
  for (const email of accounts) {
    const cookie = email === 'phamvi@thu.vn' ? pendingCookie : await ctx.cookie(email);
    const me = (await ok(cookie, { method: 'GET', url: '/api/v1/auth/me' })).user;
    actors.push({ label: email, role: me.role, cookie, orgId: me.organisation.id, orgKind: me.organisation.kind, province: me.organisation.provinceCode });
  }
  actors = actors.sort((a, b) => a.role.localeCompare(b.role) || a.label.localeCompare(b.label));

  // a draft need of every school an actor may edit, and a submitted (not public) need in two provinces
  const needSchools = new Set([...actors.filter((a) => a.role === 'school').map((a) => a.orgId), ...Object.values(school)]);
  for (const s of needSchools) draftNeed[s] = (await ok(admin, { method: 'POST', url: '/api/v1/needs', payload: { ...NEED, schoolId: s } }, 201)).id;
  // a draft sponsorship plan of every school with an account, written by the school itself
  for (const a of actors.filter((x) => x.role === 'school')) draftPlan[a.orgId] = (await ok(a.cookie, { method: 'POST', url: '/api/v1/sponsorship-plans', payload: { ...PLAN, schoolId: a.orgId } }, 201)).id;
  for (const p of ['11', '14']) {
    const id = (await ok(admin, { method: 'POST', url: '/api/v1/needs', payload: { ...NEED, title: `Nhu cầu chờ duyệt ${p}`, schoolId: school[p] } }, 201)).id;
    await ok(admin, { method: 'POST', url: `/api/v1/needs/${id}/transitions`, payload: { action: 'submit' } });
    submittedNeed[p] = id;
  }
  // a campaign and a school's assessment in each of two provinces, and a published framework version
  for (const p of ['11', '14']) {
    const a = await ctx.db.one<{ id: string; campaign_id: string }>(
      `SELECT a.id, a.campaign_id FROM assessment a JOIN assessment_campaign c ON c.id = a.campaign_id JOIN school s ON s.organisation_id = a.organisation_id
        WHERE c.province_code = $1 AND a.state IN ('draft', 'returned') ORDER BY c.publish_on DESC, a.id LIMIT 1`, [p]);
    assessmentOf[p] = a.id;
    campaignOf[p] = a.campaign_id;
  }
  publishedVersion = (await ctx.db.one<{ id: string }>(`SELECT id FROM assessment_framework_version WHERE state = 'published' ORDER BY id LIMIT 1`)).id;
  // a startup-model proposal of the demo university under an open call, with one reviewer assigned
  const lead = await ctx.cookie('vu.gdcthssv@ketnoi.demo');
  startupCall = (await ok(lead, { method: 'POST', url: '/api/v1/startup-calls', payload: { title: 'Đợt đề xuất (phạm vi)', deadline: '2099-12-31', criteria: [{ key: 'feasibility', label: 'Tính khả thi', max: 100 }] } }, 201)).id;
  proposal = (await ok(await ctx.cookie(PROPOSAL_OWNER), { method: 'POST', url: `/api/v1/startup-calls/${startupCall}/proposals`, payload: PROPOSAL }, 201)).id;
  const reviewer = (await ctx.db.one<{ id: string }>(`SELECT id FROM app_user WHERE email = 'dieuphoi@ketnoi.demo'`)).id;
  await ok(lead, { method: 'PUT', url: `/api/v1/startup-proposals/${proposal}/reviewers`, payload: { reviewerIds: [reviewer] } });
  // a programme record of Vụ GDTC, and a task of Vụ GDTX that records count
  ministryActivity = (await ok(admin, { method: 'POST', url: '/api/v1/activities', payload: { ...ACTIVITY, organiserId: org['vu-gdtc'] } }, 201)).id;
  gdtxTask = (await ctx.db.one<{ id: string }>(`SELECT t.id FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE p.key = 'kh-237-bgddt-2023' AND t.number = 'IV.8'`)).id;
  // pupils named in both provinces, by their own Departments
  await ok(await ctx.cookie('so.sonla@ketnoi.demo'), { method: 'POST', url: `/api/v1/schools/${school['14']}/beneficiaries`, payload: { kind: 'pupil', fullName: 'Học Sinh Sơn La', consentRecorded: true } }, 201);
  await ok(await ctx.cookie('so.dienbien@ketnoi.demo'), { method: 'POST', url: `/api/v1/schools/${school['11']}/beneficiaries`, payload: { kind: 'pupil', fullName: 'Học Sinh Điện Biên', consentRecorded: true } }, 201);
}, 120_000);
afterAll(async () => { await ctx?.close(); });

interface Attempt { entity: string; route: string; req: Req }

/** Every write that would widen the actor's scope, or move a record it may edit out of its scope. */
async function attemptsFor(a: Actor): Promise<Attempt[]> {
  const out: Attempt[] = [];
  const add = (entity: string, route: string, req: Req) => out.push({ entity, route, req });
  const ownProvince = a.province ?? '01';
  const otherDept = a.orgId === org['so-14'] ? org['so-11'] : org['so-14'];
  const gdtc = await ctx.db.one<{ name: string; short_name: string | null }>(`SELECT name, short_name FROM organisation WHERE code = 'vu-gdtc'`);
  const [unitName, unitShortName] = [gdtc.name, gdtc.short_name ?? 'Vụ GDTC'];

  // ---- organisations: its own, another province's Department, a cluster, a donor
  const targets = [...new Set([a.orgId, otherDept, clusters[0].id, org['demo-donor-1'], pendingDonor])];
  for (const t of targets) {
    const { province_code: tp, parent_id: parent } = await ctx.db.one<{ province_code: string | null; parent_id: string | null }>('SELECT province_code, parent_id FROM organisation WHERE id = $1', [t]);
    const patch = (payload: unknown) => add('organisation', 'PATCH /api/v1/organisations/:id', { method: 'PATCH', url: `/api/v1/organisations/${t}`, payload });
    patch({ provinceCode: other(tp) });
    patch({ provinceCode: null });
    patch({ communeCode: commune[other(tp)] });
    // into the actor's own subtree, or under another Department
    patch({ parentId: t === a.orgId || parent === a.orgId ? otherDept : a.orgId });
    patch({ code: uniq('pv') });
    patch({ kind: 'ministry' });
    // a name plans' imports know as another unit (the lead of a task posts its progress)
    patch({ name: unitName });
    patch({ shortName: unitShortName });
    patch({ shortName: 'Phạm vi', provinceCode: other(tp), communeCode: commune[other(tp)] });
  }
  const create = (payload: unknown) => add('organisation', 'POST /api/v1/organisations', { method: 'POST', url: '/api/v1/organisations', payload });
  create({ kind: 'department', code: uniq('pv-so'), name: 'Sở Phạm Vi', provinceCode: other(a.province) });
  create({ kind: 'cluster', code: uniq('pv-cum'), name: 'Cụm Phạm Vi', provinceCode: ownProvince, parentId: a.orgId });
  create({ kind: 'ministry_unit', code: uniq('pv-vu'), name: 'Vụ Phạm Vi', parentId: org.bgddt });

  // ---- accounts: a role or an organisation beyond the actor's own
  const account = (role: string, organisationId: string) => add('account', 'POST /api/v1/accounts', {
    method: 'POST', url: '/api/v1/accounts', payload: { email: `${uniq('pv')}@thu.vn`, displayName: 'Tài khoản phạm vi', password: 'mat-khau-pham-vi-2026', role, organisationId },
  });
  account('admin', org.bgddt);
  account('ministry', org['ban-qlcda']);
  account('ministry', org['vu-gdtc']);
  account('department', otherDept);
  account('department', a.role === 'department' ? a.orgId : org['so-11']);
  account('school', school[other(a.province)]);
  if (a.role !== 'department') account('school', a.role === 'school' ? school[ownProvince] : school['11']);
  account('donor', org['demo-donor-1']);
  account('donor', pendingDonor);

  // ---- schools: the Ministry places schools nationwide (its scope is the country), so it is not tried
  if (a.role !== 'ministry') {
    const patchSchool = (id: string, payload: unknown) => add('school', 'PATCH /api/v1/schools/:id', { method: 'PATCH', url: `/api/v1/schools/${id}`, payload });
    const editable = a.role === 'school' ? [a.orgId] : a.role === 'department' ? [school[ownProvince]] : [];
    for (const s of [...editable, school[other(a.province)]]) {
      const cur = await ctx.db.one<{ province_code: string; cluster_id: string | null }>('SELECT province_code, cluster_id FROM school WHERE organisation_id = $1', [s]);
      patchSchool(s, { communeCode: commune[other(cur.province_code)] });
      patchSchool(s, { provinceCode: other(cur.province_code) });
      patchSchool(s, { staff: 12, communeCode: commune[other(cur.province_code)] });
      // a cluster of another province
      if (cur.province_code !== '01') patchSchool(s, { clusterId: clusters[0].id });
      if (a.role === 'school' || s !== editable[0]) {
        // what only its Department changes: its code, its commune within the province, its cluster
        patchSchool(s, { code: uniq('PV') });
        patchSchool(s, { communeCode: (await ctx.db.one<{ code: string }>(`SELECT code FROM area WHERE era = 'current' AND level = 'commune' AND province_code = $1 ORDER BY code DESC LIMIT 1`, [cur.province_code])).code });
        patchSchool(s, { clusterId: cur.cluster_id === clusters[0].id ? clusters[1].id : clusters[0].id });
        if (cur.cluster_id) patchSchool(s, { clusterId: null });
      }
    }
    add('school', 'POST /api/v1/schools', { method: 'POST', url: '/api/v1/schools', payload: { code: uniq('PV'), name: 'Trường THCS Phạm Vi', levels: ['thcs'], ownership: 'public', communeCode: commune[other(a.province)] } });
    add('school', 'POST /api/v1/schools/import', { method: 'POST', url: '/api/v1/schools/import', ...csv('truong.csv', `Mã trường,Tên trường,Cấp học,Loại hình,Mã xã\n${uniq('PVI')},Trường Tiểu học Phạm Vi,Tiểu học,Công lập,${commune[other(a.province)]}\n`) });
  }

  // ---- donor organisations: name, province and vetting are not the donor's to change
  for (const d of [...new Set([org['demo-donor-1'], pendingDonor, ...(a.role === 'donor' ? [a.orgId] : [])])]) {
    for (const payload of [{ provinceCode: '14' }, { vettingStatus: 'approved' }, { vetting: 'approved' }, { organisationName: 'Tên khác' }, { name: 'Tên khác', description: 'Mô tả' }, { organisationId: org.bgddt }]) {
      add('donor', 'PATCH /api/v1/donors/:id', { method: 'PATCH', url: `/api/v1/donors/${d}`, payload });
    }
    // the Ministry's vetting board vets: that is its rule, not a widening
    if (a.role !== 'ministry') add('donor', 'POST /api/v1/donors/:id/vetting', { method: 'POST', url: `/api/v1/donors/${d}/vetting`, payload: { decision: 'approved' } });
  }

  // ---- needs: a need never changes school (nor province), and is recorded only for a school in scope
  const ownNeed = a.role === 'school' ? draftNeed[a.orgId] : a.role === 'department' ? draftNeed[school[ownProvince]] : draftNeed[school['11']];
  for (const n of [ownNeed, draftNeed[school[other(a.province)]]]) {
    for (const payload of [{ schoolId: school[other(a.province)] }, { provinceCode: other(a.province) }, { communeCode: commune[other(a.province)] }, { title: 'Bộ bàn ghế (đã sửa)', schoolId: school[other(a.province)] }]) {
      add('need', 'PATCH /api/v1/needs/:id', { method: 'PATCH', url: `/api/v1/needs/${n}`, payload });
    }
  }
  add('need', 'POST /api/v1/needs', { method: 'POST', url: '/api/v1/needs', payload: { ...NEED, schoolId: school[other(a.province)] } });
  if (a.role === 'school') add('need', 'POST /api/v1/needs', { method: 'POST', url: '/api/v1/needs', payload: { ...NEED, schoolId: school[ownProvince] } });

  // ---- sponsorship plans: a plan never changes school, and is drafted only by a school for itself
  add('sponsorship', 'POST /api/v1/sponsorship-plans', { method: 'POST', url: '/api/v1/sponsorship-plans', payload: { ...PLAN, schoolId: school[other(a.province)] } });
  for (const id of Object.values(draftPlan)) {
    for (const payload of [{ schoolId: school[other(a.province)] }, { title: 'Kế hoạch (đã sửa)', schoolId: school[other(a.province)] }]) {
      add('sponsorship', 'PATCH /api/v1/sponsorship-plans/:id', { method: 'PATCH', url: `/api/v1/sponsorship-plans/${id}`, payload });
    }
  }

  // ---- plan assignments: the actor names itself lead of a Ministry plan's task (the Ministry is its issuer)
  if (a.role !== 'ministry') {
    const name = (await ctx.db.one<{ name: string }>('SELECT name FROM organisation WHERE id = $1', [a.orgId])).name;
    add('assignment', 'POST /api/v1/plans/:id/tasks/import', { method: 'POST', url: '/api/v1/plans/kh-237-bgddt-2023/tasks/import', ...csv('nv.csv', `TT,Nội dung,Thời gian,Đơn vị chủ trì,Đơn vị phối hợp,Sản phẩm\n${uniq('PV')},Nhiệm vụ phạm vi,Năm 2026,${name},Cục CNTT,Báo cáo\n`) });
  }

  // ---- twinning pairs: the sides of a pair are chosen by the Hanoi Department
  if (a.label !== 'so.hanoi@ketnoi.demo') {
    add('pair', 'POST /api/v1/twinning/pairs', { method: 'POST', url: '/api/v1/twinning/pairs', payload: { hanoiSchoolId: a.role === 'school' && a.province === '01' ? a.orgId : school['01'], borderSchoolId: a.role === 'school' && a.province === '11' ? a.orgId : school['11'], startYear: 2025 } });
    add('pair', 'POST /api/v1/twinning/pairs', { method: 'POST', url: '/api/v1/twinning/pairs', payload: { hanoiClusterId: clusters[0].id, borderSchoolId: school['14'], startYear: 2025 } });
  }
  // ---- startup-model proposals: only Vụ GDCTHSSV assigns reviewers (nobody assigns itself); only the
  // institution adds its proposal's documents; the decision's file waits for the decision
  if (a.label !== 'vu.gdcthssv@ketnoi.demo') {
    const me = (await ctx.db.one<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [a.label])).id;
    add('startup', 'PUT /api/v1/startup-proposals/:id/reviewers', { method: 'PUT', url: `/api/v1/startup-proposals/${proposal}/reviewers`, payload: { reviewerIds: [me] } });
  }
  if (a.label !== 'daotao.dhsphn@ketnoi.demo') add('startup', 'POST /api/v1/startup-proposals/:id/files', { method: 'POST', url: `/api/v1/startup-proposals/${proposal}/files`, ...png('proposal') });
  // editing a proposal: only its institution corrects it; nobody moves it to another institution nor decides it by an edit
  const editProposal = (payload: unknown) => add('startup', 'PATCH /api/v1/startup-proposals/:id', { method: 'PATCH', url: `/api/v1/startup-proposals/${proposal}`, payload });
  if (a.label !== PROPOSAL_OWNER) {
    editProposal({ locality: 'Xã Pa Tần, Điện Biên (phạm vi)' });
    editProposal({ budget: 1, targetHouseholds: 1, expectedResults: 'Kết quả (đã sửa, phạm vi)' });
  }
  editProposal({ institutionId: a.orgId });
  editProposal({ state: 'approved' });
  editProposal({ title: 'Mô hình (đã sửa, phạm vi)', institutionId: a.orgId });
  add('startup', 'POST /api/v1/startup-proposals/:id/files (decision)', { method: 'POST', url: `/api/v1/startup-proposals/${proposal}/files`, ...png('decision') });
  // ---- programme records: a record keeps its organiser; nobody records for a unit it does not write for,
  // nor fills another unit's task by naming that unit co-organiser (the Ministry writes for its units)
  add('activity', 'PATCH /api/v1/activities/:id', { method: 'PATCH', url: `/api/v1/activities/${ministryActivity}`, payload: { organiserId: a.orgId } });
  if (a.role !== 'ministry') {
    add('activity', 'POST /api/v1/activities', { method: 'POST', url: '/api/v1/activities', payload: { ...ACTIVITY, organiserId: org['vu-gdtc'] } });
    add('activity', 'PATCH /api/v1/activities/:id', { method: 'PATCH', url: `/api/v1/activities/${ministryActivity}`, payload: { taskIds: [gdtxTask] } });
    add('activity', 'POST /api/v1/activities', { method: 'POST', url: '/api/v1/activities', payload: { ...ACTIVITY, organiserId: a.orgId, coOrganiserIds: [org['vu-gdtx']], taskIds: [gdtxTask] } });
  }
  // ---- assessments: another province's campaign and school, a published framework version
  const far = other(a.province);
  if (a.role !== 'ministry') {
    add('assessment', 'POST /api/v1/assessment-campaigns', { method: 'POST', url: '/api/v1/assessment-campaigns', payload: {
      versionId: publishedVersion, year: 2026, title: 'Đợt đánh giá (phạm vi)', provinceCode: far, kinds: ['school'], opensOn: '2026-01-01', selfDueOn: '2026-02-01', reviewDueOn: '2026-03-01', publishOn: '2026-04-01',
    } });
  }
  add('assessment', 'PUT /api/v1/assessments/:id/answers', { method: 'PUT', url: `/api/v1/assessments/${assessmentOf[far]}/answers`, payload: { answers: [] } });
  add('assessment', 'POST /api/v1/assessments/:id/prefill', { method: 'POST', url: `/api/v1/assessments/${assessmentOf[far]}/prefill`, payload: {} });
  add('assessment', 'POST /api/v1/assessments/:id/transitions', { method: 'POST', url: `/api/v1/assessments/${assessmentOf[far]}/transitions`, payload: { action: 'submit' } });
  add('assessment', 'POST /api/v1/assessment-campaigns/:id/import', { method: 'POST', url: `/api/v1/assessment-campaigns/${campaignOf[far]}/import`, ...csv('danh-gia.csv', 'Mã trường,Tên\nX,Y\n') });
  add('assessment', 'PUT /api/v1/assessment-frameworks/:id/definition', { method: 'PUT', url: `/api/v1/assessment-frameworks/${publishedVersion}/definition`, payload: { definition: {} } });
  add('assessment', 'POST /api/v1/assessment-frameworks/:id/copy', { method: 'POST', url: `/api/v1/assessment-frameworks/${publishedVersion}/copy`, payload: {} });
  return out;
}

describe('scope is server truth', () => {
  it('the reported hole: a Department cannot move itself into another province', async () => {
    const dienBien = await ctx.cookie('so.dienbien@ketnoi.demo');
    const r = await send(dienBien, { method: 'PATCH', url: `/api/v1/organisations/${org['so-11']}`, payload: { provinceCode: '14' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().title).toBe('Chỉ quản trị viên được thay đổi mã, cấp trên, tỉnh/thành phố hoặc xã của tổ chức');
    const en = await send(dienBien, { method: 'PATCH', url: `/api/v1/organisations/${org['so-11']}`, payload: { provinceCode: '14' }, headers: { 'accept-language': 'en' } });
    expect(en.json().title).toBe('Only an administrator changes an organisation\'s code, parent, province or commune');
    expect(await provinceOf(org['so-11'])).toBe('11');
    // nor take the name of a unit that plans name as lead (it would post that unit's progress)
    const gdtcName = (await ctx.db.one<{ name: string }>(`SELECT name FROM organisation WHERE code = 'vu-gdtc'`)).name;
    const hijack = await send(dienBien, { method: 'PATCH', url: `/api/v1/organisations/${org['so-11']}`, payload: { name: gdtcName.toUpperCase() } });
    expect(hijack.statusCode).toBe(409);
    expect(hijack.json().errors).toEqual([{ path: 'name', message: 'Tên này đã thuộc một đơn vị khác' }]);
    // it still edits its own name, and sending its own province unchanged is no change
    await ok(dienBien, { method: 'PATCH', url: `/api/v1/organisations/${org['so-11']}`, payload: { shortName: 'Sở GD&ĐT Điện Biên', provinceCode: '11', code: 'so-11' } });
    // the form learns from the server which fields it may change
    expect((await ok(dienBien, { method: 'GET', url: `/api/v1/organisations/${org['so-11']}` })).can).toEqual({ update: true, changeScope: false });
    expect((await ok(admin, { method: 'GET', url: `/api/v1/organisations/${org['so-11']}` })).can).toEqual({ update: true, changeScope: true });
    // and it still cannot verify Sơn La's need nor read its pupils
    expect((await send(dienBien, { method: 'POST', url: `/api/v1/needs/${submittedNeed['14']}/transitions`, payload: { action: 'verify' } })).statusCode).toBe(403);
    expect((await send(dienBien, { method: 'GET', url: `/api/v1/schools/${school['14']}/beneficiaries` })).statusCode).toBe(403);
  });

  it('descriptive edits still work for those who may edit (the refusals below are about scope, not a blanket refusal)', async () => {
    const hanoi = await ctx.cookie('so.hanoi@ketnoi.demo');
    await ok(hanoi, { method: 'PATCH', url: `/api/v1/organisations/${clusters[0].id}`, payload: { shortName: 'Cụm phạm vi' } });
    const own = actors.find((a) => a.label === 'truong.dienbien@ketnoi.demo')!;
    const s = await ok(own.cookie, { method: 'GET', url: `/api/v1/schools/${own.orgId}` });
    expect(s.can.recode).toBe(false);
    // the school's form sends every field; unchanged code, commune and cluster pass
    await ok(own.cookie, { method: 'PATCH', url: `/api/v1/schools/${own.orgId}`, payload: { staff: 31, code: s.code, communeCode: s.communeCode, clusterId: s.clusterId } });
    await ok(own.cookie, { method: 'PATCH', url: `/api/v1/needs/${draftNeed[own.orgId]}`, payload: { title: 'Bộ bàn ghế học sinh (sửa)' } });
    const donor = actors.find((a) => a.label === 'nhataitro@ketnoi.demo')!;
    await ok(donor.cookie, { method: 'PATCH', url: `/api/v1/donors/${donor.orgId}`, payload: { description: 'Ngân hàng thương mại (mô tả mới)' } });
    const sonLa = await ctx.cookie('so.sonla@ketnoi.demo');
    await ok(sonLa, { method: 'PATCH', url: `/api/v1/schools/${school['14']}`, payload: { communeCode: (await ctx.db.one<{ code: string }>(`SELECT code FROM area WHERE era = 'current' AND level = 'commune' AND province_code = '14' ORDER BY code DESC LIMIT 1`)).code } });
  });

  it('no signed-in account widens its scope through any write route (every attempt a 4xx, every scope column unchanged)', async () => {
    const figures = new Map<string, { attempts: number; routes: Set<string>; roles: Set<string> }>();
    const leaks: string[] = [];
    const before = await scopeDigest();
    let total = 0;
    for (const a of actors) {
      const meBefore = (await ok(a.cookie, { method: 'GET', url: '/api/v1/auth/me' })).user;
      for (const t of await attemptsFor(a)) {
        const r = await send(a.cookie, t.req);
        total++;
        const f = figures.get(t.entity) ?? { attempts: 0, routes: new Set(), roles: new Set() };
        f.attempts++;
        f.routes.add(t.route);
        f.roles.add(a.role);
        figures.set(t.entity, f);
        const after = await scopeDigest();
        const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
        if (r.statusCode < 400 || r.statusCode >= 500 || r.statusCode === 401 || changed.length) {
          leaks.push(`${a.label} ${t.req.method} ${t.req.url} ${JSON.stringify(t.req.payload ?? '').slice(0, 120)} → ${r.statusCode} ${changed.join(',')} ${r.body.slice(0, 200)}`);
          Object.assign(before, after);
        }
      }
      const meAfter = (await ok(a.cookie, { method: 'GET', url: '/api/v1/auth/me' })).user;
      if (JSON.stringify({ r: meAfter.role, o: meAfter.organisation }) !== JSON.stringify({ r: meBefore.role, o: meBefore.organisation })) {
        leaks.push(`${a.label}: signed in as ${JSON.stringify(meAfter.organisation)} (was ${JSON.stringify(meBefore.organisation)})`);
      }
    }
    const summary = [...figures].map(([entity, f]) => `${entity}: ${f.attempts} attempts, ${f.roles.size} roles, ${f.routes.size} routes`);
    console.log(`scope: ${total} attempts by ${actors.length} accounts (${new Set(actors.map((a) => a.role)).size} roles); ${leaks.length} leaks\n  ${summary.join('\n  ')}`);
    expect(leaks).toEqual([]);
    expect(total).toBeGreaterThan(400);
  }, 600_000);

  it("a proposal is corrected by its own institution only: every other account (another training institution too) is refused as the policy says, and nothing is written", async () => {
    const lead = await ctx.cookie('vu.gdcthssv@ketnoi.demo');
    const owner = await ctx.cookie(PROPOSAL_OWNER);
    const fresh = async () => (await ok(owner, { method: 'POST', url: `/api/v1/startup-calls/${startupCall}/proposals`, payload: PROPOSAL }, 201)).id as string;
    const row = (id: string) => ctx.db.one<Record<string, unknown>>('SELECT * FROM startup_proposal WHERE id = $1', [id]);
    const audits = async (id: string) => Number((await ctx.db.one<{ n: string | number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'startup_proposal' AND entity_id = $1`, [id])).n);
    // another training institution, with an account of its own: a proposal of the first is not its to correct
    const other = await ok(admin, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'training_institution', code: uniq('pv-dh'), name: 'Trường Đại học Phạm Vi' } }, 201);
    const otherEmail = `${uniq('daotao')}@thu.vn`;
    await ok(admin, { method: 'POST', url: '/api/v1/accounts', payload: { email: otherEmail, displayName: 'Chuyên viên đào tạo (phạm vi)', password: DEMO_PASSWORD, role: 'unit', organisationId: other.id } }, 201);
    const others = [...actors.filter((a) => a.label !== PROPOSAL_OWNER).map((a) => ({ label: a.label, cookie: a.cookie })), { label: otherEmail, cookie: await ctx.cookie(otherEmail) }];
    // the reviewers assigned, Vụ GDCTHSSV, Vụ KHTC and the other institution read it; none of them corrects it
    const id = await fresh();
    await ok(lead, { method: 'PUT', url: `/api/v1/startup-proposals/${id}/reviewers`, payload: { reviewerIds: [(await ctx.db.one<{ id: string }>(`SELECT id FROM app_user WHERE email = 'dieuphoi@ketnoi.demo'`)).id] } });
    const before = { row: await row(id), audits: await audits(id) };
    for (const o of [{ label: 'the public', cookie: null }, ...others]) {
      for (const payload of [{ locality: 'Xã Pa Tần, Điện Biên (sửa trái phép)' }, { budget: 1, targetHouseholds: 1 }, { title: 'Mô hình (sửa trái phép)', expectedResults: 'Kết quả khác' }]) {
        const r = await send(o.cookie, { method: 'PATCH', url: `/api/v1/startup-proposals/${id}`, payload });
        expect(r.statusCode, `${o.label}: ${r.body}`).toBe(o.cookie ? 403 : 401);
      }
      if (o.cookie) {
        const read = await send(o.cookie, { method: 'GET', url: `/api/v1/startup-proposals/${id}` });
        if (read.statusCode === 200) expect(read.json().can.edit, o.label).toBe(false);
      }
    }
    // a proposal that does not exist is a 404 for everyone signed in, as for the owner
    for (const o of [others[0], { label: PROPOSAL_OWNER, cookie: owner }]) {
      expect((await send(o.cookie, { method: 'PATCH', url: '/api/v1/startup-proposals/00000000-0000-4000-8000-000000000000', payload: { budget: 1 } })).statusCode, o.label).toBe(404);
    }
    expect(await row(id)).toEqual(before.row);
    expect(await audits(id)).toBe(before.audits);

    // the owner corrects it while it is undecided and unscored (audited), but moves it to no other institution and decides nothing
    expect((await send(owner, { method: 'PATCH', url: `/api/v1/startup-proposals/${id}`, payload: { institutionId: other.id } })).statusCode).toBe(422);
    expect((await send(owner, { method: 'PATCH', url: `/api/v1/startup-proposals/${id}`, payload: { state: 'approved' } })).statusCode).toBe(422);
    const edited = await ok(owner, { method: 'PATCH', url: `/api/v1/startup-proposals/${id}`, payload: { locality: 'Xã Pa Tần, Điện Biên', budget: 90_000_000 } });
    expect(edited).toMatchObject({ locality: 'Xã Pa Tần, Điện Biên', budget: 90_000_000, state: 'submitted' });
    expect(await row(id)).toMatchObject({ institution_id: before.row.institution_id, state: 'submitted', locality: 'Xã Pa Tần, Điện Biên' });
    expect(await audits(id)).toBe(before.audits + 1);

    // once scored and decided, not even the owner corrects it
    const decided = await fresh();
    const reviewer = await ctx.cookie('dieuphoi@ketnoi.demo');
    await ok(lead, { method: 'PUT', url: `/api/v1/startup-proposals/${decided}/reviewers`, payload: { reviewerIds: [(await ctx.db.one<{ id: string }>(`SELECT id FROM app_user WHERE email = 'dieuphoi@ketnoi.demo'`)).id] } });
    await ok(reviewer, { method: 'PUT', url: `/api/v1/startup-proposals/${decided}/score`, payload: { scores: { feasibility: 80 } } });
    await ok(await ctx.cookie('vu.khtc@ketnoi.demo'), { method: 'PUT', url: `/api/v1/startup-proposals/${decided}/budget-opinion`, payload: { opinion: 'Kinh phí hợp lý' } });
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    await ok(lead, { method: 'POST', url: `/api/v1/startup-proposals/${decided}/decision`, payload: { decision: 'approve', number: '09/QĐ-PV', date: today } });
    const after = { row: await row(decided), audits: await audits(decided) };
    const late = await send(owner, { method: 'PATCH', url: `/api/v1/startup-proposals/${decided}`, payload: { budget: 1 } });
    expect(late.statusCode, late.body).toBe(409);
    for (const o of others) expect((await send(o.cookie, { method: 'PATCH', url: `/api/v1/startup-proposals/${decided}`, payload: { budget: 1 } })).statusCode, o.label).toBe(403);
    expect(await row(decided)).toEqual(after.row);
    expect(await audits(decided)).toBe(after.audits);
  });

  it('what lies outside each account stays out of reach afterwards', async () => {
    for (const a of actors) {
      const far = other(a.province);
      // pupils of a school that is not its own (nor, for a Department, of its province)
      expect((await send(a.cookie, { method: 'GET', url: `/api/v1/schools/${school[far]}/beneficiaries` })).statusCode, a.label).toBe(403);
      if (a.role === 'ministry') continue; // the Ministry reads every need; it verifies none
      // the other province's need waiting for verification: neither read nor verified nor listed
      expect((await send(a.cookie, { method: 'GET', url: `/api/v1/needs/${submittedNeed[far]}` })).statusCode, a.label).toBeGreaterThanOrEqual(403);
      expect((await send(a.cookie, { method: 'POST', url: `/api/v1/needs/${submittedNeed[far]}/transitions`, payload: { action: 'verify' } })).statusCode, a.label).toBe(403);
      const mine = await send(a.cookie, { method: 'GET', url: `/api/v1/needs?scope=mine&provinceCode=${far}&limit=200` });
      if (mine.statusCode === 200) expect(mine.json().items.map((n: { id: string }) => n.id), a.label).not.toContain(submittedNeed[far]);
    }
  });

  it('the administrator changes what decides scope, with audit, and scope follows the record at once', async () => {
    const laiChau = await ctx.cookie('so.laichau@ketnoi.demo');
    expect((await send(laiChau, { method: 'GET', url: `/api/v1/needs/${submittedNeed['14']}` })).statusCode).toBe(403);
    const moved = await ok(admin, { method: 'PATCH', url: `/api/v1/organisations/${org['so-12']}`, payload: { provinceCode: '14' } });
    expect(moved.provinceCode).toBe('14');
    expect((await ok(laiChau, { method: 'GET', url: '/api/v1/auth/me' })).user.organisation.provinceCode).toBe('14');
    expect((await send(laiChau, { method: 'GET', url: `/api/v1/needs/${submittedNeed['14']}` })).statusCode).toBe(200);
    await ok(admin, { method: 'PATCH', url: `/api/v1/organisations/${org['so-12']}`, payload: { provinceCode: '12' } });
    expect((await send(laiChau, { method: 'GET', url: `/api/v1/needs/${submittedNeed['14']}` })).statusCode).toBe(403);
    const hist = (await ok(admin, { method: 'GET', url: `/api/v1/audit?entity=organisation&entityId=${org['so-12']}` })).items;
    expect(hist.slice(0, 2)).toMatchObject([
      { action: 'update', actorRole: 'admin', before: { provinceCode: '14' }, after: { provinceCode: '12' } },
      { action: 'update', actorRole: 'admin', before: { provinceCode: '12' }, after: { provinceCode: '14' } },
    ]);

    // a cluster's code and parent; a commune must lie in the organisation's province
    const c = await ok(admin, { method: 'PATCH', url: `/api/v1/organisations/${clusters[1].id}`, payload: { code: uniq('cum-pv'), parentId: org.bgddt, communeCode: commune['01'] } });
    expect(c).toMatchObject({ parentId: org.bgddt, communeCode: commune['01'] });
    const wrong = await send(admin, { method: 'PATCH', url: `/api/v1/organisations/${clusters[1].id}`, payload: { communeCode: commune['11'] } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].path).toBe('communeCode');
    expect((await send(admin, { method: 'PATCH', url: `/api/v1/organisations/${clusters[1].id}`, payload: { parentId: clusters[1].id } })).statusCode).toBe(422);
    const cHist = (await ok(admin, { method: 'GET', url: `/api/v1/audit?entity=organisation&entityId=${clusters[1].id}` })).items;
    expect(cHist[0]).toMatchObject({ action: 'update', actorRole: 'admin', after: { parentId: org.bgddt, code: c.code } });

    // a school's cluster (of its own province only)
    const s = await ok(admin, { method: 'PATCH', url: `/api/v1/schools/${school['01']}`, payload: { clusterId: clusters[1].id } });
    expect(s.clusterId).toBe(clusters[1].id);
    expect((await send(admin, { method: 'PATCH', url: `/api/v1/schools/${school['11']}`, payload: { clusterId: clusters[1].id } })).statusCode).toBe(422);
    const sHist = (await ok(admin, { method: 'GET', url: `/api/v1/audit?entity=school&entityId=${school['01']}` })).items;
    expect(sHist[0]).toMatchObject({ action: 'update', actorRole: 'admin', after: { clusterId: clusters[1].id } });

    // a school moved to another province takes its needs with it: the new Department verifies them, the old one no longer sees them
    const sonLa = await ctx.cookie('so.sonla@ketnoi.demo');
    const dienBien = await ctx.cookie('so.dienbien@ketnoi.demo');
    expect((await send(dienBien, { method: 'GET', url: `/api/v1/needs/${submittedNeed['14']}` })).statusCode).toBe(403);
    await ok(admin, { method: 'PATCH', url: `/api/v1/schools/${school['14']}`, payload: { communeCode: commune['11'] } });
    expect((await ctx.db.one<{ p: string; c: string }>('SELECT province_code AS p, commune_code AS c FROM need WHERE id = $1', [submittedNeed['14']]))).toEqual({ p: '11', c: commune['11'] });
    expect((await send(sonLa, { method: 'GET', url: `/api/v1/needs/${submittedNeed['14']}` })).statusCode).toBe(403);
    expect((await ok(dienBien, { method: 'POST', url: `/api/v1/needs/${submittedNeed['14']}/transitions`, payload: { action: 'verify' } })).provinceCode).toBe('11');

    // an account of the Ministry's vetting board
    const acc = await ok(admin, { method: 'POST', url: '/api/v1/accounts', payload: { email: `${uniq('thamdinh')}@thu.vn`, displayName: 'Chuyên viên thẩm định', password: 'mat-khau-pham-vi-2026', role: 'ministry', organisationId: org['ban-qlcda'] } }, 201);
    const row = await ctx.db.one<{ action: string; actor_role: string; after: { role: string; organisationId: string } }>(`SELECT action, actor_role, after FROM audit_log WHERE entity = 'account' AND entity_id = $1`, [acc.id]);
    expect(row).toMatchObject({ action: 'create', actor_role: 'admin', after: { role: 'ministry', organisationId: org['ban-qlcda'] } });
  });
});
