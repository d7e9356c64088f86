import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { DEMO_PASSWORD } from '../src/seed/demo.js';
import { hashPassword } from '../src/platform/auth.js';
import { TEST_SCRYPT_N } from './hashing.js';

/**
 * Every route the app registers, called by every kind of actor, against a declared expectation.
 * A new /api route without an entry here fails the first test: declare who may call it.
 *
 *   ok      2xx
 *   deny    401 for the public, 403 for a signed-in account
 *   invalid 422: the actor may call the route, but the record is outside its scope (row-level check)
 *
 * "own" / "other": a Department officer of Điện Biên acting on a record of Điện Biên / of Sơn La;
 * a school account acting on its own school / on another school. "commune": the officer of a
 * Điện Biên commune's People's Committee acting on a primary school of its commune; "unit": staff
 * of a training institution. Writes go to throwaway records
 * made for each call, so the order of calls does not matter.
 *
 * A route whose rule depends on the action or the record's state may have several entries, keyed
 * "METHOD /path (variant)", e.g. one per transition of a need.
 */

const WHO = ['public', 'admin', 'ministry', 'department:own', 'department:other', 'school:own', 'school:other', 'donor', 'commune', 'unit'] as const;
type Who = (typeof WHO)[number];
type Outcome = 'ok' | 'deny' | 'invalid';
type Expectation = Record<Who, Outcome>;

const EMAIL: Record<Who, string | null> = {
  public: null,
  admin: 'quantri@ketnoi.demo',
  ministry: 'dieuphoi@ketnoi.demo',
  'department:own': 'so.dienbien@ketnoi.demo',
  'department:other': 'so.dienbien@ketnoi.demo',
  'school:own': 'truong.dienbien@ketnoi.demo',
  'school:other': 'truong.dienbien@ketnoi.demo',
  donor: 'nhataitro@ketnoi.demo',
  commune: 'xa.sinthau@ketnoi.demo',
  unit: 'daotao.dhsphn@ketnoi.demo',
};

const everyone: Expectation = Object.fromEntries(WHO.map((w) => [w, 'ok'])) as Expectation;
const only = (...allowed: Who[]): Expectation => Object.fromEntries(WHO.map((w) => [w, allowed.includes(w) ? 'ok' : 'deny'])) as Expectation;

let ctx: TestContext;
const registered: string[] = [];
let seq = 0;
const uniq = (p: string) => `${p}-${process.pid}-${++seq}`;

// reference records, read in beforeAll
let dbCommunes: { code: string; flags: string[] }[];
let slCommunes: { code: string }[];
let readSchool: string; // a Điện Biên school for read-only calls
let readSchoolOther: string; // a Sơn La school for read-only calls
let ownSchool: string; // the school account's school
let so11: string;
let so14: string;
let gdtcAssignment: { id: string; taskId: string }; // an assignment led by Vụ GDTC (the ministry account's unit)
let deptAssignment: string; // an assignment led by every Department
let targetId: string; // a numeric target of a Ministry plan
let fileId: string; // an evidence file
let donorId: string; // the approved demo donor (nhataitro@'s organisation)
let oldDistrict: Record<'11' | '14', string>;
let so01: string;
let hanoiSchool: string; // a Hanoi high school (truong.hanoi@'s)
let hanoiCommune: string;
let borderSchool11: string; // a school in a border commune of Điện Biên other than the school account's
let borderSchool14: string; // one in Sơn La
let communeSchool: string; // a primary school of the commune officer's commune
let communeCode: string; // a pre-2025 district of Điện Biên / of Sơn La, for plan-29 selection

async function asAdmin(opts: InjectOptions) {
  const r = await ctx.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie: await ctx.cookie('admin') } });
  if (r.statusCode >= 300) throw new Error(`${opts.method} ${opts.url}: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** A throwaway school in Điện Biên ('11') or Sơn La ('14'), made by the administrator. */
async function freshSchool(province: '11' | '14'): Promise<string> {
  const communeCode = province === '11' ? dbCommunes[1].code : slCommunes[1].code;
  return (await asAdmin({ method: 'POST', url: '/api/v1/schools', payload: { code: uniq('PM'), name: `Trường Tiểu học Ma Trận ${seq}`, levels: ['tieu_hoc'], ownership: 'public', communeCode } })).id;
}

/** The school an actor acts on: its own, or (for "other") one outside its scope; everyone else gets a Điện Biên one. */
async function schoolFor(w: Who, fresh: boolean): Promise<string> {
  if (w === 'school:own') return ownSchool;
  if (w === 'department:other') return fresh ? freshSchool('14') : readSchoolOther;
  if (w === 'commune') return communeSchool;
  return fresh ? freshSchool('11') : readSchool;
}

/** The commune an actor writes a school into: Sơn La for the Điện Biên officer's "other", Điện Biên otherwise. */
const communeFor = (w: Who) => (w === 'department:other' ? slCommunes[2].code : dbCommunes[2].code);

function multipart(filename: string, text: string): Pick<InjectOptions, 'payload' | 'headers'> {
  const boundary = '----pm' + Math.random().toString(16).slice(2);
  return {
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

// ---------- resources: throwaway needs, contributions, donors, agreements ----------

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A multipart body with text fields and one PNG (photos, evidence of receipt or acceptance). */
function withPng(fields: Record<string, string>, filename = 'minh-chung.png'): Pick<InjectOptions, 'payload' | 'headers'> {
  const b = '----pmp' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from(`\r\n--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const NEED = { category: 'equipment', title: 'Bộ bàn ghế học sinh (ma trận)', quantity: 10, unit: 'bộ', estimatedCost: 15_000_000, priority: 'high' };
type NeedStage = 'draft' | 'submitted' | 'verified' | 'published' | 'delivered' | 'accepted';
const NEED_STEPS: NeedStage[] = ['draft', 'submitted', 'verified', 'published', 'delivered', 'accepted'];

/**
 * A throwaway need of the actor's school (schoolFor), made by the administrator and moved by it to `stage`:
 * "delivered" = published, fully pledged for the demo donor and received with evidence; "accepted" = then accepted with evidence.
 */
async function freshNeed(w: Who, stage: NeedStage): Promise<string> {
  const schoolId = await schoolFor(w, false);
  const id: string = (await asAdmin({ method: 'POST', url: '/api/v1/needs', payload: { ...NEED, schoolId } })).id;
  const move = (action: string) => asAdmin({ method: 'POST', url: `/api/v1/needs/${id}/transitions`, payload: { action } });
  const upTo = NEED_STEPS.indexOf(stage);
  if (upTo >= 1) await move('submit');
  if (upTo >= 2) await move('verify');
  if (upTo >= 3) await move('publish');
  if (upTo >= 4) {
    const k = await asAdmin({ method: 'POST', url: '/api/v1/contributions', payload: { needId: id, contributorId: donorId, form: 'in_kind', description: 'Bàn ghế (ma trận)', valueVnd: NEED.estimatedCost, quantity: NEED.quantity } });
    await asAdmin({ method: 'POST', url: `/api/v1/contributions/${k.id}/transitions`, ...withPng({ action: 'confirm' }) });
  }
  if (upTo >= 5) await asAdmin({ method: 'POST', url: `/api/v1/needs/${id}/transitions`, ...withPng({ action: 'accept' }) });
  return id;
}

/** A throwaway contribution of the demo donor to the actor's school (schoolFor), recorded by the administrator; "received" = confirmed with evidence. */
async function freshContribution(w: Who, stage: 'pledged' | 'received'): Promise<string> {
  const k = await asAdmin({ method: 'POST', url: '/api/v1/contributions', payload: { schoolId: await schoolFor(w, false), contributorId: donorId, category: 'books', form: 'in_kind', description: 'Sách tham khảo (ma trận)', valueVnd: 1_000_000 } });
  if (stage === 'received') await asAdmin({ method: 'POST', url: `/api/v1/contributions/${k.id}/transitions`, ...withPng({ action: 'confirm' }) });
  return k.id;
}

/** A throwaway donor that registered itself and waits for vetting. */
async function pendingDonor(): Promise<string> {
  const email = `${uniq('pm-nt')}@ketnoi.test`;
  const r = await ctx.app.inject({ method: 'POST', url: '/api/v1/donors/register', payload: { organisationName: `Nhà tài trợ Ma Trận ${seq}`, donorType: 'business', email, password: 'mat-khau-dai-2026', displayName: 'Phụ trách tài trợ' } });
  if (r.statusCode !== 202) throw new Error(`donor registration: ${r.statusCode} ${r.body}`);
  return (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [email])).organisation_id;
}

/** A throwaway donor account of the demo donor's organisation (written directly, with a hash made once: hashing is slow on purpose). */
let throwawayHash: Promise<string> | null = null;
async function throwawayAccount(): Promise<{ id: string; email: string; password: string }> {
  const email = `${uniq('pm-acc')}@ketnoi.test`;
  const password = 'Mat-khau-dai-2026';
  throwawayHash ??= hashPassword(password, TEST_SCRYPT_N);
  const a = await ctx.db.one<{ id: string }>(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, 'Tài khoản Ma Trận', $2, 'donor', $3) RETURNING id`, [email, await throwawayHash, donorId]);
  return { id: a.id, email, password };
}

/** A throwaway school account the actor manages or not: of a fresh Điện Biên school, or a Sơn La one for the Điện Biên officer's "other". */
async function schoolAccountFor(w: Who, active = true): Promise<string> {
  throwawayHash ??= hashPassword('Mat-khau-dai-2026', TEST_SCRYPT_N);
  const org = w === 'department:other' ? await freshSchool('14') : await freshSchool('11');
  return (await ctx.db.one<{ id: string }>(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id, active) VALUES ($1, 'Tài khoản trường Ma Trận', $2, 'school', $3, $4) RETURNING id`, [`${uniq('pm-sch')}@ketnoi.test`, await throwawayHash, org, active])).id;
}

/** One throwaway account and session whose password each call of the change route flips between two. */
let changer: Promise<{ cookie: string; password: string }> | null = null;
async function passwordChanger() {
  changer ??= (async () => {
    const a = await throwawayAccount();
    const s = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: a.email, password: a.password } });
    return { cookie: `kn_session=${s.cookies.find((x) => x.name === 'kn_session')!.value}`, password: a.password };
  })();
  return changer;
}

/** The other party to an agreement: the actor's own organisation, or one outside its scope. */
const counterpartFor = async (w: Who) =>
  w === 'department:other' ? so14 : w === 'school:own' || w === 'school:other' ? schoolFor(w, false) : so11;

const agreementBody = async (w: Who) => ({
  title: 'Biên bản ghi nhớ hỗ trợ trường (ma trận)', donorId, counterpartId: await counterpartFor(w), committedValue: 100_000_000,
  periodFrom: '2026-01-01', periodTo: '2026-12-31', signedOn: '2026-01-05',
});

const SURVEY = {
  classroomsSolid: 6, classroomsSemiSolid: 2, classroomsTemporary: 1, classroomsLacking: 2, subjectRooms: 1, subjectRoomsLacking: 3, toiletsTotal: 2, toiletsStandard: 1,
  toiletsImproved: true, toiletsSingleSex: false, toiletsUsable: true, waterSource: 'protected_well', waterAvailable: true, handwashing: 'water_only', electricity: 'grid',
  roadAccess: 'seasonal', boardingPlaces: 0, semiBoardingPlaces: 120, kitchen: true, teachingEquipment: 'partial', computers: 4, internet: false,
};

