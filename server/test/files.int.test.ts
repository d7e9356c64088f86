import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { multipart, PNG, registerDonor } from './calls.js';
import { fixedClock } from '../src/platform/clock.js';

/**
 * Files follow their record: for every kind of record a file can belong to, who may and may not
 * download it, from the public and a donor that registered a minute ago to another school,
 * another province's Department, the Ministry and the administrator.
 */
const clock = fixedClock('2026-06-15T03:00:00Z');
let ctx: TestContext;
let freshDonor: string;

type Who = string | null;
const cookieOf = async (who: Who) => (who === null ? {} : { cookie: who.startsWith('kn_session=') ? who : await ctx.cookie(who) });
const call = async (who: Who, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, payload: payload as never, headers: { ...headers, ...(await cookieOf(who)) } });
const upload = async (who: string, url: string, fields: Record<string, string>, filename = 'Nguyen Thi Hoa lop 3A.png') => {
  const [body, headers] = multipart(fields, [{ filename, type: 'image/png', data: PNG }]);
  const res = await call(who, 'POST', url, body, headers);
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};

const ACTORS = ['public', 'freshDonor', 'nhataitro@ketnoi.demo', 'truong.dienbien@ketnoi.demo', 'truong.hanoi@ketnoi.demo', 'so.dienbien@ketnoi.demo',
  'so.sonla@ketnoi.demo', 'so.hanoi@ketnoi.demo', 'dieuphoi@ketnoi.demo', 'quantri@ketnoi.demo'] as const;
type Actor = (typeof ACTORS)[number];
const files: Record<string, { id: string; readers: Actor[] }> = {};
const ALL: Actor[] = [...ACTORS];
const SIGNED_IN: Actor[] = ACTORS.filter((a) => a !== 'public');

