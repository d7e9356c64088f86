import type { Db } from '../platform/db.js';
import { fold } from '../platform/text.js';
import { urgentDue } from '../modules/cases/working-time.js';
import { caseReference } from '../modules/cases/domain.js';
import { PROVIDER_KIND_LABELS, SERVICE_LABELS } from '../modules/providers/domain.js';
import type { ProviderKind, ProviderService } from '../../../contracts/providers.js';

/**
 * School social work in the demo: a provincial social-work centre with a staff account (it
 * receives referrals online), the providers of each demo province named by role and agency only,
 * the national hotline 111 (a real public service), and support cases of the demo Điện Biên
 * school at every step, with pupils named "Học sinh A", "Học sinh B"… and no realistic detail.
 */

/** The demo provider organisation whose staff account receives referrals. */
export const DEMO_PROVIDER_ORG = 'demo-ttctxh-11';

/** Called inside the demo transaction before accounts are made: the provider organisation. */
export async function loadProviderOrganisation(db: Db): Promise<void> {
  const name = 'Trung tâm Công tác xã hội tỉnh Điện Biên (cơ sở mẫu)';
  await db.query(
    `INSERT INTO organisation (code, kind, name, short_name, province_code, search) VALUES ($1, 'provider', $2, $3, '11', $4) ON CONFLICT (code) DO NOTHING`,
    [DEMO_PROVIDER_ORG, name, 'TT CTXH Điện Biên (mẫu)', fold(name)],
  );
}

interface DemoProvider { kind: ProviderKind; name: string; province: string | null; services: ProviderService[]; channels: string[]; hours: string; phone?: string; focalRole: string; org?: 'centre' | 'school'; communes?: string[]; at?: [number, number] }

const PROVINCES: Record<string, string> = { '01': 'Hà Nội', '11': 'Điện Biên', '12': 'Lai Châu', '14': 'Sơn La' };
/** The provincial towns (lat, lng, rounded to a town's centre): demo providers sit near them on the map, a little apart. */
const TOWNS: Record<string, [number, number]> = { '01': [21.028, 105.834], '11': [21.386, 103.017], '12': [22.396, 103.458], '14': [21.327, 103.914] };
const near = (code: string, dLat: number, dLng: number): [number, number] => [TOWNS[code][0] + dLat, TOWNS[code][1] + dLng];

function providers(demoCommune: string | null): DemoProvider[] {
  const list: DemoProvider[] = [
    { kind: 'hotline', name: 'Tổng đài điện thoại quốc gia bảo vệ trẻ em 111', province: null, services: ['hotline_guidance', 'emergency_protection', 'counselling'], channels: ['phone'], hours: '24/7, miễn phí', phone: '111', focalRole: 'Tư vấn viên tổng đài' },
  ];
  for (const [code, p] of Object.entries(PROVINCES)) {
    list.push(
      { kind: 'social_work_centre', name: code === '11' ? 'Trung tâm Công tác xã hội tỉnh Điện Biên (cơ sở mẫu)' : `Trung tâm Công tác xã hội ${code === '01' ? 'thành phố' : 'tỉnh'} ${p} (cơ sở mẫu)`, province: code,
        services: ['emergency_protection', 'assessment', 'case_management', 'counselling', 'shelter', 'family_support', 'reintegration'], channels: code === '11' ? ['online', 'phone', 'letter'] : ['phone', 'letter'],
        hours: 'Thứ Hai–thứ Sáu, 07:30–11:30, 13:30–17:30', focalRole: 'Phòng Công tác xã hội', org: code === '11' ? 'centre' : undefined, at: near(code, 0.004, -0.006) },
      { kind: 'health_service', name: `Khoa Tâm lý lâm sàng, Bệnh viện đa khoa ${code === '01' ? 'thành phố' : 'tỉnh'} ${p} (cơ sở mẫu)`, province: code,
        services: ['assessment', 'psychological_therapy', 'health_care'], channels: ['phone', 'letter', 'in_person'], hours: 'Thứ Hai–thứ Sáu, giờ hành chính; cấp cứu 24/7', focalRole: 'Bác sĩ trưởng khoa', at: near(code, -0.005, 0.004) },
      { kind: 'ngo', name: `Tổ chức xã hội hỗ trợ trẻ em ${p} (tổ chức mẫu)`, province: code, services: ['counselling', 'legal_aid', 'education_support', 'family_support'], channels: ['phone', 'in_person'], hours: 'Thứ Hai–thứ Bảy, 08:00–17:00', focalRole: 'Cán bộ dự án' },
    );
  }
  if (demoCommune) {
    list.push(
      { kind: 'commune_police', name: 'Công an xã Sín Thầu (đơn vị mẫu)', province: '11', communes: [demoCommune], services: ['emergency_protection'], channels: ['phone', 'in_person'], hours: '24/7', focalRole: 'Cán bộ trực ban' },
      { kind: 'commune_committee', name: 'UBND xã Sín Thầu – bộ phận Văn hóa - Xã hội (đơn vị mẫu)', province: '11', communes: [demoCommune], services: ['case_management', 'family_support', 'reintegration'], channels: ['phone', 'letter', 'in_person'], hours: 'Thứ Hai–thứ Sáu, giờ hành chính', focalRole: 'Công chức Văn hóa - Xã hội' },
      { kind: 'school_team', name: 'Tổ tư vấn học đường của trường mẫu (Điện Biên)', province: '11', communes: [demoCommune], services: ['counselling', 'education_support', 'assessment'], channels: ['online', 'in_person'], hours: 'Các ngày học', focalRole: 'Tổ trưởng tổ tư vấn', org: 'school' },
    );
  }
  return list;
}