/** Transitions of a need: the actor acts on a throwaway need in the state the action needs. */
const needMove = (stage: NeedStage, action: string, extra: Record<string, string> = {}, evidence = false) => async (w: Who) => {
  const url = `/api/v1/needs/${await freshNeed(w, stage)}/transitions`;
  return evidence ? { method: 'POST' as const, url, ...withPng({ action, ...extra }) } : { method: 'POST' as const, url, payload: { action, ...extra } };
};
/** Transitions of a contribution, likewise. */
const contributionMove = (stage: 'pledged' | 'received', action: string, extra: Record<string, string> = {}, evidence = false) => async (w: Who) => {
  const url = `/api/v1/contributions/${await freshContribution(w, stage)}/transitions`;
  return evidence ? { method: 'POST' as const, url, ...withPng({ action, ...extra }) } : { method: 'POST' as const, url, payload: { action, ...extra } };
};

/** A throwaway Hanoi school (each pair gets its own, so pairs never collide). */
async function freshHanoiSchool(): Promise<string> {
  return (await asAdmin({ method: 'POST', url: '/api/v1/schools', payload: { code: uniq('PMH'), name: `Trường THPT Ma Trận ${seq}`, levels: ['thpt'], ownership: 'public', communeCode: hanoiCommune } })).id;
}

/** A throwaway pair: with the school account's own school for 'school:own', a Sơn La school for 'department:other', else another Điện Biên school. */
async function freshPair(w: Who): Promise<string> {
  const borderSchoolId = w === 'school:own' ? ownSchool : w === 'department:other' ? borderSchool14 : borderSchool11;
  return (await asAdmin({ method: 'POST', url: '/api/v1/twinning/pairs', payload: { hanoiSchoolId: await freshHanoiSchool(), borderSchoolId, startYear: 2026 } })).id;
}

/** The school whose sponsorship plan an actor acts on: its own, a Sơn La one for the Điện Biên officer's "other", else the commune officer's primary school. */
const planSchoolFor = (w: Who) => (w === 'school:own' ? ownSchool : w === 'department:other' ? readSchoolOther : communeSchool);
/** A throwaway sponsorship plan of that school, written directly (only a school drafts its own) in the state the action needs. */
async function freshPlan(w: Who, state: 'draft' | 'submitted'): Promise<string> {
  const id = (await ctx.db.one<{ id: string }>(
    `INSERT INTO sponsorship_plan (school_id, province_code, commune_code, title, purpose, period, state, submitted_at)
     SELECT organisation_id, province_code, commune_code, 'Kế hoạch vận động tài trợ (ma trận)', 'Bàn ghế học sinh', 'Năm học 2026-2027', $2, CASE WHEN $2 = 'submitted' THEN now() END
       FROM school WHERE organisation_id = $1 RETURNING id`, [planSchoolFor(w), state])).id;
  await ctx.db.query(`INSERT INTO sponsorship_plan_item (plan_id, position, description, form, estimated_value) VALUES ($1, 1, 'Bàn ghế học sinh', 'in_kind', 10000000)`, [id]);
  return id;
}
const planMove = (state: 'draft' | 'submitted', action: string, extra: Record<string, string> = {}) => async (w: Who) =>
  ({ method: 'POST' as const, url: `/api/v1/sponsorship-plans/${await freshPlan(w, state)}/transitions`, payload: { action, ...extra } });
const PLAN = { title: 'Kế hoạch vận động tài trợ (ma trận)', purpose: 'Bàn ghế học sinh', period: 'Năm học 2026-2027', items: [{ description: 'Bàn ghế học sinh', form: 'in_kind', estimatedValue: 10_000_000 }] };

/** The school whose assessment an actor acts on: its own, a Sơn La one for the Điện Biên officer's "other", else a Điện Biên one. */
const assessSchoolFor = (w: Who) => schoolFor(w, false);
let dxVersion: Promise<string> | null = null;
const dxVersionId = () => (dxVersion ??= ctx.db.one<{ id: string }>(`SELECT v.id FROM assessment_framework_version v JOIN assessment_framework f ON f.id = v.framework_id WHERE f.key = 'cds-truong-4725' AND v.state = 'published' ORDER BY v.version DESC LIMIT 1`).then((r) => r.id));
/**
 * A throwaway campaign over that school's province (written directly) with one assessment of that
 * school in the state the action needs; "published": a campaign past its publication date.
 */
async function freshAssessment(w: Who, state: 'draft' | 'submitted' | 'approved', published = false): Promise<{ id: string; campaignId: string }> {
  const org = await assessSchoolFor(w);
  const c = await ctx.db.one<{ id: string }>(
    `INSERT INTO assessment_campaign (version_id, year, title, province_code, scope_kinds, scope_levels, owner_id, opens_on, self_due_on, review_due_on, publish_on)
     SELECT $1, 2026, 'Đợt đánh giá (ma trận)', s.province_code, '{school}', '{}', d.id, '2020-01-01', $3::date, $3::date, $3::date
       FROM school s JOIN organisation d ON d.kind = 'department' AND d.province_code = s.province_code WHERE s.organisation_id = $2 RETURNING id`,
    [await dxVersionId(), org, published ? '2020-01-02' : '2099-12-31']);
  const a = await ctx.db.one<{ id: string }>(
    `INSERT INTO assessment (campaign_id, organisation_id, province_code, commune_code, school_levels, state, locked, self_result, reviewed_result, reviewed_points)
     SELECT $1, s.organisation_id, s.province_code, s.commune_code, s.levels, $3, $3 = 'approved', '1', '1', 0 FROM school s WHERE s.organisation_id = $2 RETURNING id`, [c.id, org, state]);
  await ctx.db.query(`INSERT INTO assessment_event (assessment_id, action, to_state) VALUES ($1, 'create', 'draft')`, [a.id]);
  // the mandatory conditions answered, so that a submission is possible
  await ctx.db.query(`INSERT INTO assessment_answer (assessment_id, code, value) VALUES ($1, '1.1', 'true'), ($1, '1.2', 'true')`, [a.id]);
  return { id: a.id, campaignId: c.id };
}
const assessmentMove = (state: 'draft' | 'submitted' | 'approved', action: string, reason?: string) => async (w: Who) =>
  ({ method: 'POST' as const, url: `/api/v1/assessments/${(await freshAssessment(w, state)).id}/transitions`, payload: { action, reason } });
const SMALL_FRAMEWORK = {
  key: 'ma-tran-thu', name: 'Bộ chỉ số thử (ma trận)', basis: 'Thử nghiệm', year: 2026, appliesTo: { kinds: ['school'] },
  result: { kind: 'pass', minPercent: 80 },
  groups: [{ code: 'A', name: 'Nhóm thử', indicators: [{ code: 'A1', text: 'Tiêu chí thử', type: 'yes_no', provisional: true, scoring: { kind: 'yes', points: 1 } }] }],
  provenance: { sources: [{ title: 'Thử', reference: 'Thử', verified: 'Không' }], complete: false, note: 'Tạm thời' },
};
function fieldsOnly(fields: Record<string, string>): Pick<InjectOptions, 'payload' | 'headers'> {
  const b = '----pma' + Math.random().toString(16).slice(2);
  const body = Object.entries(fields).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${b}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
/** The school whose support case an actor acts on: its own, a Sơn La one for the Điện Biên officer's "other", else another Điện Biên school. */
const caseSchoolFor = (w: Who) => (w === 'school:own' || w === 'department:own' ? ownSchool : w === 'department:other' ? readSchoolOther : readSchool);
/** A throwaway support case of that school, written directly (only a school's counsellor opens one), led by the demo counsellor when at its school. */
async function freshCase(w: Who): Promise<string> {
  const id = (await ctx.db.one<{ id: string }>(
    `INSERT INTO support_case (school_id, province_code, commune_code, reference, category, risk, source, reported_at)
     SELECT organisation_id, province_code, commune_code, $2, 'bullying', 'low', 'teacher', now() FROM school WHERE organisation_id = $1 RETURNING id`, [caseSchoolFor(w), uniq('PM-CTXH')])).id;
  await ctx.db.query(`INSERT INTO case_pupil (case_id, full_name) VALUES ($1, 'Học sinh Ma Trận')`, [id]);
  await ctx.db.query(`INSERT INTO case_assignment (case_id, user_id, lead) SELECT $1, id, true FROM app_user WHERE email = 'tuvan.dienbien@ketnoi.demo' AND organisation_id = $2`, [id, caseSchoolFor(w)]);
  return id;
}
/** A throwaway referral of a fresh case to the demo social-work centre (online), in state "sent". */
async function freshReferral(w: Who): Promise<string> {
  const caseId = await freshCase(w);
  return (await ctx.db.one<{ id: string }>(
    `INSERT INTO case_referral (case_id, provider_id, provider_org_id, legal_basis, consent_note, channel, shared_summary, sent_at)
     SELECT $1, p.id, p.organisation_id, 'legal_obligation', 'Luật Trẻ em', 'online', 'Tóm tắt (ma trận)', now() FROM service_provider p WHERE p.organisation_id IS NOT NULL AND p.kind = 'social_work_centre' LIMIT 1 RETURNING id`, [caseId])).id;
}
const CASE_INPUT = { pupil: { fullName: 'Học sinh Ma Trận' }, category: 'bullying', risk: 'low', source: 'teacher', reportedAt: '2026-01-05T08:00:00+07:00' };
const PROVIDER_INPUT = { kind: 'ngo', name: 'Tổ chức hỗ trợ trẻ em (ma trận)', services: ['counselling'], channels: ['phone'] };
/** A throwaway provider of Điện Biên (Sơn La for the Điện Biên officer's "other"). */
const freshProvider = async (w: Who) => (await ctx.db.one<{ id: string }>(
  `INSERT INTO service_provider (kind, name, province_code, services, channels, search) VALUES ('ngo', 'Tổ chức (ma trận)', $1, '{counselling}', '{phone}', 'to chuc ma tran') RETURNING id`,
  [w === 'department:other' ? '14' : '11'])).id;
/** The organiser an actor records programme work for: its own organisation (Sơn La's Department for the Điện Biên officer's "other"). */
async function organiserFor(w: Who): Promise<string> {
  if (w === 'department:other') return so14;
  if (w === 'school:other') return readSchool;
  const email = EMAIL[w === 'public' ? 'ministry' : w === 'admin' ? 'ministry' : w]!;
  return (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [email])).organisation_id;
}
/** A throwaway programme record of that organiser, written directly. */
async function freshActivity(w: Who): Promise<string> {
  return (await ctx.db.one<{ id: string }>(
    `INSERT INTO activity (kind, state, title, starts_on, ends_on, organiser_id, search) VALUES ('training', 'planned', 'Lớp tập huấn (ma trận)', '2026-12-01', '2026-12-02', $1, 'lop tap huan ma tran') RETURNING id`,
    [await organiserFor(w)])).id;
}
async function heldActivity(w: Who): Promise<string> {
  return (await ctx.db.one<{ id: string }>(
    `INSERT INTO activity (kind, state, title, starts_on, ends_on, organiser_id, search) VALUES ('training', 'held', 'Lớp tập huấn đã tổ chức (ma trận)', '2026-01-05', '2026-01-06', $1, 'lop tap huan da to chuc ma tran') RETURNING id`,
    [await organiserFor(w)])).id;
}
const ACTIVITY = { kind: 'training', title: 'Lớp tập huấn (ma trận)', startsOn: '2026-12-01', endsOn: '2026-12-02', participants: [{ group: 'teachers', planned: 30 }] };

/**
 * Recognition: a throwaway nomination list of the administrator (standing for the board), with the
 * demo donor (nhataitro@'s organisation) as its nominee, moved to `stage`; its nominee's id.
 */
