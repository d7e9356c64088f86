import type { Db } from '../platform/db.js';
import type { Actor } from '../platform/actor.js';
import { fixedClock } from '../platform/clock.js';
import type { FrameworkDefinition } from '../../../contracts/assessments.js';
import { answerable } from '../modules/assessments/domain.js';
import * as assessments from '../modules/assessments/service.js';

/**
 * Assessments for the demo provinces, through the module's own use cases (so scores, history and
 * audit are what the app would have written): a 2026 digital-transformation campaign (Quyết định
 * 4725: self-assessment before 31/5, review and publication by 20/6) that is published, and a
 * 2026 safe-school campaign (Thông tư 18/2023) under way, with assessments at every stage; the
 * same digital-transformation framework's 2025 campaign, published, so that the public page
 * compares the years. Schools with a demo account keep theirs untouched, for the newcomer to fill.
 */
const PROVINCES = ['11', '12', '14'] as const;
/** How many schools of each province act (the rest have not started: the completeness view shows them). */
const ACTING = 14;

/** A deterministic spread of answers: school `n` answers a share of the indicators, better or worse. */
function answersFor(def: FrameworkDefinition, n: number): { code: string; value: boolean | number | string }[] {
  const strength = [0.95, 0.85, 0.7, 0.55, 0.4][n % 5]!;
  return answerable(def).flatMap((i, k): { code: string; value: boolean | number | string }[] => {
    const yes = ((n * 7 + k * 13) % 100) / 100 < strength || (i.mandatory && n % 6 !== 5);
    switch (i.type) {
      case 'yes_no': return [{ code: i.code, value: yes }];
      case 'percentage': return [{ code: i.code, value: Math.round(strength * 100 - ((k * 11) % 25)) }];
      case 'number': return [{ code: i.code, value: 20 + ((n * 17 + k) % 80) }];
      case 'choice': {
        const opts = i.scoring.kind === 'choice' ? i.scoring.options : [];
        return opts.length ? [{ code: i.code, value: opts[Math.min(opts.length - 1, Math.floor(strength * opts.length))]!.value }] : [];
      }
      case 'text': return [{ code: i.code, value: 'Nhà trường đã rà soát và lập kế hoạch cải tiến cho năm học sau.' }];
      default: return [];
    }
  });
}