/** Cases at each step, for the demo counsellor of the Điện Biên school; with their providers. */
export async function loadCasesDemo(db: Db, now = new Date()): Promise<void> {
  const counsellor = await db.maybeOne<{ id: string; school_id: string; province_code: string; commune_code: string }>(
    `SELECT u.id, s.organisation_id AS school_id, s.province_code, s.commune_code FROM app_user u JOIN school s ON s.organisation_id = u.organisation_id
      WHERE u.role = 'counsellor' AND s.province_code = '11' ORDER BY u.email LIMIT 1`);
  const centreOrg = await db.maybeOne<{ id: string }>(`SELECT id FROM organisation WHERE code = $1`, [DEMO_PROVIDER_ORG]);
  const communeName = async (code: string) => (await db.maybeOne<{ search: string }>(`SELECT search FROM area WHERE era = 'current' AND level = 'commune' AND code = $1`, [code]))?.search ?? '';
  const ids: Record<string, string> = {};
  for (const p of providers(counsellor?.commune_code ?? null)) {
    const org = p.org === 'centre' ? centreOrg?.id ?? null : p.org === 'school' ? counsellor?.school_id ?? null : null;
    const search = fold([p.name, PROVIDER_KIND_LABELS[p.kind], ...p.services.map((s) => SERVICE_LABELS[s]), p.province ? `tinh ${fold(PROVINCES[p.province])}` : '', ...(await Promise.all((p.communes ?? []).map(communeName)))].join(' '));
    const r = await db.one<{ id: string }>(
      `INSERT INTO service_provider (kind, name, organisation_id, province_code, commune_codes, services, channels, hours, phone, focal_role, search, lat, lng)
       VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7::text[], $8, $9, $10, $11, $12, $13) RETURNING id`,
      [p.kind, p.name, org, p.province, p.communes ?? [], p.services, p.channels, p.hours, p.phone ?? null, p.focalRole, search, p.at?.[0] ?? null, p.at?.[1] ?? null]);
    ids[`${p.kind}:${p.province ?? ''}`] = r.id;
  }
  if (!counsellor) return;
  const hours = (h: number) => new Date(now.getTime() - h * 3600_000);
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(now));
  const cases: { pupil: string; cls: string; category: string; risk: string; source: string; path: string[]; reportedHoursAgo: number; outcome?: string; referral?: { to: string; state: string; online: boolean } }[] = [
    { pupil: 'Học sinh A', cls: 'Lớp 6A', category: 'dropout_risk', risk: 'medium', source: 'teacher', path: ['screening'], reportedHoursAgo: 20 },
    { pupil: 'Học sinh B', cls: 'Lớp 7B', category: 'violence', risk: 'high', source: 'peer', path: ['screening', 'assessment'], reportedHoursAgo: 3 },
    { pupil: 'Học sinh C', cls: 'Lớp 8A', category: 'psychological', risk: 'medium', source: 'self', path: ['screening', 'assessment', 'plan'], reportedHoursAgo: 24 * 10 },
    { pupil: 'Học sinh D', cls: 'Lớp 6B', category: 'bullying', risk: 'low', source: 'parent', path: ['screening', 'assessment', 'plan', 'intervention'], reportedHoursAgo: 24 * 20 },
    { pupil: 'Học sinh E', cls: 'Lớp 9A', category: 'abuse', risk: 'high', source: 'hotline', path: ['screening', 'assessment', 'referral'], reportedHoursAgo: 24 * 5, referral: { to: 'social_work_centre:11', state: 'accepted', online: true } },
    { pupil: 'Học sinh G', cls: 'Lớp 7A', category: 'family_hardship', risk: 'medium', source: 'screening', path: ['screening', 'assessment', 'plan', 'intervention', 'follow_up'], reportedHoursAgo: 24 * 40, referral: { to: 'commune_committee:11', state: 'reported', online: false } },
    { pupil: 'Học sinh H', cls: 'Lớp 8B', category: 'online_bullying', risk: 'low', source: 'teacher', path: ['screening', 'assessment', 'plan', 'intervention', 'follow_up', 'closed'], reportedHoursAgo: 24 * 90, outcome: 'resolved' },
  ];
  for (const [i, c] of cases.entries()) {
    const reportedAt = hours(c.reportedHoursAgo);
    const urgent = c.category === 'abuse' || c.category === 'violence';
    const step = c.path[c.path.length - 1];
    const stepAt = (n: number) => new Date(reportedAt.getTime() + n * Math.min(2, c.reportedHoursAgo / (c.path.length + 1)) * 3600_000);
    const closedAt = step === 'closed' ? stepAt(c.path.length - 1) : null;
    const row = await db.one<{ id: string }>(
      `INSERT INTO support_case (school_id, province_code, commune_code, reference, category, risk, source, step, urgent, reported_at, due_at, first_action_at, outcome, closed_at, initial_assessment, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz, $11::timestamptz, $12::timestamptz, $13, $14::timestamptz, $15, $16, $10::timestamptz) RETURNING id`,
      [counsellor.school_id, counsellor.province_code, counsellor.commune_code, caseReference(year, i + 1), c.category, c.risk, c.source, step, urgent, reportedAt.toISOString(),
        urgent ? urgentDue(reportedAt).toISOString() : null, c.path.length > 1 ? stepAt(1).toISOString() : null, c.outcome ?? null, closedAt?.toISOString() ?? null,
        c.path.length > 1 ? 'Đánh giá ban đầu (dữ liệu mẫu): cần theo dõi và hỗ trợ theo kế hoạch của tổ tư vấn.' : null, counsellor.id]);
    await db.query(`INSERT INTO case_pupil (case_id, full_name, class_name) VALUES ($1, $2, $3)`, [row.id, c.pupil, c.cls]);
    await db.query(`INSERT INTO case_assignment (case_id, user_id, lead, assigned_by, assigned_at) VALUES ($1, $2, true, $2, $3::timestamptz)`, [row.id, counsellor.id, reportedAt.toISOString()]);
    for (const [n, s] of c.path.entries()) {
      await db.query(`INSERT INTO case_step_event (case_id, from_step, to_step, actor_id, at) VALUES ($1, $2, $3, $4, $5::timestamptz)`, [row.id, n ? c.path[n - 1] : null, s, counsellor.id, stepAt(n).toISOString()]);
    }
    if (c.path.includes('plan')) {
      await db.query(`INSERT INTO case_entry (case_id, kind, plan, pupil_participated, parent_participated, author_id, created_at) VALUES ($1, 'plan', $2::jsonb, true, true, $3, $4::timestamptz)`,
        [row.id, JSON.stringify({ goals: 'Học sinh đi học đều và cảm thấy an toàn ở trường (mục tiêu mẫu).', actions: [{ what: 'Gặp riêng học sinh mỗi tuần', who: 'Cán bộ tư vấn', when: 'Hằng tuần' }, { what: 'Trao đổi với cha mẹ', who: 'Giáo viên chủ nhiệm', when: 'Hai tuần một lần' }] }), counsellor.id, stepAt(2).toISOString()]);
    }
    if (c.referral) {
      const providerId = ids[c.referral.to];
      const sentAt = stepAt(c.path.indexOf('referral') >= 0 ? c.path.indexOf('referral') : 3);
      await db.query(
        `INSERT INTO case_referral (case_id, provider_id, provider_org_id, state, shared_fields, shared_summary, legal_basis, pupil_consent, parent_consent, consent_note, channel, sent_at, sent_by, decided_at, report, reported_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12::timestamptz, $13, $12::timestamptz + interval '1 hour', $14, $15::timestamptz, $12::timestamptz)`,
        [row.id, providerId, c.referral.online ? centreOrg?.id ?? null : null, c.referral.state, c.referral.online ? ['identity', 'category'] : ['category'],
          'Tóm tắt chuyển gửi (dữ liệu mẫu): học sinh cần được đánh giá và hỗ trợ chuyên sâu.', c.referral.online ? 'vital_interest' : 'consent', !c.referral.online, !c.referral.online,
          c.referral.online ? 'Bảo vệ khẩn cấp theo Luật Trẻ em 2016 (dữ liệu mẫu)' : null, c.referral.online ? 'online' : 'phone', sentAt.toISOString(), counsellor.id,
          c.referral.state === 'reported' ? 'Đã làm việc với gia đình; tiếp tục theo dõi (phản hồi mẫu).' : null, c.referral.state === 'reported' ? new Date(sentAt.getTime() + 48 * 3600_000).toISOString() : null]);
      await db.query(`UPDATE support_case SET first_referral_at = $2::timestamptz WHERE id = $1`, [row.id, sentAt.toISOString()]);
    }
  }
}