type NomineeStage = 'draft' | 'submitted' | 'more_info' | 'accepted' | 'honoured';
async function freshNominee(stage: NomineeStage): Promise<{ listId: string; nomineeId: string; decisionId?: string }> {
  const donor = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
  const l = await asAdmin({ method: 'POST', url: '/api/v1/recognition/lists', payload: { title: uniq('Danh sách ma trận'), year: 2026, nominees: [{ contributorId: donor, form: 'thank_you_letter', reason: 'Lý do đề nghị (ma trận) đủ dài.' }] } });
  const nomineeId: string = l.items[0].id;
  if (stage === 'draft') return { listId: l.id, nomineeId };
  await asAdmin({ method: 'POST', url: `/api/v1/recognition/lists/${l.id}/submit` });
  if (stage === 'submitted') return { listId: l.id, nomineeId };
  if (stage === 'more_info') {
    await asAdmin({ method: 'POST', url: `/api/v1/recognition/nominees/${nomineeId}/appraisal`, payload: { action: 'ask_more', note: 'Bổ sung hồ sơ (ma trận)' } });
    return { listId: l.id, nomineeId };
  }
  await asAdmin({ method: 'POST', url: `/api/v1/recognition/nominees/${nomineeId}/appraisal`, payload: { action: 'accept' } });
  if (stage === 'accepted') return { listId: l.id, nomineeId };
  const d = await asAdmin({ method: 'POST', url: '/api/v1/recognition/decisions', payload: { number: uniq('QĐ-MT'), decidedOn: '2026-11-01', form: 'thank_you_letter', nomineeIds: [nomineeId] } });
  return { listId: l.id, nomineeId, decisionId: d.id };
}

/** A throwaway open call of startup-model proposals, and a proposal of the training institution (unit@'s) under it, reviewed by the ministry actor (Vụ GDTC). */
let startupCall: Promise<string> | null = null;
const openCall = () => (startupCall ??= ctx.db.one<{ id: string }>(
  `INSERT INTO startup_call (title, deadline, criteria) VALUES ('Đợt đề xuất (ma trận)', '2099-12-31', '[{"key":"feasibility","label":"Tính khả thi","max":100}]'::jsonb) RETURNING id`).then((r) => r.id));
async function freshProposal(state: 'submitted' | 'approved' = 'submitted'): Promise<string> {
  const id = (await ctx.db.one<{ id: string }>(
    `INSERT INTO startup_proposal (call_id, institution_id, title, model, locality, target_households, budget, expected_results, state)
     SELECT $1, organisation_id, 'Mô hình (ma trận)', 'Mô hình khởi nghiệp (ma trận)', 'Điện Biên', 10, 100000000, 'Kết quả (ma trận)', $3 FROM app_user WHERE email = $2 RETURNING id`,
    [await openCall(), EMAIL.unit, state])).id;
  await ctx.db.query(`INSERT INTO startup_review (proposal_id, reviewer_id) SELECT $1, id FROM app_user WHERE email = $2`, [id, EMAIL.ministry]);
  return id;
}
const STARTUP_CALL = { title: 'Đợt đề xuất (ma trận)', deadline: '2099-12-31', criteria: [{ key: 'feasibility', label: 'Tính khả thi', max: 100 }] };
const STARTUP = { title: 'Mô hình (ma trận)', model: 'Mô hình khởi nghiệp (ma trận)', locality: 'Điện Biên', targetHouseholds: 10, budget: 100_000_000, expectedResults: 'Kết quả (ma trận)' };

interface Entry {
  expect: Expectation;
  /** The request for one actor (without the actor's cookie unless it sets its own). */
  call(w: Who): Promise<InjectOptions & { ownCookie?: boolean }>;
}