type Stage = 'draft' | 'submitted' | 'returned' | 'approved' | 'untouched';
const DIGITAL_STAGES: Stage[] = ['approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'submitted', 'returned', 'draft', 'untouched'];
/** The year before: most results approved and published, schools a little weaker (the strengths shift). */
const DIGITAL_2025_STAGES: Stage[] = ['approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'approved', 'untouched'];
const SAFE_STAGES: Stage[] = ['approved', 'approved', 'submitted', 'submitted', 'returned', 'draft', 'draft', 'untouched'];

export async function loadAssessmentDemo(db: Db): Promise<void> {
  const versions = await db.query<{ id: string; key: string }>(
    `SELECT DISTINCT ON (f.key) v.id, f.key FROM assessment_framework_version v JOIN assessment_framework f ON f.id = v.framework_id WHERE v.state = 'published' ORDER BY f.key, v.version DESC`);
  const version = (key: string) => versions.find((v) => v.key === key)?.id;
  const digital = version('cds-truong-4725');
  const safe = version('truong-an-toan-tt18');
  if (!digital || !safe) return;
  for (const province of PROVINCES) {
    const officer = await db.maybeOne<{ id: string; organisation_id: string }>(
      `SELECT u.id, u.organisation_id FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE o.code = $1 AND u.role = 'department' ORDER BY u.email LIMIT 1`, [`so-${province}`]);
    if (!officer) continue;
    const dept: Actor = { userId: officer.id, role: 'department', label: 'Sở GDĐT (dữ liệu mẫu)', organisationId: officer.organisation_id, organisationKind: 'department', provinceCode: province, communeCode: null };
    // the year before first (the newer campaign is listed first by the publication date)
    await campaign(db, dept, {
      versionId: digital, year: 2025, title: 'Đánh giá mức độ chuyển đổi số của trường phổ thông năm 2025', window: { opensOn: '2025-04-01', selfDueOn: '2025-05-31', reviewDueOn: '2025-06-20', publishOn: '2025-06-20' },
      opened: '2025-04-01T02:00:00Z', answered: '2025-05-20T03:00:00Z', reviewed: '2025-06-10T03:00:00Z', stages: DIGITAL_2025_STAGES, weaker: 2,
    });
    await campaign(db, dept, {
      versionId: digital, year: 2026, title: 'Đánh giá mức độ chuyển đổi số của trường phổ thông năm 2026', window: { opensOn: '2026-04-01', selfDueOn: '2026-05-31', reviewDueOn: '2026-06-20', publishOn: '2026-06-20' },
      opened: '2026-04-01T02:00:00Z', answered: '2026-05-20T03:00:00Z', reviewed: '2026-06-10T03:00:00Z', stages: DIGITAL_STAGES,
    });
    await campaign(db, dept, {
      versionId: safe, year: 2026, title: 'Tự đánh giá trường học an toàn, phòng, chống tai nạn thương tích năm học 2026-2027',
      window: { opensOn: '2026-09-15', selfDueOn: '2026-12-15', reviewDueOn: '2027-01-15', publishOn: '2027-01-31' },
      opened: '2026-09-15T02:00:00Z', answered: '2026-10-20T03:00:00Z', reviewed: '2026-11-10T03:00:00Z', stages: SAFE_STAGES,
    });
  }
}

async function campaign(db: Db, dept: Actor, c: {
  versionId: string; year: number; title: string; window: { opensOn: string; selfDueOn: string; reviewDueOn: string; publishOn: string }; opened: string; answered: string; reviewed: string; stages: Stage[];
  /** shifts which spread of answers each school gives (another year, other answers) */ weaker?: number;
}) {
  const clock = fixedClock(c.opened);
  const opened = await assessments.openCampaign(db, dept, clock, {
    versionId: c.versionId, year: c.year, title: c.title, provinceCode: dept.provinceCode, kinds: ['school'], schoolLevels: [], ...c.window,
  });
  const rows = await db.query<{ id: string; organisation_id: string }>(
    `SELECT a.id, a.organisation_id FROM assessment a JOIN school s ON s.organisation_id = a.organisation_id
      WHERE a.campaign_id = $1 AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.organisation_id = a.organisation_id) ORDER BY s.code LIMIT $2`, [opened.id, ACTING]);
  for (const [n, r] of rows.entries()) {
    const stage = c.stages[n % c.stages.length]!;
    if (stage === 'untouched') continue;
    const school: Actor = { userId: null, role: 'school', label: 'Trường (dữ liệu mẫu)', organisationId: r.organisation_id, organisationKind: 'school', provinceCode: dept.provinceCode, communeCode: null };
    // the school's own use cases check its account; the demo acts for it with a signed-in actor of its organisation
    const actor: Actor = { ...school, userId: dept.userId };
    clock.set(c.answered);
    const def = (await assessments.getAssessment(db, dept, clock, r.id)).framework;
    await assessments.saveAnswers(db, actor, clock, r.id, { answers: answersFor(def, n + (c.weaker ?? 0)) });
    if (stage === 'draft') continue;
    await assessments.transition(db, actor, clock, r.id, 'submit', null);
    if (stage === 'submitted') continue;
    clock.set(c.reviewed);
    const first = answerable(def).find((i) => !i.mandatory && i.type !== 'text');
    if (stage === 'returned') {
      await assessments.review(db, dept, clock, r.id, { items: [{ code: first!.code, reviewedPoints: null, comment: 'Minh chứng chưa thể hiện nội dung này; đề nghị bổ sung.' }] });
      await assessments.transition(db, dept, clock, r.id, 'return', `Bổ sung minh chứng cho chỉ số ${first!.code}`);
      continue;
    }
    if (n % 3 === 0 && first) await assessments.review(db, dept, clock, r.id, { items: [{ code: first.code, reviewedPoints: 0, comment: 'Chưa có minh chứng phù hợp; không tính điểm.' }] });
    await assessments.transition(db, dept, clock, r.id, 'approve', null);
  }
  // the schools' own steps were taken for them: the history names no officer for them
  await db.query(`UPDATE assessment_event e SET actor_id = NULL FROM assessment a WHERE a.id = e.assessment_id AND a.campaign_id = $1 AND e.action = 'submit'`, [opened.id]);
}
