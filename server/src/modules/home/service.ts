import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { vnDate } from '../../platform/clock.js';
import { authorize } from '../../platform/policy.js';
import { HOME_COUNTS, type Home, type HomeCount, type HomeCountKey, type HomeItem, type HomeSection } from '../../../../contracts/home.js';
import { NEED_STATES } from '../../../../contracts/needs.js';
import { COMMUNE_LEVELS } from '../../../../contracts/common.js';
import { unitTasks } from '../plans/service.js';
import { plansAwaitingApproval } from '../sponsorship/service.js';
import { complianceSchoolYear } from '../twinning/domain.js';
import { VETTING_UNITS } from '../donors/policy.js';
import { homeSections as caseHomeSections } from '../cases/service.js';
import { homeKind, homePolicy } from './policy.js';
import * as repo from './repository.js';

/** How many lines a section's short list shows. */
export const TOP = 5;

const n = (v: unknown) => Number(v ?? 0);
const count = (key: HomeCountKey, value: unknown, href: string | null): HomeCount => ({ key, count: n(value), href });
const items = (rows: repo.ItemRow[], href: (r: repo.ItemRow) => string | null): HomeItem[] =>
  rows.map((r) => ({ id: r.id, title: r.title, detail: r.detail, date: r.date, href: href(r), step: (r.step as HomeItem['step']) ?? null }));

/** The unit's tasks (the plans' own derivation, as its list shows them): how many it leads, how many overdue, the overdue first. */
async function tasksSection(db: Db, actor: Actor, today: string, key: 'tasks' | 'reports'): Promise<HomeSection> {
  const tasks = await unitTasks(db, actor, undefined, 'lead', today);
  const overdue = tasks.filter((t) => t.status === 'overdue');
  return {
    key,
    counts: [count('tasks', tasks.length, '/nhiem-vu'), count('tasks_overdue', overdue.length, '/nhiem-vu?trang-thai=overdue')],
    items: overdue.slice(0, TOP).map((t) => ({ id: t.id, title: `${t.planNumber} – ${t.number}`, detail: t.content.length > 140 ? `${t.content.slice(0, 140)}…` : t.content, date: null, href: `/nhiem-vu/${t.id}`, step: 'overdue' as const })),
  };
}

/**
 * Sponsorship plans waiting for the account's approval (a commune's, or a Department's for its
 * province), the longest waiting first: the count is the total of the list it links to.
 */
async function plansSection(db: Db, actor: Actor, clock: Clock): Promise<HomeSection> {
  const waiting = await plansAwaitingApproval(db, actor, clock, TOP);
  return {
    key: 'sponsorship',
    counts: [count('plans_to_approve', waiting.total, '/ke-hoach-tai-tro?trang-thai=submitted')],
    items: waiting.items.map((p) => ({ id: p.id, title: p.title, detail: p.schoolName, date: p.dueOn, href: `/ke-hoach-tai-tro/${p.id}`, step: p.overdue ? ('overdue' as const) : null })),
  };
}

