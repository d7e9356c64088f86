import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Db } from '../platform/db.js';
import { dataPath, readJsonData } from '../platform/data-files.js';
import { fold } from '../platform/text.js';
import { hashPassword } from '../platform/auth.js';
import type { SchoolWrite } from '../modules/schools/repository.js';
import { save as saveSchools } from '../modules/schools/service.js';
import { parseFlags } from '../modules/areas/domain.js';
import { readCsv } from '../platform/tabular.js';
import { loadDemoActivity } from './demo-activity.js';
import { loadDemoRecords } from './demo-records.js';
import { loadCommuneDemo, loadSponsorshipDemo } from './demo-units.js';
import { loadAssessmentDemo } from './demo-assessments.js';
import { DEMO_PROVIDER_ORG, loadCasesDemo, loadProviderOrganisation } from './demo-cases.js';
import { loadRecognitionDemo } from './demo-recognition.js';
import { loadBoardDemo } from './demo-board.js';
import type { Ownership, Role, SchoolLevel } from '../../../contracts/common.js';

/**
 * Demo data for a newcomer: a few hundred schools (data/demo/schools.json), demo area flags
 * (data/demo/area-flags.csv), a demo donor, and one account per role. Loaded once, into a
 * database that has no accounts yet. No real people: accounts are named after their roles.
 */

export const DEMO_PASSWORD = 'KetNoi@2026';

export interface DemoSchool {
  code: string; name: string; levels: SchoolLevel[]; ownership: Ownership; address: string | null;
  provinceCode: string; communeCode: string; lat: number | null; lng: number | null; pupils: number | null; staff: number | null; clusterKey?: string | null;
}

/** The commune People's Committee with a demo officer: Sín Thầu (Điện Biên), a border commune with preschools. */
export const DEMO_COMMUNE_COMMITTEE = 'ubnd-03158';