beforeAll(async () => {
  ctx = await testApp({ clock });
  freshDonor = (await registerDonor(ctx, {
    organisationName: 'Một người vừa đăng ký', donorType: 'individual', email: 'moi.dang.ky@ketnoi.test', password: 'mat-khau-dai-2026', displayName: 'Người mới',
  })).cookie;
  const dbSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.dienbien@ketnoi.demo'`)).organisation_id;
  const hanoiSchool = (await ctx.db.one<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE email = 'truong.hanoi@ketnoi.demo'`)).organisation_id;
  const donor = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'demo-donor-1'`)).id;
  const so11 = (await ctx.db.one<{ id: string }>(`SELECT id FROM organisation WHERE code = 'so-11'`)).id;

  // needs: a draft one and a published one, each with a photo
  const need = async () => {
    const n = await call('truong.dienbien@ketnoi.demo', 'POST', '/api/v1/needs', { schoolId: dbSchool, category: 'books', title: 'Sách tham khảo cho thư viện', quantity: 100, unit: 'cuốn', estimatedCost: 5_000_000, priority: 'normal' });
    expect(n.statusCode).toBe(201);
    return n.json().id as string;
  };
  const draft = await need();
  files.needDraft = { id: (await upload('truong.dienbien@ketnoi.demo', `/api/v1/needs/${draft}/photos`, {})).items[0].id, readers: ['truong.dienbien@ketnoi.demo', 'so.dienbien@ketnoi.demo', 'dieuphoi@ketnoi.demo', 'quantri@ketnoi.demo'] };
  const published = await need();
  files.needPublic = { id: (await upload('truong.dienbien@ketnoi.demo', `/api/v1/needs/${published}/photos`, {})).items[0].id, readers: ALL };
  for (const [who, action] of [['truong.dienbien@ketnoi.demo', 'submit'], ['so.dienbien@ketnoi.demo', 'verify'], ['so.dienbien@ketnoi.demo', 'publish']]) {
    expect((await call(who, 'POST', `/api/v1/needs/${published}/transitions`, { action })).statusCode).toBe(200);
  }

  // contributions: a gift to the school (its receipt is public) and a gift to a pupil (never public)
  const gift = async (beneficiaryId?: string) => {
    const k = await call('so.dienbien@ketnoi.demo', 'POST', '/api/v1/contributions', { schoolId: dbSchool, contributorId: donor, category: 'books', form: 'in_kind', description: 'Sách giáo khoa', valueVnd: 2_000_000, ...(beneficiaryId ? { beneficiaryId } : {}) });
    expect(k.statusCode).toBe(201);
    const id = k.json().id as string;
    expect((await call('nhataitro@ketnoi.demo', 'POST', `/api/v1/contributions/${id}/transitions`, { action: 'deliver' })).statusCode).toBe(200);
    await upload('truong.dienbien@ketnoi.demo', `/api/v1/contributions/${id}/transitions`, { action: 'confirm' });
    return (await ctx.db.one<{ file_id: string }>('SELECT file_id FROM contribution_file WHERE contribution_id = $1', [id])).file_id;
  };
  files.receiptPublic = { id: await gift(), readers: ALL };
  const pupil = await call('truong.dienbien@ketnoi.demo', 'POST', `/api/v1/schools/${dbSchool}/beneficiaries`, { kind: 'pupil', fullName: 'Lò Thị Ánh Tuyết', birthYear: 2015, consentRecorded: true });
  expect(pupil.statusCode).toBe(201);
  files.receiptPupil = { id: await gift(pupil.json().id), readers: ['nhataitro@ketnoi.demo', 'truong.dienbien@ketnoi.demo', 'so.dienbien@ketnoi.demo', 'dieuphoi@ketnoi.demo', 'quantri@ketnoi.demo'] };

  // an agreement's scan: its parties (the donor, the Department that signed), the Ministry's board
  const a = await upload('so.dienbien@ketnoi.demo', '/api/v1/agreements', { title: 'Biên bản ghi nhớ', donorId: donor, counterpartId: so11, committedValue: '100000000', periodFrom: '2026-01-01', periodTo: '2026-12-31', signedOn: '2026-01-05' }, 'bien-ban.png');
  expect(a.documentFileId).toBeTruthy();
  files.agreement = { id: a.documentFileId, readers: ['nhataitro@ketnoi.demo', 'so.dienbien@ketnoi.demo', 'dieuphoi@ketnoi.demo', 'quantri@ketnoi.demo'] };

  // a twinning activity's photo: the pair's two schools, their Departments, the Ministry
  const border = (await ctx.db.one<{ id: string }>(
    `SELECT s.organisation_id AS id FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code
      WHERE s.province_code = '11' AND 'border' = ANY(c.flags) AND s.organisation_id <> $1 ORDER BY s.code LIMIT 1`, [dbSchool])).id;
  const pair = await call('so.hanoi@ketnoi.demo', 'POST', '/api/v1/twinning/pairs', { hanoiSchoolId: hanoiSchool, borderSchoolId: border, startYear: 2026 });
  expect(pair.statusCode).toBe(201);
  const act = await upload('truong.hanoi@ketnoi.demo', `/api/v1/twinning/pairs/${pair.json().id}/activities`, { heldOn: '2026-06-10', kind: 'exchange', subKind: 'sports', title: 'Giao lưu thể thao' });
  const actFile = await ctx.db.one<{ file_id: string }>('SELECT file_id FROM twinning_activity_file WHERE activity_id = $1', [act.id]);
  files.twinning = { id: actFile.file_id, readers: ['truong.hanoi@ketnoi.demo', 'so.hanoi@ketnoi.demo', 'so.dienbien@ketnoi.demo', 'dieuphoi@ketnoi.demo', 'quantri@ketnoi.demo'] };

  // a plan task's progress evidence: whoever may read the plan (accounts, not the public)
  const assignment = (await ctx.db.one<{ id: string }>(
    `SELECT a.id FROM task_assignment a JOIN assignment_unit u ON u.assignment_id = a.id AND u.role = 'lead' JOIN organisation o ON o.id = u.organisation_id
      WHERE o.code = 'so-11' ORDER BY a.id LIMIT 1`)).id;
  const up = await upload('so.dienbien@ketnoi.demo', `/api/v1/assignments/${assignment}/updates`, { state: 'in_progress' }, 'minh-chung.png');
  files.taskUpdate = { id: up.files[0].id, readers: SIGNED_IN };

  // a file nobody owns is refused to everyone
  files.unowned = { id: (await ctx.db.one<{ id: string }>(
    `INSERT INTO stored_file (name, mime, size, sha256, data, public) VALUES ('mo-coi.png', 'image/png', $1, 'x', $2, true) RETURNING id`, [PNG.length, PNG])).id, readers: [] };
});
afterAll(async () => { await ctx.close(); });