/** What is waiting for the account, by its role and within its scope. */
export async function home(db: Db, actor: Actor, clock: Clock): Promise<Home> {
  authorize(homePolicy, 'read', actor, null);
  const today = vnDate(clock.now());
  const year = Number(today.slice(0, 4));
  // a pair is idle without an activity in the school year twinning's compliance checks this year
  const schoolYear = complianceSchoolYear(year, today);
  const org = actor.organisationId;
  switch (homeKind(actor)) {
    case 'school': {
      const [c, receipts, pairs, tasks, cases] = await Promise.all([
        repo.schoolCounts(db, org!), repo.receiptsToConfirm(db, org!, TOP), repo.pairSteps(db, org!, schoolYear, TOP), tasksSection(db, actor, today, 'tasks'),
        // the school's support cases: that they exist and their deadlines, never their content (cases/service.ts)
        caseHomeSections(db, actor, clock, TOP),
      ]);
      const byState = c?.needs ?? {};
      return {
        organisation: { id: org!, name: c?.name ?? '', href: `/truong-hoc/${org}` },
        sections: [
          { key: 'needs', counts: NEED_STATES.filter((s) => (HOME_COUNTS as readonly string[]).includes(`need_${s}`)).map((s) => count(`need_${s}` as HomeCountKey, byState[s], `/nhu-cau/cua-toi?trang-thai=${s}`)), items: [] },
          { key: 'receipts', counts: [count('to_confirm', c?.to_confirm, '/dong-gop?trang-thai=delivered')], items: items(receipts, (r) => `/dong-gop/${r.id}`) },
          { key: 'twinning', counts: [count('pairs', c?.pairs, `/ket-nghia?truong=${org}`), count('activities_to_confirm', c?.activities_to_confirm, null)], items: items(pairs, (r) => `/ket-nghia/${r.id}`) },
          tasks,
          { key: 'assessments', counts: [count('surveys', c?.surveys, `/truong-hoc/${org}`)], items: c?.last_survey ? [{ id: 'survey', title: c.last_survey, detail: null, date: null, href: `/truong-hoc/${org}`, step: null }] : [] },
          ...cases,
        ],
      };
    }
    case 'department': {
      const p = actor.provinceCode!;
      const [c, queue, verified, receipts, reports, plans] = await Promise.all([
        repo.departmentCounts(db, p, schoolYear), repo.waitingNeeds(db, p, 'submitted', TOP), repo.waitingNeeds(db, p, 'verified', TOP), repo.receiptsToAccept(db, p, TOP),
        tasksSection(db, actor, today, 'reports'), plansSection(db, actor, clock),
      ]);
      return {
        organisation: null,
        sections: [
          { key: 'queue', counts: [count('to_verify', c?.to_verify, '/nhu-cau/cho-xac-minh')], items: items(queue, (r) => `/nhu-cau/${r.id}`) },
          { key: 'verified', counts: [count('verified_unpublished', c?.verified_unpublished, '/nhu-cau/cua-toi?trang-thai=verified')], items: items(verified, (r) => `/nhu-cau/${r.id}`) },
          { key: 'acceptance', counts: [count('to_accept', c?.to_accept, '/dong-gop?trang-thai=received')], items: items(receipts, (r) => `/dong-gop/${r.id}`) },
          { key: 'idlePairs', counts: [count('idle_pairs', c?.idle_pairs, `/ket-nghia?tinh=${p}&trang-thai=active&chua-hoat-dong=1&nam=${year}`)], items: [] },
          reports,
          plans,
        ],
      };
    }
    case 'commune': {
      // the commune verifies its preschools', primary and lower-secondary schools' needs first
      const [queue, tasks, plans] = await Promise.all([
        actor.provinceCode && actor.communeCode ? repo.communeQueue(db, actor.provinceCode, actor.communeCode, COMMUNE_LEVELS, TOP) : Promise.resolve([]),
        tasksSection(db, actor, today, 'tasks'),
        actor.provinceCode && actor.communeCode ? plansSection(db, actor, clock) : Promise.resolve(null),
      ]);
      return {
        organisation: null,
        sections: [
          { key: 'queue', counts: [count('to_verify', queue[0]?.total ?? 0, '/nhu-cau/cho-xac-minh')], items: items(queue, (r) => `/nhu-cau/${r.id}`) }, tasks,
          ...(plans ? [plans] : []),
        ],
      };
    }
    case 'unit':
      // a unit's staff post progress on the tasks their organisation leads
      return { organisation: null, sections: [await tasksSection(db, actor, today, 'tasks')] };
    case 'donor': {
      const c = await repo.donorCounts(db, org!);
      const province = c?.province_code ?? null;
      const [pledges, near] = await Promise.all([repo.pledgesToDeliver(db, org!, TOP), repo.needsNear(db, province, TOP)]);
      return {
        organisation: null,
        sections: [
          { key: 'pledges', counts: [count('to_deliver', c?.to_deliver, '/dong-gop?trang-thai=pledged')], items: items(pledges, (r) => `/dong-gop/${r.id}`) },
          { key: 'nearby', counts: [count('open_near', c?.open_near, province ? `/nhu-cau?tinh=${province}&mo=1` : '/nhu-cau?mo=1')], items: items(near, (r) => `/nhu-cau/${r.id}`) },
        ],
      };
    }
    case 'ministry': {
      const since = vnDate(new Date(clock.now().getTime() - 30 * 86_400_000));
      const [tasks, reports, vetting] = await Promise.all([tasksSection(db, actor, today, 'tasks'), repo.reportsOnPlansOf(db, org!, since, TOP), repo.vettingCounts(db, org!, VETTING_UNITS)]);
      const total = reports[0] ? n((reports[0] as { total: number }).total) : 0;
      const sections: HomeSection[] = [tasks, { key: 'reports', counts: [count('reports_recent', total, '/ke-hoach')], items: items(reports, (r) => `/nhiem-vu/${(r as unknown as { task_id: string }).task_id}`) }];
      // the vetting board (donors/policy.ts): donors awaiting vetting, the longest waiting first
      if (vetting?.board) {
        sections.unshift({ key: 'vetting', counts: [count('donors_pending', vetting.pending, '/nha-tai-tro?tham-dinh=pending')], items: items(await repo.donorsToVet(db, TOP), (r) => `/nha-tai-tro/${r.id}`) });
      }
      return { organisation: null, sections };
    }
    case 'admin': {
      const startOfDay = new Date(`${today}T00:00:00+07:00`).toISOString();
      const [c, recent] = await Promise.all([repo.adminCounts(db, startOfDay), repo.recentAudit(db, TOP)]);
      return {
        organisation: null,
        sections: [
          { key: 'accounts', counts: [count('accounts_active', c?.active, '/tai-khoan'), count('accounts_inactive', c?.inactive, '/tai-khoan')], items: [] },
          { key: 'audit', counts: [count('audit_today', c?.audit_today, null)], items: items(recent, () => null) },
        ],
      };
    }
    case 'counsellor':
    case 'provider':
      return { organisation: null, sections: await caseHomeSections(db, actor, clock, TOP) };
    default:
      return { organisation: null, sections: [] };
  }
}