/** The demo accounts, listed in the README. */
export const DEMO_ACCOUNTS: { email: string; displayName: string; role: Role; org: { code?: string; schoolCode?: string } }[] = [
  { email: 'quantri@ketnoi.demo', displayName: 'Quản trị hệ thống', role: 'admin', org: { code: 'bgddt' } },
  { email: 'dieuphoi@ketnoi.demo', displayName: 'Điều phối viên Ban điều phối (Vụ GDTC)', role: 'ministry', org: { code: 'vu-gdtc' } },
  { email: 'thamdinh@ketnoi.demo', displayName: 'Chuyên viên Ban Quản lý các dự án (thẩm định nhà tài trợ)', role: 'ministry', org: { code: 'ban-qlcda' } },
  { email: 'vu.gdcthssv@ketnoi.demo', displayName: 'Chuyên viên Vụ GDCTHSSV', role: 'ministry', org: { code: 'vu-gdcthssv' } },
  { email: 'so.hanoi@ketnoi.demo', displayName: 'Chuyên viên Phòng CTTT&CTHSSV, Sở GDĐT Hà Nội', role: 'department', org: { code: 'so-01' } },
  { email: 'so.dienbien@ketnoi.demo', displayName: 'Chuyên viên Sở GDĐT Điện Biên', role: 'department', org: { code: 'so-11' } },
  { email: 'so.laichau@ketnoi.demo', displayName: 'Chuyên viên Sở GDĐT Lai Châu', role: 'department', org: { code: 'so-12' } },
  { email: 'so.sonla@ketnoi.demo', displayName: 'Chuyên viên Sở GDĐT Sơn La', role: 'department', org: { code: 'so-14' } },
  { email: 'truong.dienbien@ketnoi.demo', displayName: 'Hiệu trưởng (trường mẫu, Điện Biên)', role: 'school', org: { schoolCode: 'first-border-11' } },
  { email: 'truong.hanoi@ketnoi.demo', displayName: 'Hiệu trưởng (trường THPT mẫu, Hà Nội)', role: 'school', org: { schoolCode: 'first-thpt-01' } },
  { email: 'nhataitro@ketnoi.demo', displayName: 'Cán bộ phụ trách tài trợ (doanh nghiệp mẫu)', role: 'donor', org: { code: 'demo-donor-1' } },
  // the units the seed plans name beyond the Ministry, Departments and schools
  { email: 'xa.sinthau@ketnoi.demo', displayName: 'Cán bộ Văn hóa - Xã hội, UBND xã Sín Thầu (Điện Biên)', role: 'commune', org: { code: DEMO_COMMUNE_COMMITTEE } },
  { email: 'daotao.dhsphn@ketnoi.demo', displayName: 'Chuyên viên Phòng Đào tạo, Trường ĐHSP Hà Nội', role: 'unit', org: { code: 'dhsp-ha-noi' } },
  { email: 'phong.gdmn.hanoi@ketnoi.demo', displayName: 'Chuyên viên Phòng Giáo dục Mầm non, Sở GDĐT Hà Nội', role: 'unit', org: { code: 'so-01-phong-gdmn' } },
  { email: 'clb.mamnon.hanoi@ketnoi.demo', displayName: 'Thư ký Câu lạc bộ CBQL Mầm non Hà Nội', role: 'unit', org: { code: 'so-01-clb-mam-non' } },
  { email: 'cum1.hanoi@ketnoi.demo', displayName: 'Thư ký Cụm trường THPT số 1 (Hà Nội)', role: 'unit', org: { code: 'cum-thpt-01' } },
  { email: 'vu.tdkt@ketnoi.demo', displayName: 'Chuyên viên Vụ Thi đua - Khen thưởng', role: 'ministry', org: { code: 'vu-tdkt' } },
  { email: 'thuky.bandieuphoi@ketnoi.demo', displayName: 'Chuyên viên Tổ thư ký Ban điều phối', role: 'unit', org: { code: 'to-thu-ky-kh29' } },
  // a lower-secondary school of Điện Biên: the schools the digital-transformation and safe-school assessments are for
  { email: 'truong.thcs.dienbien@ketnoi.demo', displayName: 'Hiệu trưởng (trường THCS mẫu, Điện Biên)', role: 'school', org: { schoolCode: 'first-thcs-11' } },
  // school social work: a counsellor of each demo school, and the staff of a provincial social-work centre
  { email: 'tuvan.dienbien@ketnoi.demo', displayName: 'Cán bộ tư vấn học đường (trường mẫu, Điện Biên)', role: 'counsellor', org: { schoolCode: 'first-border-11' } },
  { email: 'tuvan.hanoi@ketnoi.demo', displayName: 'Cán bộ tư vấn học đường (trường THPT mẫu, Hà Nội)', role: 'counsellor', org: { schoolCode: 'first-thpt-01' } },
  { email: 'ctxh.dienbien@ketnoi.demo', displayName: 'Cán bộ Trung tâm Công tác xã hội tỉnh Điện Biên (mẫu)', role: 'provider', org: { code: DEMO_PROVIDER_ORG } },
  // plan 237: Vụ KHTC gives its opinion on startup models' budgets; Vụ GDTX leads the "02 lớp" training task
  { email: 'vu.khtc@ketnoi.demo', displayName: 'Chuyên viên Vụ Kế hoạch - Tài chính', role: 'ministry', org: { code: 'vu-khtc' } },
  { email: 'vu.gdtx@ketnoi.demo', displayName: 'Chuyên viên Vụ Giáo dục thường xuyên', role: 'ministry', org: { code: 'vu-gdtx' } },
];