const schoolHistoryRule = only('admin', 'ministry', 'department:own', 'school:own');
const signedIn = only('admin', 'ministry', 'department:own', 'department:other', 'school:own', 'school:other', 'donor', 'commune', 'unit');

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/health' }) },

  // ---------- areas ----------
  'GET /api/v1/areas/provinces': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/areas/provinces' }) },
  'GET /api/v1/areas/provinces/:code/communes': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/areas/provinces/11/communes' }) },
  'GET /api/v1/areas/legacy/provinces/:code/districts': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/areas/legacy/provinces/44/districts' }) },
  'GET /api/v1/areas/search': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/areas/search?q=dien%20bien' }) },
  'GET /api/v1/areas/resolve': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/areas/resolve?code=15&asOf=2024-01-01' }) },
  'PUT /api/v1/areas/:code/flags': {
    expect: only('admin'),
    // writes the flags the commune already has: harmless whatever the order
    call: async () => ({ method: 'PUT', url: `/api/v1/areas/${dbCommunes[3].code}/flags`, payload: { flags: dbCommunes[3].flags } }),
  },
  'POST /api/v1/areas/flags/import': {
    expect: only('admin'),
    call: async () => ({ method: 'POST', url: '/api/v1/areas/flags/import', ...multipart('flags.csv', `Mã,Đặc điểm\n${dbCommunes[3].code},${dbCommunes[3].flags.join('|')}\n`) }),
  },
  'GET /api/v1/areas/flags/export': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/areas/flags/export?format=csv' }) },
  'GET /api/v1/geo/provinces': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/geo/provinces' }) },

  // ---------- accounts ----------
  'POST /api/v1/auth/sign-in': {
    expect: everyone,
    call: async () => ({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'nhataitro@ketnoi.demo', password: DEMO_PASSWORD } }),
  },
  'POST /api/v1/auth/sign-out': {
    expect: everyone,
    // a session of its own, so signing out does not end the session the other calls use
    call: async (w) => {
      const email = EMAIL[w];
      if (!email) return { method: 'POST', url: '/api/v1/auth/sign-out', ownCookie: true };
      const s = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: DEMO_PASSWORD } });
      const c = s.cookies.find((x) => x.name === 'kn_session')!.value;
      return { method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: `kn_session=${c}` }, ownCookie: true };
    },
  },
  'GET /api/v1/auth/me': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/auth/me' }) },
  'POST /api/v1/auth/password': {
    // every account changes its own password; a throwaway account's session, so the others' sessions stay
    expect: signedIn,
    call: async (w) => {
      const c = await passwordChanger();
      const payload = { currentPassword: c.password, newPassword: c.password === 'Mat-khau-dai-2026' ? 'Mat-khau-moi-2026' : 'Mat-khau-dai-2026' };
      if (!EMAIL[w]) return { method: 'POST', url: '/api/v1/auth/password', payload, ownCookie: true };
      c.password = payload.newPassword;
      return { method: 'POST', url: '/api/v1/auth/password', payload, headers: { cookie: c.cookie }, ownCookie: true };
    },
  },
  'POST /api/v1/auth/password-reset': { expect: everyone, call: async () => ({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'nhataitro@ketnoi.demo' } }) },
  'POST /api/v1/auth/password-reset/confirm': {
    expect: everyone,
    // a code e-mailed to a throwaway account
    call: async () => {
      const a = await throwawayAccount();
      await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: a.email } });
      const token = /\n([A-Za-z0-9_-]{40,})\n/.exec(ctx.mail.findLast((m) => m.to[0] === a.email)!.text)![1];
      return { method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'Mat-khau-moi-2026' } };
    },
  },
  'POST /api/v1/accounts/:id/deactivate': {
    expect: only('admin', 'department:own'),
    call: async (w) => ({ method: 'POST', url: `/api/v1/accounts/${await schoolAccountFor(w)}/deactivate` }),
  },
  'POST /api/v1/accounts/:id/deactivate (a donor account)': {
    expect: only('admin'),
    call: async () => ({ method: 'POST', url: `/api/v1/accounts/${(await throwawayAccount()).id}/deactivate` }),
  },
  'POST /api/v1/accounts/:id/reactivate': {
    expect: only('admin', 'department:own'),
    call: async (w) => ({ method: 'POST', url: `/api/v1/accounts/${await schoolAccountFor(w, false)}/reactivate` }),
  },
  'PATCH /api/v1/accounts/:id': {
    expect: only('admin', 'department:own'),
    call: async (w) => ({ method: 'PATCH', url: `/api/v1/accounts/${await schoolAccountFor(w)}`, payload: { displayName: 'Tài khoản đổi tên' } }),
  },
  'POST /api/v1/accounts/:id/password-reset': {
    expect: only('admin', 'department:own'),
    call: async (w) => ({ method: 'POST', url: `/api/v1/accounts/${await schoolAccountFor(w)}/password-reset` }),
  },
  'GET /api/v1/accounts/:id/sign-ins': {
    // the owner's own history is tested beside the route; here nobody's own account
    expect: only('admin'),
    call: async () => ({ method: 'GET', url: `/api/v1/accounts/${(await throwawayAccount()).id}/sign-ins` }),
  },
  'GET /api/v1/accounts/import/template': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/accounts/import/template' }) },
  'POST /api/v1/accounts/import': {
    expect: { ...only('admin', 'department:own'), 'department:other': 'invalid' },
    call: async (w) => {
      const org = await schoolFor(w, true);
      const { code } = await ctx.db.one<{ code: string }>('SELECT code FROM school WHERE organisation_id = $1', [org]);
      return { method: 'POST', url: '/api/v1/accounts/import', ...multipart('tai-khoan.csv', `Mã trường,E-mail,Tên hiển thị\r\n${code},${uniq('pm-imp')}@ketnoi.test,Hiệu trưởng Ma Trận\r\n`) };
    },
  },
  // a Department lists the accounts of its own province's schools and communes
  'GET /api/v1/accounts': { expect: only('admin', 'department:own', 'department:other'), call: async () => ({ method: 'GET', url: '/api/v1/accounts' }) },
  'POST /api/v1/accounts': {
    expect: only('admin', 'department:own'),
    call: async (w) => ({
      method: 'POST', url: '/api/v1/accounts',
      payload: { email: `${uniq('pm')}@ketnoi.test`, displayName: 'Tài khoản Ma Trận', password: 'Mat-khau-dai-2026', role: 'school', organisationId: await schoolFor(w, true) },
    }),
  },

  // ---------- organisations ----------
  'GET /api/v1/organisations': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/organisations?kind=department' }) },
  'GET /api/v1/organisations/:id': { expect: everyone, call: async () => ({ method: 'GET', url: `/api/v1/organisations/${so11}` }) },
  'POST /api/v1/organisations': {
    expect: only('admin'),
    call: async () => ({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'donor', code: uniq('pm-donor'), name: 'Nhà tài trợ Ma Trận' } }),
  },
  'PATCH /api/v1/organisations/:id': {
    expect: only('admin', 'department:own'),
    call: async (w) => {
      // the Department's own record, another province's, or a throwaway donor for everyone else
      const id = w === 'department:own' ? so11 : w === 'department:other' ? so14
        : (await asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'donor', code: uniq('pm-org'), name: 'Tổ chức Ma Trận' } })).id;
      const current = await asAdmin({ method: 'GET', url: `/api/v1/organisations/${id}` });
      return { method: 'PATCH', url: `/api/v1/organisations/${id}`, payload: { shortName: current.shortName ?? 'Ma Trận' } };
    },
  },
  'PATCH /api/v1/organisations/:id (scope)': {
    // what decides scope (here the province) is changed by an administrator only, even on a record the actor may otherwise edit
    expect: only('admin'),
    call: async (w) => {
      const id = w === 'department:own' ? so11 : w === 'department:other' ? so14
        : (await asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'donor', code: uniq('pm-org'), name: 'Tổ chức Ma Trận' } })).id;
      return { method: 'PATCH', url: `/api/v1/organisations/${id}`, payload: { provinceCode: '12' } };
    },
  },

  // ---------- schools ----------
  'GET /api/v1/schools': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/schools?provinceCode=11&limit=5' }) },
  'GET /api/v1/schools/points': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/schools/points?provinceCode=11' }) },
  'GET /api/v1/schools/import/template': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/schools/import/template' }) },
  'POST /api/v1/schools/import': {
    // a Department may import, but only rows of its province: other rows are refused row by row
    expect: { ...only('admin', 'ministry', 'department:own'), 'department:other': 'invalid' },
    call: async (w) => ({
      method: 'POST', url: '/api/v1/schools/import',
      ...multipart('truong.csv', `Mã trường,Tên trường,Cấp học,Loại hình,Mã xã\n${uniq('PMI')},Trường Tiểu học Nhập Ma Trận,Tiểu học,Công lập,${communeFor(w)}\n`),
    }),
  },
  'GET /api/v1/schools/:id': { expect: everyone, call: async (w) => ({ method: 'GET', url: `/api/v1/schools/${await schoolFor(w, false)}` }) },
  'GET /api/v1/schools/:id/history': { expect: schoolHistoryRule, call: async (w) => ({ method: 'GET', url: `/api/v1/schools/${await schoolFor(w, false)}/history` }) },
  'POST /api/v1/schools': {
    expect: only('admin', 'ministry', 'department:own'),
    call: async (w) => ({
      method: 'POST', url: '/api/v1/schools',
      payload: { code: uniq('PMS'), name: 'Trường THCS Ma Trận', levels: ['thcs'], ownership: 'public', communeCode: communeFor(w) },
    }),
  },
  'PATCH /api/v1/schools/:id': {
    expect: only('admin', 'ministry', 'department:own', 'school:own'),
    call: async (w) => ({ method: 'PATCH', url: `/api/v1/schools/${await schoolFor(w, true)}`, payload: { staff: 12 } }),
  },
  'PATCH /api/v1/schools/:id (recode)': {
    // a school's code, commune and cluster: its Department or the Ministry, not the school itself
    expect: only('admin', 'ministry', 'department:own'),
    call: async (w) => ({ method: 'PATCH', url: `/api/v1/schools/${await schoolFor(w, true)}`, payload: { code: uniq('PMR') } }),
  },
  'DELETE /api/v1/schools/:id': {
    // the school's own record keeps its accounts, so a wrongly allowed delete would answer 409, not 403
    expect: only('admin', 'department:own'),
    call: async (w) => ({ method: 'DELETE', url: `/api/v1/schools/${await schoolFor(w, true)}` }),
  },

  // ---------- audit ----------
  'GET /api/v1/audit/log': { expect: only('admin'), call: async () => ({ method: 'GET', url: '/api/v1/audit/log?entity=school&limit=5' }) },
  'GET /api/v1/audit': {
    expect: schoolHistoryRule,
    call: async (w) => ({ method: 'GET', url: `/api/v1/audit?entity=school&entityId=${await schoolFor(w, false)}` }),
  },

  // ---------- plans and tasks ----------
  'GET /api/v1/plans': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/plans' }) },
  'GET /api/v1/plans/:id': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/plans/kh-237-bgddt-2023' }) },
  'GET /api/v1/plans/:id/tasks': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/plans/kh-237-bgddt-2023/tasks?format=csv' }) },
  'GET /api/v1/plans/:id/report': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/plans/kh-29-bgddt-2021/report?format=xlsx&asOf=2021-03-01' }) },
  'POST /api/v1/plans/:id/tasks/import': {
    // a Ministry plan: its coordinators and administrators manage it
    expect: only('admin', 'ministry'),
    call: async () => ({ method: 'POST', url: '/api/v1/plans/kh-237-bgddt-2023/tasks/import', ...multipart('nv.csv', `TT,Nội dung,Thời gian,Đơn vị chủ trì,Đơn vị phối hợp,Sản phẩm\n${uniq('MT')},Nhiệm vụ ma trận,Năm 2026,Vụ GDCTHSSV,Cục CNTT,Báo cáo\n`) }),
  },
  'GET /api/v1/tasks/mine': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/tasks/mine' }) },
  'GET /api/v1/tasks/overdue': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/tasks/overdue?asOf=2022-01-01' }) },
  'GET /api/v1/tasks/:id': { expect: signedIn, call: async () => ({ method: 'GET', url: `/api/v1/tasks/${gdtcAssignment.taskId}` }) },
  'POST /api/v1/assignments/:id/updates': {
    // only the lead unit's staff: Vụ GDTC's coordinator on its task, Điện Biên's Department on a task led by every Department
    expect: only('admin', 'ministry', 'department:own'),
    call: async (w) => ({
      method: 'POST', url: `/api/v1/assignments/${w === 'department:own' ? deptAssignment : gdtcAssignment.id}/updates`,
      payload: { state: 'in_progress', percent: 10, note: 'Cập nhật ma trận' },
    }),
  },
  'POST /api/v1/targets/:id/measurements': {
    expect: only('admin', 'ministry'),
    call: async () => ({ method: 'POST', url: `/api/v1/targets/${targetId}/measurements`, payload: { value: 50, measuredOn: '2023-12-31' } }),
  },
  'GET /api/v1/targets/:id/measurements': { expect: signedIn, call: async () => ({ method: 'GET', url: `/api/v1/targets/${targetId}/measurements` }) },
  'GET /api/v1/files/:id': { expect: signedIn, call: async () => ({ method: 'GET', url: `/api/v1/files/${fileId}` }) },

  // ---------- notifications ----------
  'GET /api/v1/notifications': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/notifications' }) },
  'GET /api/v1/notifications/settings': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/notifications/settings' }) },
  'PUT /api/v1/notifications/settings': { expect: signedIn, call: async () => ({ method: 'PUT', url: '/api/v1/notifications/settings', payload: { emailOff: [], digest: false } }) },
  // ---------- home ----------
  'GET /api/v1/home': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/home' }) },
  'POST /api/v1/notifications/:id/read': {
    expect: signedIn,
    // a notification addressed to the caller's own organisation (the public gets one for a Department)
    call: async (w) => {
      const email = EMAIL[w];
      const org = email ? (await ctx.db.one<{ organisation_id: string }>('SELECT organisation_id FROM app_user WHERE email = $1', [email])).organisation_id : so11;
      const n = await ctx.db.one<{ id: string }>(`INSERT INTO notification (organisation_id, kind, title, body) VALUES ($1, 'test', 'Ma trận', 'Ma trận') RETURNING id`, [org]);
      return { method: 'POST', url: `/api/v1/notifications/${n.id}/read` };
    },
  },

  // ---------- resources: facility surveys ----------
  'GET /api/v1/schools/:id/surveys': { expect: everyone, call: async (w) => ({ method: 'GET', url: `/api/v1/schools/${await schoolFor(w, false)}/surveys` }) },
  'PUT /api/v1/schools/:id/surveys/:schoolYear': {
    // the school itself, its Department and administrators; not the Ministry's coordinators
    expect: only('admin', 'department:own', 'school:own'),
    call: async (w) => ({ method: 'PUT', url: `/api/v1/schools/${await schoolFor(w, true)}/surveys/2026-2027`, payload: SURVEY }),
  },
  'GET /api/v1/surveys/points': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/surveys/points?provinceCode=11' }) },

  // ---------- sponsorship mobilisation plans ----------
  // a school drafts and submits its own; its commune (a primary school of the commune here) or its Department approves or returns
  'GET /api/v1/sponsorship-plans': { expect: only('admin', 'ministry', 'department:own', 'department:other', 'school:own', 'school:other', 'commune'), call: async () => ({ method: 'GET', url: '/api/v1/sponsorship-plans?limit=5' }) },
  'GET /api/v1/sponsorship-plans/:id': { expect: only('admin', 'ministry', 'department:own', 'school:own', 'commune'), call: async (w) => ({ method: 'GET', url: `/api/v1/sponsorship-plans/${await freshPlan(w, 'draft')}` }) },
  'POST /api/v1/sponsorship-plans': { expect: only('school:own'), call: async (w) => ({ method: 'POST', url: '/api/v1/sponsorship-plans', payload: { ...PLAN, schoolId: planSchoolFor(w) } }) },
  'PATCH /api/v1/sponsorship-plans/:id': { expect: only('school:own'), call: async (w) => ({ method: 'PATCH', url: `/api/v1/sponsorship-plans/${await freshPlan(w, 'draft')}`, payload: { title: 'Kế hoạch vận động tài trợ (ma trận, đã sửa)' } }) },
  'POST /api/v1/sponsorship-plans/:id/transitions (submit)': { expect: only('school:own'), call: planMove('draft', 'submit') },
  'POST /api/v1/sponsorship-plans/:id/transitions (approve)': { expect: only('department:own', 'commune'), call: planMove('submitted', 'approve') },
  'POST /api/v1/sponsorship-plans/:id/transitions (return)': { expect: only('department:own', 'commune'), call: planMove('submitted', 'return', { reason: 'Cần bổ sung dự toán' }) },

  // ---------- school social work: providers (public directory) and support cases (need-to-know) ----------
  // none of these roles is assigned to a case: the school's head sees its school's cases as summaries and may assign
  // staff and break the glass; the Department breaks the glass and reads the access log and statistics of its province
  'GET /api/v1/providers': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/providers?q=dien bien&limit=5' }) },
  'GET /api/v1/providers/:id': { expect: everyone, call: async (w) => ({ method: 'GET', url: `/api/v1/providers/${await freshProvider(w)}` }) },
  'POST /api/v1/providers': { expect: only('admin', 'department:own'), call: async (w) => ({ method: 'POST', url: '/api/v1/providers', payload: { ...PROVIDER_INPUT, provinceCode: w === 'department:other' ? '14' : '11' } }) },
  // the suspended providers (to reopen them): their keepers only, a Department its own province's
  'GET /api/v1/providers (suspended)': { expect: only('admin', 'department:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/providers?state=suspended&provinceCode=${w === 'department:other' ? '14' : '11'}` }) },
  'PATCH /api/v1/providers/:id': { expect: only('admin', 'department:own'), call: async (w) => ({ method: 'PATCH', url: `/api/v1/providers/${await freshProvider(w)}`, payload: { hours: '07:30–17:00' } }) },
  'GET /api/v1/cases': { expect: only('school:own', 'school:other'), call: async () => ({ method: 'GET', url: '/api/v1/cases?limit=5' }) },
  'GET /api/v1/cases/:id': { expect: only('school:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/cases/${await freshCase(w)}` }) },
  'POST /api/v1/cases': { expect: only(), call: async (w) => ({ method: 'POST', url: '/api/v1/cases', payload: { ...CASE_INPUT, schoolId: caseSchoolFor(w) } }) },
  'PATCH /api/v1/cases/:id': { expect: only(), call: async (w) => ({ method: 'PATCH', url: `/api/v1/cases/${await freshCase(w)}`, payload: { risk: 'medium' } }) },
  'POST /api/v1/cases/:id/steps': { expect: only(), call: async (w) => ({ method: 'POST', url: `/api/v1/cases/${await freshCase(w)}/steps`, payload: { to: 'assessment' } }) },
  'POST /api/v1/cases/:id/entries': { expect: only(), call: async (w) => ({ method: 'POST', url: `/api/v1/cases/${await freshCase(w)}/entries`, payload: { kind: 'note', body: 'Ghi chú (ma trận)' } }) },
  'POST /api/v1/cases/:id/assignments': {
    expect: only('school:own'),
    call: async (w) => ({ method: 'POST', url: `/api/v1/cases/${await freshCase(w)}/assignments`, payload: { userId: (await ctx.db.one<{ id: string }>(`SELECT id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).id } }),
  },
  // who may be assigned: for those who may assign (the lead and the school's head)
  'GET /api/v1/cases/:id/assignable': { expect: only('school:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/cases/${await freshCase(w)}/assignable` }) },
  // a case's record as .docx: its assigned staff only (none of these roles is)
  'GET /api/v1/cases/:id/document': { expect: only(), call: async (w) => ({ method: 'GET', url: `/api/v1/cases/${await freshCase(w)}/document` }) },
  'DELETE /api/v1/cases/:id/assignments/:userId': {
    // the head takes a second counsellor of the case's school off (the demo counsellor, then the last one, stays)
    expect: only('school:own'),
    call: async (w) => {
      const id = await freshCase(w);
      const second = (await ctx.db.one<{ id: string }>(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, 'Cán bộ tư vấn Ma Trận', 'x', 'counsellor', $2) RETURNING id`,
        [`${uniq('pm-tv')}@ketnoi.test`, caseSchoolFor(w)])).id;
      await ctx.db.query('INSERT INTO case_assignment (case_id, user_id) VALUES ($1, $2)', [id, second]);
      return { method: 'DELETE', url: `/api/v1/cases/${id}/assignments/${second}` };
    },
  },
  'POST /api/v1/cases/:id/break-glass': { expect: only('school:own', 'department:own'), call: async (w) => ({ method: 'POST', url: `/api/v1/cases/${await freshCase(w)}/break-glass`, payload: { reason: 'Học sinh vắng mặt đột ngột, cần liên hệ gia đình ngay' } }) },
  'POST /api/v1/cases/:id/referrals': {
    expect: only(),
    call: async (w) => ({ method: 'POST', url: `/api/v1/cases/${await freshCase(w)}/referrals`, payload: { providerId: await freshProvider(w), sharedSummary: 'Tóm tắt chuyển gửi (ma trận)', legalBasis: 'legal_obligation', consentNote: 'Luật Trẻ em', channel: 'phone' } }),
  },
  'GET /api/v1/referrals': { expect: only(), call: async () => ({ method: 'GET', url: '/api/v1/referrals' }) },
  'GET /api/v1/referrals/:id': { expect: only(), call: async (w) => ({ method: 'GET', url: `/api/v1/referrals/${await freshReferral(w)}` }) },
  'POST /api/v1/referrals/:id/transitions': { expect: only(), call: async (w) => ({ method: 'POST', url: `/api/v1/referrals/${await freshReferral(w)}/transitions`, payload: { action: 'accept' } }) },
  'GET /api/v1/case-access-log': { expect: only('department:own', 'department:other', 'school:own', 'school:other'), call: async () => ({ method: 'GET', url: '/api/v1/case-access-log?limit=5' }) },
  // a Department names its own focal point (an empty list: every account of it)
  'GET /api/v1/case-focal-points': { expect: only('department:own', 'department:other'), call: async () => ({ method: 'GET', url: '/api/v1/case-focal-points' }) },
  'PUT /api/v1/case-focal-points': { expect: only('department:own', 'department:other'), call: async () => ({ method: 'PUT', url: '/api/v1/case-focal-points', payload: { userIds: [] } }) },
  'GET /api/v1/case-statistics': { expect: only('ministry', 'department:own', 'department:other'), call: async () => ({ method: 'GET', url: '/api/v1/case-statistics' }) },
  'GET /api/v1/case-statistics/document': { expect: only('ministry', 'department:own', 'department:other'), call: async () => ({ method: 'GET', url: '/api/v1/case-statistics/document?format=xlsx' }) },
  // ---------- programme records (activities, communication) ----------
  // every account reads the register; the organiser's own staff (the Ministry for its units, a Department for its province's) writes
  'GET /api/v1/activities': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/activities?limit=5&q=tap%20huan' }) },
  'GET /api/v1/activities/calendar.ics': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/activities/calendar.ics?provinceCode=11' }) },
  'GET /api/v1/activities/:id': { expect: signedIn, call: async (w) => ({ method: 'GET', url: `/api/v1/activities/${await freshActivity(w)}` }) },
  'POST /api/v1/activities': { expect: only('admin', 'ministry', 'department:own', 'unit'), call: async (w) => ({ method: 'POST', url: '/api/v1/activities', payload: { ...ACTIVITY, organiserId: await organiserFor(w) } }) },
  'PATCH /api/v1/activities/:id': { expect: only('admin', 'ministry', 'department:own', 'unit'), call: async (w) => ({ method: 'PATCH', url: `/api/v1/activities/${await freshActivity(w)}`, payload: { title: 'Lớp tập huấn (ma trận, đã sửa)' } }) },
  // a participant's evaluation: the accounts of the organiser (the record is the caller's organisation's, or another's for 'other')
  'POST /api/v1/activities/:id/feedback': { expect: only('ministry', 'department:own', 'school:own', 'donor', 'commune', 'unit'), call: async (w) => ({ method: 'POST', url: `/api/v1/activities/${await heldActivity(w)}/feedback`, payload: { score: 4, comment: 'Bổ ích (ma trận)' } }) },
  'POST /api/v1/activities/:id/files': { expect: only('admin', 'ministry', 'department:own', 'unit'), call: async (w) => ({ method: 'POST', url: `/api/v1/activities/${await freshActivity(w)}/files`, ...withPng({ kind: 'photo' }, 'lop-tap-huan.png') }) },

  // ---------- recognition (plan 29: the board nominates, Vụ TĐKT appraises and decides; the public sees the honour roll) ----------
  // the ministry actor (Vụ GDTC, the board's standing deputy) proposes; Vụ TĐKT is not among these actors: the administrator stands for it
  'GET /api/v1/recognition/contributors': { expect: only('admin', 'ministry'), call: async () => ({ method: 'GET', url: '/api/v1/recognition/contributors?limit=5&q=mau' }) },
  'GET /api/v1/recognition/lists': { expect: only('admin', 'ministry'), call: async () => ({ method: 'GET', url: '/api/v1/recognition/lists?limit=5' }) },
  'POST /api/v1/recognition/lists': { expect: only('admin', 'ministry'), call: async () => ({ method: 'POST', url: '/api/v1/recognition/lists', payload: { title: uniq('Danh sách ma trận'), year: 2026 } }) },
  'GET /api/v1/recognition/lists/:id': { expect: only('admin', 'ministry'), call: async () => ({ method: 'GET', url: `/api/v1/recognition/lists/${(await freshNominee('draft')).listId}` }) },
  'POST /api/v1/recognition/lists/:id/nominees': {
    expect: only('admin', 'ministry'),
    call: async () => ({ method: 'POST', url: `/api/v1/recognition/lists/${(await freshNominee('draft')).listId}/nominees`, payload: { contributorId: (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-4'`)).id, form: 'thank_you_letter', reason: 'Lý do đề nghị (ma trận) đủ dài.' } }),
  },
  'POST /api/v1/recognition/lists/:id/submit': { expect: only('admin', 'ministry'), call: async () => ({ method: 'POST', url: `/api/v1/recognition/lists/${(await freshNominee('draft')).listId}/submit` }) },
  'POST /api/v1/recognition/nominees/:id/appraisal': { expect: only('admin'), call: async () => ({ method: 'POST', url: `/api/v1/recognition/nominees/${(await freshNominee('submitted')).nomineeId}/appraisal`, payload: { action: 'accept' } }) },
  'POST /api/v1/recognition/nominees/:id/respond': { expect: only('admin', 'ministry'), call: async () => ({ method: 'POST', url: `/api/v1/recognition/nominees/${(await freshNominee('more_info')).nomineeId}/respond`, payload: { reason: 'Đã bổ sung hồ sơ (ma trận).' } }) },
  // the honoured donor prints its own certificate
  'GET /api/v1/recognition/nominees/:id/certificate': { expect: only('admin', 'ministry', 'donor'), call: async () => ({ method: 'GET', url: `/api/v1/recognition/nominees/${(await freshNominee('honoured')).nomineeId}/certificate` }) },
  'GET /api/v1/recognition/decisions': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/recognition/decisions?limit=5' }) },
  'GET /api/v1/recognition/decisions/:id': { expect: everyone, call: async () => ({ method: 'GET', url: `/api/v1/recognition/decisions/${(await freshNominee('honoured')).decisionId}` }) },
  'POST /api/v1/recognition/decisions': {
    expect: only('admin'),
    call: async () => ({ method: 'POST', url: '/api/v1/recognition/decisions', payload: { number: uniq('QĐ-MT'), decidedOn: '2026-11-01', form: 'merit_certificate', nomineeIds: [(await freshNominee('accepted')).nomineeId] } }),
  },
  'GET /api/v1/public/recognition/honour-roll': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/public/recognition/honour-roll?limit=5&q=mau' }) },
  'GET /api/v1/public/recognition/verify/:code': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/public/recognition/verify/KN-2021-AAAA-AAAA' }) },

  // ---------- budgets of plan tasks (the lead unit enters; every account reads) ----------
  'GET /api/v1/tasks/:id/budget': { expect: signedIn, call: async () => ({ method: 'GET', url: `/api/v1/tasks/${gdtcAssignment.taskId}/budget` }) },
  'POST /api/v1/tasks/:id/budget-lines': {
    expect: only('admin', 'ministry'),
    call: async () => ({ method: 'POST', url: `/api/v1/tasks/${gdtcAssignment.taskId}/budget-lines`, ...withPng({ kind: 'estimate', source: 'state_budget', amountVnd: '1000000', year: '2026', documentNumber: '01/QĐ-MT' }, 'quyet-dinh.png') }),
  },
  'GET /api/v1/plans/:id/budget': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/plans/kh-29-bgddt-2021/budget' }) },

  // ---------- the coordination board (every account reads; its secretariat side, here Vụ GDTC, keeps; the Ministry draws the report) ----------
  'GET /api/v1/board/members': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/board/members' }) },
  'POST /api/v1/board/members': {
    expect: only('admin', 'ministry'),
    call: async () => ({ method: 'POST', url: '/api/v1/board/members', payload: { role: 'member', organisationId: (await asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'ministry_unit', name: uniq('Đơn vị ma trận') } })).id, title: 'Đại diện (ma trận)' } }),
  },
  'GET /api/v1/board/documents': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/board/documents?limit=5' }) },
  'POST /api/v1/board/documents': { expect: only('admin', 'ministry'), call: async () => ({ method: 'POST', url: '/api/v1/board/documents', ...withPng({ kind: 'decision', title: 'Quyết định (ma trận)', issuedOn: '2026-01-15' }, 'quyet-dinh.png') }) },
  'GET /api/v1/board/report': { expect: only('admin', 'ministry'), call: async () => ({ method: 'GET', url: '/api/v1/board/report?year=2026' }) },

  // ---------- startup-model proposals (plan 237, Project 2) ----------
  // Vụ GDCTHSSV (not among these actors: the administrator stands for it) runs the call, assigns and decides;
  // Vụ KHTC gives its budget opinion; the training institution submits; an assigned reviewer (Vụ GDTC here) scores
  'GET /api/v1/startup-calls': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/startup-calls' }) },
  'POST /api/v1/startup-calls': { expect: only('admin'), call: async () => ({ method: 'POST', url: '/api/v1/startup-calls', payload: STARTUP_CALL }) },
  'POST /api/v1/startup-calls/:id/proposals': { expect: only('unit'), call: async () => ({ method: 'POST', url: `/api/v1/startup-calls/${await openCall()}/proposals`, payload: STARTUP }) },
  'GET /api/v1/startup-proposals': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/startup-proposals?limit=5' }) },
  'GET /api/v1/startup-proposals/:id': { expect: only('admin', 'ministry', 'unit'), call: async () => ({ method: 'GET', url: `/api/v1/startup-proposals/${await freshProposal()}` }) },
  'PATCH /api/v1/startup-proposals/:id': { expect: only('unit'), call: async () => ({ method: 'PATCH', url: `/api/v1/startup-proposals/${await freshProposal()}`, payload: { locality: 'Xã Sín Thầu, Điện Biên (ma trận)' } }) },
  'PUT /api/v1/startup-proposals/:id/reviewers': {
    expect: only('admin'),
    call: async () => ({ method: 'PUT', url: `/api/v1/startup-proposals/${await freshProposal()}/reviewers`, payload: { reviewerIds: [(await ctx.db.one<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [EMAIL.ministry])).id] } }),
  },
  'PUT /api/v1/startup-proposals/:id/score': { expect: only('ministry'), call: async () => ({ method: 'PUT', url: `/api/v1/startup-proposals/${await freshProposal()}/score`, payload: { scores: { feasibility: 70 } } }) },
  'PUT /api/v1/startup-proposals/:id/budget-opinion': { expect: only('admin'), call: async () => ({ method: 'PUT', url: `/api/v1/startup-proposals/${await freshProposal()}/budget-opinion`, payload: { opinion: 'Kinh phí hợp lý (ma trận)' } }) },
  'POST /api/v1/startup-proposals/:id/progress': { expect: only('unit'), call: async () => ({ method: 'POST', url: `/api/v1/startup-proposals/${await freshProposal('approved')}/progress`, payload: { householdsSupported: 3, jobs: 1 } }) },
  'POST /api/v1/startup-proposals/:id/decision': { expect: only('admin'), call: async () => ({ method: 'POST', url: `/api/v1/startup-proposals/${await freshProposal()}/decision`, payload: { decision: 'refuse', number: '01/QĐ-MT', date: '2026-01-05' } }) },
  'POST /api/v1/startup-proposals/:id/files': { expect: only('unit'), call: async () => ({ method: 'POST', url: `/api/v1/startup-proposals/${await freshProposal()}/files`, ...withPng({ kind: 'proposal' }, 'thuyet-minh.png') }) },
  'POST /api/v1/startup-proposals/:id/files (decision)': { expect: only('admin'), call: async () => ({ method: 'POST', url: `/api/v1/startup-proposals/${await freshProposal('approved')}/files`, ...withPng({ kind: 'decision' }, 'quyet-dinh.png') }) },
  'GET /api/v1/startup-reviewers': { expect: only('admin'), call: async () => ({ method: 'GET', url: '/api/v1/startup-reviewers' }) },

  // ---------- resources: needs ----------
  // the list and the map are public; scope=mine narrows to the actor's own drafts, the public still sees published needs only
  'GET /api/v1/needs': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/needs?scope=mine&limit=5' }) },
  'GET /api/v1/needs/points': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/needs/points?provinceCode=11' }) },
  'GET /api/v1/needs/:id (draft)': {
    // a draft is seen by its school, its Department, the Ministry, and (a primary school) its commune's People's Committee
    expect: only('admin', 'ministry', 'department:own', 'school:own', 'commune'),
    call: async (w) => ({ method: 'GET', url: `/api/v1/needs/${await freshNeed(w, 'draft')}` }),
  },
  'GET /api/v1/needs/:id (published)': { expect: everyone, call: async (w) => ({ method: 'GET', url: `/api/v1/needs/${await freshNeed(w, 'published')}` }) },
  'POST /api/v1/needs': {
    // a school records its own needs, its Department records for it; the Ministry does not
    expect: only('admin', 'department:own', 'school:own'),
    call: async (w) => ({ method: 'POST', url: '/api/v1/needs', payload: { ...NEED, schoolId: await schoolFor(w, false) } }),
  },
  'PATCH /api/v1/needs/:id': {
    expect: only('admin', 'department:own', 'school:own'),
    call: async (w) => ({ method: 'PATCH', url: `/api/v1/needs/${await freshNeed(w, 'draft')}`, payload: { title: 'Bộ bàn ghế học sinh (ma trận, đã sửa)' } }),
  },
  'POST /api/v1/needs/:id/photos': {
    expect: only('admin', 'department:own', 'school:own'),
    call: async (w) => ({ method: 'POST', url: `/api/v1/needs/${await freshNeed(w, 'draft')}/photos`, ...withPng({}, 'ban-ghe.png') }),
  },
  'POST /api/v1/needs/:id/transitions (submit)': { expect: only('admin', 'department:own', 'school:own'), call: needMove('draft', 'submit') },
  // the commune's People's Committee verifies or returns its primary school's need; the Department keeps the power
  'POST /api/v1/needs/:id/transitions (return)': { expect: only('admin', 'department:own', 'commune'), call: needMove('submitted', 'return', { reason: 'Bổ sung ảnh hiện trạng' }) },
  'POST /api/v1/needs/:id/transitions (verify)': { expect: only('admin', 'department:own', 'commune'), call: needMove('submitted', 'verify') },
  'POST /api/v1/needs/:id/transitions (publish)': { expect: only('admin', 'department:own'), call: needMove('verified', 'publish') },
  'POST /api/v1/needs/:id/transitions (accept)': {
    // the school confirms acceptance with evidence, as may its Department
    expect: only('admin', 'department:own', 'school:own'),
    call: needMove('delivered', 'accept', { note: 'Đã nghiệm thu' }, true),
  },
  'POST /api/v1/needs/:id/transitions (close)': { expect: only('admin', 'department:own'), call: needMove('accepted', 'close') },
  'POST /api/v1/needs/:id/transitions (withdraw)': { expect: only('admin', 'department:own', 'school:own'), call: needMove('draft', 'withdraw', { reason: 'Đã có nguồn khác' }) },

  // ---------- resources: the contributions ledger ----------
  'POST /api/v1/contributions': {
    // an approved donor pledges in its own name; the Ministry and the Department record for the demo donor (the Sơn La
    // school is outside the Điện Biên officer's province); a school gives only in its own name: "own" names itself as
    // contributor, "other" names another school
    expect: only('admin', 'ministry', 'department:own', 'school:own', 'donor'),
    call: async (w) => {
      const contributorId = w === 'donor' ? undefined : w === 'school:own' ? ownSchool : w === 'school:other' ? readSchool : donorId;
      const schoolId = w === 'department:other' ? readSchoolOther : readSchool;
      return { method: 'POST', url: '/api/v1/contributions', payload: { schoolId, contributorId, category: 'books', form: 'in_kind', description: 'Sách tham khảo (ma trận)', valueVnd: 500_000 } };
    },
  },
  // the list is narrowed to the actor's scope (its province, its school, its own gifts)
  'GET /api/v1/contributions': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/contributions' }) },
  'GET /api/v1/contributions/:id': {
    // the demo donor's gift to the actor's school: the Ministry, the Department, the receiving school and the donor see it
    expect: only('admin', 'ministry', 'department:own', 'school:own', 'donor'),
    call: async (w) => ({ method: 'GET', url: `/api/v1/contributions/${await freshContribution(w, 'pledged')}` }),
  },
  'POST /api/v1/contributions/:id/transitions (deliver)': { expect: only('admin', 'department:own', 'donor'), call: contributionMove('pledged', 'deliver') },
  'POST /api/v1/contributions/:id/transitions (confirm)': {
    expect: only('admin', 'department:own', 'school:own'),
    call: contributionMove('pledged', 'confirm', { note: 'Đã nhận đủ' }, true),
  },
  'POST /api/v1/contributions/:id/transitions (accept)': { expect: only('admin', 'department:own'), call: contributionMove('received', 'accept') },
  'POST /api/v1/contributions/:id/transitions (cancel)': { expect: only('admin', 'department:own', 'donor'), call: contributionMove('pledged', 'cancel', { reason: 'Nhà tài trợ đổi kế hoạch' }) },

  // ---------- resources: donors ----------
  'POST /api/v1/donors/register': {
    expect: everyone,
    call: async () => ({ method: 'POST', url: '/api/v1/donors/register', payload: { organisationName: 'Công ty Ma Trận', donorType: 'business', email: `${uniq('pm-reg')}@ketnoi.test`, password: 'mat-khau-dai-2026', displayName: 'Phụ trách tài trợ' } }),
  },
  'GET /api/v1/donors': { expect: only('admin', 'ministry', 'department:own', 'department:other'), call: async () => ({ method: 'GET', url: '/api/v1/donors?vetting=pending' }) },
  'GET /api/v1/donors/:id': {
    // the Ministry and every Department read donor profiles; a donor reads its own
    expect: only('admin', 'ministry', 'department:own', 'department:other', 'donor'),
    call: async () => ({ method: 'GET', url: `/api/v1/donors/${donorId}` }),
  },
  'PATCH /api/v1/donors/:id': {
    // the donor edits its own profile (writes the value it already has)
    expect: only('admin', 'donor'),
    call: async () => {
      const current = await asAdmin({ method: 'GET', url: `/api/v1/donors/${donorId}` });
      return { method: 'PATCH', url: `/api/v1/donors/${donorId}`, payload: { anonymousDefault: current.anonymousDefault } };
    },
  },
  'POST /api/v1/donors/:id/documents': {
    // the donor uploads its own registration papers
    expect: only('admin', 'donor'),
    call: async () => ({ method: 'POST', url: `/api/v1/donors/${donorId}/documents`, ...withPng({ kind: 'business_registration' }, 'giay-dang-ky.png') }),
  },
  'POST /api/v1/donors/:id/vetting': {
    // vetting is for Ban QLCDA and Cục HTQT; the ministry actor (Vụ GDTC) is not one of them
    expect: only('admin'),
    call: async () => ({ method: 'POST', url: `/api/v1/donors/${await pendingDonor()}/vetting`, payload: { decision: 'approved' } }),
  },

  // ---------- resources: agreements ----------
  // the list is filtered row by row to what the actor may read
  'GET /api/v1/agreements': { expect: signedIn, call: async () => ({ method: 'GET', url: '/api/v1/agreements' }) },
  'GET /api/v1/agreements/:id': {
    // an agreement of the demo donor with the actor's own organisation (Điện Biên's Department for the national actors),
    // or with Sơn La's Department / another school for "other"
    expect: only('admin', 'ministry', 'department:own', 'school:own', 'donor'),
    call: async (w) => ({ method: 'GET', url: `/api/v1/agreements/${(await asAdmin({ method: 'POST', url: '/api/v1/agreements', payload: await agreementBody(w) })).id}` }),
  },
  'POST /api/v1/agreements': {
    // signed by the Ministry or by a Department for its province; a school signs through its Department
    expect: only('admin', 'ministry', 'department:own'),
    call: async (w) => ({ method: 'POST', url: '/api/v1/agreements', payload: await agreementBody(w) }),
  },

  // ---------- resources: plan 29 ----------
  'GET /api/v1/programmes/plan29': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/programmes/plan29' }) },
  'GET /api/v1/programmes/plan29/quota': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/programmes/plan29/quota?year=2021' }) },
  'PUT /api/v1/programmes/plan29/selection': {
    // the Ministry, and a Department for its own province (Sơn La's district and school for "other"); year 2030 has no seeded selection
    expect: only('admin', 'ministry', 'department:own'),
    call: async (w) => {
      const p = w === 'department:other' ? '14' : '11';
      return { method: 'PUT', url: '/api/v1/programmes/plan29/selection', payload: { year: 2030, oldProvinceCode: p, oldDistrictCode: oldDistrict[p], schoolIds: [await schoolFor(w, false)] } };
    },
  },
  'GET /api/v1/schools/:id/beneficiaries': {
    // pupils' names stay inside the school and its Department: administrators and the Ministry are refused by design
    expect: only('department:own', 'school:own'),
    call: async (w) => ({ method: 'GET', url: `/api/v1/schools/${await schoolFor(w, false)}/beneficiaries` }),
  },
  'POST /api/v1/schools/:id/beneficiaries': {
    expect: only('department:own', 'school:own'),
    call: async (w) => ({ method: 'POST', url: `/api/v1/schools/${await schoolFor(w, true)}/beneficiaries`, payload: { kind: 'teacher', fullName: 'Giáo Viên Ma Trận', consentRecorded: true } }),
  },

  // ---------- resources: coordination dashboard ----------
  'GET /api/v1/dashboard/resources': {
    // the Ministry nationwide; a Department always gets its own province, whatever it asks for
    expect: only('admin', 'ministry', 'department:own', 'department:other'),
    call: async (w) => ({ method: 'GET', url: `/api/v1/dashboard/resources${w === 'department:other' ? '?provinceCode=14' : ''}` }),
  },

  // ---------- resources: the public portal ----------
  'GET /api/v1/public/stats': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/public/stats?provinceCode=11' }) },
  'GET /api/v1/public/contributions': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/public/contributions?format=csv&limit=50' }) },
  'GET /api/v1/public/schema': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/public/schema' }) },
  'GET /api/v1/public/schools/:id': { expect: everyone, call: async (w) => ({ method: 'GET', url: `/api/v1/public/schools/${await schoolFor(w, false)}` }) },
  'GET /api/v1/public/donors/:id': { expect: everyone, call: async () => ({ method: 'GET', url: `/api/v1/public/donors/${donorId}` }) },
  'GET /api/v1/public/vocabulary': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/public/vocabulary' }) },

  // ---------- twinning (the Hanoi Department, which manages pairs, is tested in twinning.int.test.ts) ----------
  'GET /api/v1/twinning/pairs': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/twinning/pairs?format=csv' }) },
  'POST /api/v1/twinning/pairs': {
    expect: only('admin'),
    call: async () => ({ method: 'POST', url: '/api/v1/twinning/pairs', payload: { hanoiSchoolId: await freshHanoiSchool(), borderSchoolId: borderSchool11, startYear: 2026 } }),
  },
  'GET /api/v1/twinning/pairs/:id': {
    // the pair's own schools, the border province's Department, the Ministry
    expect: only('admin', 'ministry', 'department:own', 'school:own'),
    call: async (w) => ({ method: 'GET', url: `/api/v1/twinning/pairs/${await freshPair(w)}` }),
  },
  'POST /api/v1/twinning/pairs/:id/status': {
    expect: only('admin'),
    call: async (w) => ({ method: 'POST', url: `/api/v1/twinning/pairs/${await freshPair(w)}/status`, payload: { status: 'paused', reason: 'Tạm dừng (ma trận)' } }),
  },
  'GET /api/v1/twinning/suggestions': { expect: everyone, call: async () => ({ method: 'GET', url: `/api/v1/twinning/suggestions?hanoiSchoolId=${hanoiSchool}&provinceCode=11` }) },
  'PUT /api/v1/twinning/pairs/:id/plans/:year': {
    expect: only('admin', 'school:own'),
    call: async (w) => ({ method: 'PUT', url: `/api/v1/twinning/pairs/${await freshPair(w)}/plans/2026`, payload: { items: [{ kind: 'exchange', subKind: 'sports', description: 'Giao lưu bóng đá' }] } }),
  },
  'POST /api/v1/twinning/pairs/:id/activities': {
    expect: only('admin', 'school:own'),
    call: async (w) => ({ method: 'POST', url: `/api/v1/twinning/pairs/${await freshPair(w)}/activities`, payload: { heldOn: '2026-06-01', kind: 'exchange', subKind: 'sports', title: 'Giao lưu thể thao (ma trận)' } }),
  },
  'POST /api/v1/twinning/activities/:id/confirm': {
    // logged by the Hanoi side (the administrator logs for it); the border school confirms
    expect: only('admin', 'school:own'),
    call: async (w) => {
      const a = await asAdmin({ method: 'POST', url: `/api/v1/twinning/pairs/${await freshPair(w)}/activities`, payload: { heldOn: '2026-06-01', kind: 'exchange', subKind: 'culture_arts', title: 'Giao lưu văn nghệ (ma trận)' } });
      return { method: 'POST', url: `/api/v1/twinning/activities/${a.id}/confirm`, payload: { note: 'Xác nhận' } };
    },
  },
  'GET /api/v1/twinning/compliance': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/twinning/compliance?year=2026' }) },
  'POST /api/v1/twinning/compliance/remind': { expect: only('admin'), call: async () => ({ method: 'POST', url: '/api/v1/twinning/compliance/remind', payload: { year: 2026 } }) },
  'GET /api/v1/twinning/calendar': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/twinning/calendar?year=2027' }) },
  'GET /api/v1/twinning/reports/:level/:orgId/:year': {
    // the Hanoi Department's draft: its own officers (not among these actors) and administrators
    expect: only('admin'),
    call: async () => ({ method: 'GET', url: `/api/v1/twinning/reports/department/${so01}/2031` }),
  },
  'PUT /api/v1/twinning/reports/:level/:orgId/:year': {
    expect: only('admin'),
    call: async () => ({ method: 'PUT', url: `/api/v1/twinning/reports/department/${so01}/2031`, payload: { narrative: { results: 'Nháp (ma trận)' }, submit: false } }),
  },
  'GET /api/v1/twinning/reports/:level/:orgId/:year/document': {
    expect: only('admin'),
    call: async () => ({ method: 'GET', url: `/api/v1/twinning/reports/department/${so01}/2031/document?format=xlsx` }),
  },
  'GET /api/v1/twinning/submissions': { expect: only('admin', 'ministry'), call: async () => ({ method: 'GET', url: '/api/v1/twinning/submissions?year=2026' }) },
  'GET /api/v1/twinning/dashboard': { expect: only('admin', 'ministry', 'department:own', 'department:other'), call: async () => ({ method: 'GET', url: '/api/v1/twinning/dashboard?year=2026' }) },
  'GET /api/v1/twinning/map': { expect: only('admin', 'ministry', 'department:own', 'department:other'), call: async () => ({ method: 'GET', url: '/api/v1/twinning/map?zoom=7' }) },
  'GET /api/v1/twinning/focal-points': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/twinning/focal-points' }) },
  'PUT /api/v1/twinning/focal-points/:id': {
    // a Department edits its own focal point (Điện Biên's; "other": Sơn La's); writes back what it reads
    expect: only('admin', 'department:own'),
    call: async (w) => {
      const id = w === 'department:other' ? so14 : so11;
      const f = (await asAdmin({ method: 'GET', url: '/api/v1/twinning/focal-points' })).items.find((x: { departmentId: string }) => x.departmentId === id);
      return { method: 'PUT', url: `/api/v1/twinning/focal-points/${id}`, payload: { roleTitle: f.roleTitle, unit: f.unit, contact: f.contact } };
    },
  },
  // ---------- assessments against indicator frameworks ----------
  'GET /api/v1/assessment-frameworks': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/assessment-frameworks' }) },
  'GET /api/v1/assessment-frameworks/:id': { expect: everyone, call: async () => ({ method: 'GET', url: `/api/v1/assessment-frameworks/${await dxVersionId()}` }) },
  'POST /api/v1/assessment-frameworks': { expect: only('admin'), call: async () => ({ method: 'POST', url: '/api/v1/assessment-frameworks', payload: { definition: SMALL_FRAMEWORK } }) },
  'POST /api/v1/assessment-frameworks/:id/publish': {
    expect: only('admin'),
    call: async () => ({ method: 'POST', url: `/api/v1/assessment-frameworks/${(await asAdmin({ method: 'POST', url: '/api/v1/assessment-frameworks', payload: { definition: SMALL_FRAMEWORK } })).id}/publish` }),
  },
  'GET /api/v1/assessment-campaigns': { expect: only('admin', 'ministry', 'department:own', 'department:other', 'school:own', 'school:other', 'commune'), call: async () => ({ method: 'GET', url: '/api/v1/assessment-campaigns?limit=5' }) },
  'GET /api/v1/assessment-campaigns/:id': { expect: only('admin', 'ministry', 'department:own', 'school:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/assessment-campaigns/${(await freshAssessment(w, 'draft')).campaignId}` }) },
  'POST /api/v1/assessment-campaigns': {
    expect: only('ministry', 'department:own'),
    call: async (w) => ({ method: 'POST', url: '/api/v1/assessment-campaigns', payload: {
      versionId: await dxVersionId(), year: 2026, title: 'Đợt đánh giá (ma trận)', provinceCode: w === 'department:other' ? '14' : '11', kinds: ['school'], schoolLevels: ['thpt'],
      opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-20', publishOn: '2026-06-20',
    } }),
  },
  'GET /api/v1/assessment-campaigns/:id/completeness': { expect: only('admin', 'ministry', 'department:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/assessment-campaigns/${(await freshAssessment(w, 'draft')).campaignId}/completeness` }) },
  'GET /api/v1/assessments': { expect: only('admin', 'ministry', 'department:own', 'department:other', 'school:own', 'school:other', 'commune'), call: async () => ({ method: 'GET', url: '/api/v1/assessments?limit=5&format=csv' }) },
  'GET /api/v1/assessments/:id': { expect: only('admin', 'ministry', 'department:own', 'school:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/assessments/${(await freshAssessment(w, 'draft')).id}` }) },
  'PUT /api/v1/assessments/:id/answers': { expect: only('school:own'), call: async (w) => ({ method: 'PUT', url: `/api/v1/assessments/${(await freshAssessment(w, 'draft')).id}/answers`, payload: { answers: [{ code: '1.1', value: true }] } }) },
  'POST /api/v1/assessments/:id/evidence': {
    expect: only('school:own'),
    call: async (w) => ({ method: 'POST', url: `/api/v1/assessments/${(await freshAssessment(w, 'draft')).id}/evidence`, ...fieldsOnly({ code: '1.1', label: 'Kế hoạch (ma trận)', url: 'https://truong.example.edu.vn/ke-hoach' }) }),
  },
  'DELETE /api/v1/assessments/:id/evidence/:evidenceId': {
    expect: only('school:own'),
    call: async (w) => {
      const { id } = await freshAssessment(w, 'draft');
      const e = await ctx.db.one<{ id: string }>(`INSERT INTO assessment_evidence (assessment_id, code, label, url) VALUES ($1, '1.1', 'Kế hoạch (ma trận)', 'https://truong.example.edu.vn') RETURNING id`, [id]);
      return { method: 'DELETE', url: `/api/v1/assessments/${id}/evidence/${e.id}` };
    },
  },
  // filling empty answers from the school's facility survey: read as the assessment is, written by the school only
  'GET /api/v1/assessments/:id/prefill': { expect: only('admin', 'ministry', 'department:own', 'school:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/assessments/${(await freshAssessment(w, 'draft')).id}/prefill` }) },
  'POST /api/v1/assessments/:id/prefill': {
    expect: only('school:own'),
    call: async (w) => {
      const { id } = await freshAssessment(w, 'draft');
      // the school has a facility survey to fill from (without one the school's own request is a 409)
      await ctx.db.query(
        `INSERT INTO facility_survey (school_id, school_year, water_source, handwashing, electricity, road_access, teaching_equipment, water_service, sanitation_service, hygiene_service)
         SELECT organisation_id, '2025-2026', 'piped', 'water_soap', 'grid', 'paved', 'partial', 'basic', 'basic', 'basic' FROM assessment WHERE id = $1
             AND NOT EXISTS (SELECT 1 FROM facility_survey f WHERE f.school_id = assessment.organisation_id)`, [id]);
      return { method: 'POST', url: `/api/v1/assessments/${id}/prefill`, payload: {} };
    },
  },
  'PUT /api/v1/assessments/:id/review': { expect: only('department:own'), call: async (w) => ({ method: 'PUT', url: `/api/v1/assessments/${(await freshAssessment(w, 'submitted')).id}/review`, payload: { items: [{ code: '1.4', reviewedPoints: 10, comment: 'Nhận xét (ma trận)' }] } }) },
  'POST /api/v1/assessments/:id/transitions (submit)': { expect: only('school:own'), call: assessmentMove('draft', 'submit') },
  'POST /api/v1/assessments/:id/transitions (return)': { expect: only('department:own'), call: assessmentMove('submitted', 'return', 'Bổ sung minh chứng') },
  'POST /api/v1/assessments/:id/transitions (approve)': { expect: only('department:own'), call: assessmentMove('submitted', 'approve') },
  'POST /api/v1/assessments/:id/transitions (unlock)': { expect: only('department:own'), call: assessmentMove('approved', 'unlock', 'Sửa số liệu') },
  // a campaign's spreadsheets, report and completeness by reviewer
  'GET /api/v1/assessment-campaigns/:id/template': { expect: only('admin', 'ministry', 'department:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/assessment-campaigns/${(await freshAssessment(w, 'draft')).campaignId}/template` }) },
  'POST /api/v1/assessment-campaigns/:id/import': {
    expect: only('ministry', 'department:own'),
    call: async (w) => {
      const a = await freshAssessment(w, 'draft');
      return { method: 'POST', url: `/api/v1/assessment-campaigns/${a.campaignId}/import`, ...multipart('tra-loi.csv', `Mã bản đánh giá,1.1\n${a.id},Có\n`) };
    },
  },
  'GET /api/v1/assessment-campaigns/:id/results.xlsx': { expect: only('admin', 'ministry', 'department:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/assessment-campaigns/${(await freshAssessment(w, 'approved')).campaignId}/results.xlsx` }) },
  'GET /api/v1/assessment-campaigns/:id/report.docx': { expect: only('admin', 'ministry', 'department:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/assessment-campaigns/${(await freshAssessment(w, 'draft')).campaignId}/report.docx` }) },
  'GET /api/v1/assessment-campaigns/:id/reviewers': { expect: only('admin', 'ministry', 'department:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/assessment-campaigns/${(await freshAssessment(w, 'submitted')).campaignId}/reviewers` }) },
  'GET /api/v1/assessment-campaigns/:id/outstanding': { expect: only('admin', 'ministry', 'department:own'), call: async (w) => ({ method: 'GET', url: `/api/v1/assessment-campaigns/${(await freshAssessment(w, 'draft')).campaignId}/outstanding?kind=not_submitted&limit=5` }) },
  'GET /api/v1/public/assessment-campaigns': { expect: everyone, call: async () => ({ method: 'GET', url: '/api/v1/public/assessment-campaigns' }) },
  'GET /api/v1/public/assessment-campaigns/:id': { expect: everyone, call: async (w) => ({ method: 'GET', url: `/api/v1/public/assessment-campaigns/${(await freshAssessment(w, 'approved', true)).campaignId}` }) },
  'GET /api/v1/public/assessment-campaigns/:id/results': { expect: everyone, call: async (w) => ({ method: 'GET', url: `/api/v1/public/assessment-campaigns/${(await freshAssessment(w, 'approved', true)).campaignId}/results?format=csv` }) },
  'GET /api/v1/public/assessment-campaigns/:id/communes': { expect: everyone, call: async (w) => ({ method: 'GET', url: `/api/v1/public/assessment-campaigns/${(await freshAssessment(w, 'approved', true)).campaignId}/communes?provinceCode=11` }) },
  'GET /api/v1/plan-tasks/:id/assessments': {
    expect: signedIn,
    call: async () => ({ method: 'GET', url: `/api/v1/plan-tasks/${(await ctx.db.one<{ id: string }>(`SELECT t.id FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE p.key = 'qd-cds-bgddt-2022' AND t.number = '1.5'`)).id}/assessments` }),
  },
  'GET /api/v1/public/assessments/:id': { expect: everyone, call: async (w) => ({ method: 'GET', url: `/api/v1/public/assessments/${(await freshAssessment(w, 'approved', true)).id}` }) },
  // ---------- framework editing: drafts only, by the administrator ----------
  'PUT /api/v1/assessment-frameworks/:id/definition': {
    expect: only('admin'),
    call: async () => ({ method: 'PUT', url: `/api/v1/assessment-frameworks/${(await asAdmin({ method: 'POST', url: '/api/v1/assessment-frameworks', payload: { definition: SMALL_FRAMEWORK } })).id}/definition`, payload: { definition: SMALL_FRAMEWORK } }),
  },
  'POST /api/v1/assessment-frameworks/:id/copy': { expect: only('admin'), call: async () => ({ method: 'POST', url: `/api/v1/assessment-frameworks/${await dxVersionId()}/copy`, payload: {} }) },
  'POST /api/v1/tasks/reminders/run': { expect: only('admin'), call: async () => ({ method: 'POST', url: '/api/v1/tasks/reminders/run' }) },
};

beforeAll(async () => {
  ctx = await testApp({
    onRoute: (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') registered.push(`${m} ${r.url}`);
    },
  });
  dbCommunes = (await ctx.app.inject({ method: 'GET', url: '/api/v1/areas/provinces/11/communes' })).json().items;
  slCommunes = (await ctx.app.inject({ method: 'GET', url: '/api/v1/areas/provinces/14/communes' })).json().items;
  ownSchool = (await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: await ctx.cookie(EMAIL['school:own']!) } })).json().user.organisation.id;
  readSchool = await freshSchool('11');
  communeCode = (await ctx.db.one<{ commune_code: string }>(`SELECT o.commune_code FROM organisation o JOIN app_user u ON u.organisation_id = o.id WHERE u.email = $1`, [EMAIL.commune])).commune_code;
  communeSchool = (await asAdmin({ method: 'POST', url: '/api/v1/schools', payload: { code: uniq('PMX'), name: 'Trường Tiểu học Ma Trận Xã', levels: ['tieu_hoc'], ownership: 'public', communeCode } })).id;
  readSchoolOther = await freshSchool('14');
  const depts = (await ctx.app.inject({ method: 'GET', url: '/api/v1/organisations?kind=department&limit=100' })).json().items as { id: string; code: string }[];
  so11 = depts.find((d) => d.code === 'so-11')!.id;
  so14 = depts.find((d) => d.code === 'so-14')!.id;
  const led = async (code: string) => ctx.db.one<{ id: string; task_id: string }>(
    `SELECT a.id, a.task_id FROM task_assignment a JOIN assignment_unit u ON u.assignment_id = a.id AND u.role = 'lead'
       JOIN organisation o ON o.id = u.organisation_id WHERE o.code = $1
        -- not one a unit's staff or a commune also lead (a collective written in a plan fans out to them)
        AND NOT EXISTS (SELECT 1 FROM assignment_unit x JOIN organisation xo ON xo.id = x.organisation_id
                         WHERE x.assignment_id = a.id AND x.role = 'lead' AND xo.kind IN ('training_institution', 'department_unit', 'cluster', 'commune_committee', 'other'))
      ORDER BY a.id LIMIT 1`, [code]);
  const g = await led('vu-gdtc');
  gdtcAssignment = { id: g.id, taskId: g.task_id };
  deptAssignment = (await led('so-11')).id;
  targetId = (await ctx.db.one<{ id: string }>(`SELECT t.id FROM plan_target t JOIN plan p ON p.id = t.plan_id WHERE p.key = 'kh-237-bgddt-2023' ORDER BY t.position LIMIT 1`)).id;
  const boundary = '----pmf';
  const pdf = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF';
  const up = await ctx.app.inject({
    method: 'POST', url: `/api/v1/assignments/${gdtcAssignment.id}/updates`,
    headers: { cookie: await ctx.cookie('admin'), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="state"\r\n\r\nin_progress\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="minh-chung.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`,
  });
  if (up.statusCode !== 201) throw new Error(`evidence upload: ${up.statusCode} ${up.body}`);
  fileId = up.json().files[0].id;
  donorId = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
  // an old district the schools made for the matrix (in each province's second commune) lie in
  const district = async (commune: string) => (await ctx.db.one<{ code: string }>(
    `SELECT c.district_code AS code FROM area_succession su JOIN area c ON c.era = 'legacy' AND c.level = 'commune' AND c.code = su.old_code
      WHERE su.old_level = 'commune' AND su.new_commune_code = $1 ORDER BY 1 LIMIT 1`, [commune])).code;
  oldDistrict = { '11': await district(dbCommunes[1].code), '14': await district(slCommunes[1].code) };
  so01 = depts.find((d) => d.code === 'so-01')!.id;
  hanoiSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.hanoi@ketnoi.demo'`)).organisation_id;
  hanoiCommune = (await ctx.db.one<{ commune_code: string }>('SELECT commune_code FROM school WHERE organisation_id = $1', [hanoiSchool])).commune_code;
  const border = async (province: string) => (await ctx.db.one<{ id: string }>(
    `SELECT s.organisation_id AS id FROM school s JOIN area c ON c.era = 'current' AND c.level = 'commune' AND c.code = s.commune_code
      WHERE s.province_code = $1 AND 'border' = ANY(c.flags) AND s.organisation_id <> $2 ORDER BY s.code LIMIT 1`, [province, ownSchool])).id;
  borderSchool11 = await border('11');
  borderSchool14 = await border('14');
});
afterAll(async () => { await ctx.close(); });

/** The route an entry declares: its key without the "(variant)". */
const routeOf = (key: string) => key.replace(/ \(.*\)$/, '');

const isApi = (route: string) => {
  const path = route.split(' ')[1];
  return path.startsWith('/api') && !path.startsWith('/api/docs');
};

describe('policy matrix', () => {
  it('declares every /api route the app registers, and no route that does not exist', () => {
    const api = [...new Set(registered.filter(isApi))].sort();
    expect(api.length).toBeGreaterThan(20);
    const declared = new Set(Object.keys(MATRIX).map(routeOf));
    const undeclared = api.filter((r) => !declared.has(r));
    expect(undeclared, 'routes without an entry in the policy matrix').toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !api.includes(routeOf(k)));
    expect(stale, 'matrix entries for routes that are not registered').toEqual([]);
    // the docs are served, and are the only thing left out
    expect(registered.some((r) => r.startsWith('GET /api/docs'))).toBe(true);
  });

  for (const [route, entry] of Object.entries(MATRIX)) {
    it(route, async () => {
      const results: string[] = [];
      const failures: string[] = [];
      for (const w of WHO) {
        const { ownCookie, ...req } = await entry.call(w);
        const email = EMAIL[w];
        const headers = { ...(req.headers ?? {}) } as Record<string, string>;
        if (!ownCookie && email) headers.cookie = await ctx.cookie(email);
        const res = await ctx.app.inject({ ...req, headers });
        const want = entry.expect[w];
        const s = res.statusCode;
        const good =
          want === 'ok' ? s >= 200 && s < 300
          : want === 'invalid' ? s === 422
          : s === (w === 'public' ? 401 : 403);
        results.push(`${w}:${s}`);
        if (!good) failures.push(`${w} expected ${want}, got ${s} ${res.body.slice(0, 200)}`);
      }
      expect(failures, results.join(' ')).toEqual([]);
    });
  }
});