describe('downloads follow the record a file belongs to', () => {
  it('each owner kind × each actor: exactly the readers of the record download it', async () => {
    const leaks: string[] = [];
    const refusals: string[] = [];
    let tried = 0;
    for (const [kind, f] of Object.entries(files)) {
      for (const actor of ACTORS) {
        const res = await call(actor === 'public' ? null : actor === 'freshDonor' ? freshDonor : actor, 'GET', `/api/v1/files/${f.id}`);
        tried++;
        const expected = f.readers.includes(actor);
        if (expected && res.statusCode !== 200) refusals.push(`${kind} × ${actor}: ${res.statusCode}`);
        if (!expected && res.statusCode === 200) leaks.push(`${kind} × ${actor}`);
        if (!expected) expect([401, 403]).toContain(res.statusCode);
        if (!expected) expect(res.body).not.toContain('PNG');
      }
    }
    expect(leaks).toEqual([]);
    expect(refusals).toEqual([]);
    expect(tried).toBe(Object.keys(files).length * ACTORS.length);
    console.info(`files: ${Object.keys(files).length} owner cases × ${ACTORS.length} actors = ${tried} downloads, leaks ${leaks.length}`);
  });

  it('a need\'s photos stop being public when the need is not public; only the public gets a shared-cache header', async () => {
    const pub = await call(null, 'GET', `/api/v1/files/${files.needPublic.id}`);
    expect(pub.headers['cache-control']).toBe('public, max-age=600');
    const signed = await call('so.dienbien@ketnoi.demo', 'GET', `/api/v1/files/${files.needDraft.id}`);
    expect(signed.headers['cache-control']).toBe('private, no-store');
  });

  it('a cancelled contribution\'s receipt is no longer public', async () => {
    const k = await ctx.db.one<{ contribution_id: string }>('SELECT contribution_id FROM contribution_file WHERE file_id = $1', [files.receiptPublic.id]);
    await ctx.db.query(`UPDATE contribution SET status = 'cancelled' WHERE id = $1`, [k.contribution_id]);
    expect((await call(null, 'GET', `/api/v1/files/${files.receiptPublic.id}`)).statusCode).toBe(401);
    expect((await call('truong.dienbien@ketnoi.demo', 'GET', `/api/v1/files/${files.receiptPublic.id}`)).statusCode).toBe(200);
    await ctx.db.query(`UPDATE contribution SET status = 'received' WHERE id = $1`, [k.contribution_id]);
  });
});

describe('file names', () => {
  it('public files and files that may show pupils carry neutral names, never the uploaded one', async () => {
    for (const kind of ['needDraft', 'needPublic', 'receiptPublic', 'receiptPupil', 'twinning'] as const) {
      const res = await call('quantri@ketnoi.demo', 'GET', `/api/v1/files/${files[kind].id}`);
      const disposition = decodeURIComponent(String(res.headers['content-disposition']));
      expect(disposition).toMatch(/filename\*=UTF-8''(anh-nhu-cau|bien-nhan|hoat-dong)-[0-9a-f]{8}\.png$/);
      expect(disposition).not.toMatch(/Nguyen|Hoa/);
    }
    const names = await ctx.db.query<{ name: string }>('SELECT name FROM stored_file WHERE public');
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !/^(anh-nhu-cau|nghiem-thu|bien-nhan)-[0-9a-f]{8}\.(png|jpg|webp|pdf)$/.test(n.name) && n.name !== 'mo-coi.png')).toEqual([]);
  });

  it('the portal lists only public receipts; a gift to a pupil shows no evidence', async () => {
    const items = (await call(null, 'GET', '/api/v1/public/contributions?format=json&provinceCode=11')).json().items as { evidence: string[] }[];
    const evidence = items.flatMap((c) => c.evidence);
    expect(evidence).toContain(`/api/v1/files/${files.receiptPublic.id}`);
    expect(evidence).not.toContain(`/api/v1/files/${files.receiptPupil.id}`);
    const pupilRows = await ctx.db.query<{ public: boolean }>('SELECT public FROM stored_file WHERE id = ANY($1::uuid[])', [[files.receiptPupil.id, files.twinning.id]]);
    expect(pupilRows.every((r) => !r.public)).toBe(true);
  });
});