/** `scryptN`: the cost of the demo accounts' hashes (the test database uses a cheaper one; sign-in redoes it with the app's). */
export async function loadDemoData(db: Db, opts: { scryptN?: number } = {}): Promise<{ loaded: boolean; schools: number; accounts: number }> {
  const has = await db.one<{ n: number }>('SELECT count(*) AS n FROM app_user');
  if (Number(has.n) > 0) return { loaded: false, schools: 0, accounts: 0 };
  const schools = fs.existsSync(dataPath('demo', 'schools.json')) ? readJsonData<DemoSchool[]>('demo', 'schools.json') : [];
  // each account its own salt
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD, opts.scryptN)));
  await db.tx(async (t) => {
    const flagsFile = dataPath('demo', 'area-flags.csv');
    if (fs.existsSync(flagsFile)) {
      const sheet = readCsv(fs.readFileSync(flagsFile, 'utf8'));
      const rows = sheet.rows.map((r) => ({ code: r.values[0], flags: parseFlags(r.values[1] ?? '').flags }));
      await t.query(
        `UPDATE area a SET flags = r.flags FROM jsonb_to_recordset($1::jsonb) AS r(code text, flags text[]) WHERE a.era = 'current' AND a.code = r.code`,
        [JSON.stringify(rows)],
      );
    }
    const clusters = new Map((await t.query<{ id: string; code: string }>(`SELECT id, code FROM organisation WHERE kind = 'cluster'`)).map((c) => [c.code, c.id]));
    const writes: SchoolWrite[] = schools.map((s) => ({
      id: crypto.randomUUID(), code: s.code, name: s.name, levels: s.levels, ownership: s.ownership, address: s.address,
      province_code: s.provinceCode, commune_code: s.communeCode, lat: s.lat, lng: s.lng, pupils: s.pupils, staff: s.staff,
      cluster_id: s.clusterKey ? clusters.get(s.clusterKey) ?? null : null,
      search: fold([s.code, s.name, s.address].filter(Boolean).join(' ')), org_search: fold(s.name + ' ' + s.code),
    }));
    await saveSchools(t, writes);

    const donor = await t.one<{ id: string }>(
      `INSERT INTO organisation (code, kind, name, short_name, province_code, search) VALUES ('demo-donor-1', 'donor', $1, $2, '01', $3)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      ['Công ty Cổ phần Ví Dụ (nhà tài trợ mẫu)', 'Công ty Ví Dụ', fold('Công ty Cổ phần Ví Dụ nhà tài trợ mẫu')],
    );
    // the demo donor has been vetted, so it can pledge at once
    await t.query(
      `INSERT INTO donor_profile (organisation_id, donor_type, description, vetting_status, vetted_at) VALUES ($1, 'bank', $2, 'approved', now()) ON CONFLICT DO NOTHING`,
      [donor.id, 'Nhà tài trợ mẫu để dùng thử: một ngân hàng thương mại ở Hà Nội.'],
    );

    // each Hanoi high-school cluster's lead school: the first of its schools by code
    await t.query(
      `INSERT INTO cluster_lead (cluster_id, school_id)
       SELECT DISTINCT ON (cluster_id) cluster_id, organisation_id FROM school WHERE cluster_id IS NOT NULL ORDER BY cluster_id, code
       ON CONFLICT DO NOTHING`,
    );
    await loadProviderOrganisation(t);
    // the demo school accounts go to a school in a border commune of Điện Biên and a Hanoi high school
    const firstBorder = await t.maybeOne<{ id: string }>(
      `SELECT s.organisation_id AS id FROM school s JOIN area c ON c.era = 'current' AND c.code = s.commune_code
        WHERE s.province_code = '11' ORDER BY ('border' = ANY(c.flags)) DESC, s.code LIMIT 1`,
    );
    const firstThpt = await t.maybeOne<{ id: string }>(`SELECT organisation_id AS id FROM school WHERE province_code = '01' AND 'thpt' = ANY(levels) ORDER BY code LIMIT 1`);
    const firstThcs = await t.maybeOne<{ id: string }>(`SELECT organisation_id AS id FROM school WHERE province_code = '11' AND levels = ARRAY['thcs']::text[] ORDER BY code LIMIT 1`);
    const orgIds = new Map((await t.query<{ id: string; code: string }>(`SELECT id, code FROM organisation WHERE code = ANY($1::text[])`, [DEMO_ACCOUNTS.map((a) => a.org.code).filter(Boolean)])).map((o) => [o.code, o.id]));
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      const orgId = a.org.code ? orgIds.get(a.org.code) : a.org.schoolCode === 'first-border-11' ? firstBorder?.id : a.org.schoolCode === 'first-thcs-11' ? firstThcs?.id : firstThpt?.id;
      if (!orgId) continue;
      await t.query(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4, $5)`, [a.email, a.displayName, hashes[i], a.role, orgId]);
    }
  });
  await db.tx((t) => loadDemoActivity(t));
  await db.tx((t) => loadCommuneDemo(t));
  await db.tx((t) => loadSponsorshipDemo(t));
  await loadAssessmentDemo(db);
  await db.tx((t) => loadCasesDemo(t));
  await db.tx((t) => loadDemoRecords(t));
  await db.tx((t) => loadRecognitionDemo(t));
  await db.tx((t) => loadBoardDemo(t));
  const accounts = await db.one<{ n: number }>('SELECT count(*) AS n FROM app_user');
  return { loaded: true, schools: schools.length, accounts: Number(accounts.n) };
}
