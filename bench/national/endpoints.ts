/**
 * The endpoints the web app calls for its lists, aggregates, maps, exports and reports, each as
 * the role whose page calls it, and for the heavy ones a hand-written SQL query for the same
 * figure (the yardstick of the targets: an aggregate within 1.5× of it).
 */
import type { Db } from '../../server/src/platform/db.js';

export type EndpointKind = 'list' | 'aggregate' | 'map' | 'export' | 'report' | 'page';

/** Ids the addresses need, read from the database once. */
export interface Ids {
  hanoiDept: string; dienbienDept: string; hanoiSchool: string; school: string; donor: string; planKey: string; year: number;
  /** a published assessment campaign (the demo's) */
  campaign: string;
}

export interface Endpoint {
  name: string;
  kind: EndpointKind;
  /** a demo account's e-mail, or null for the public */
  as: string | null;
  url: (ids: Ids) => string;
  /** the same figure in hand-written SQL */
  sql?: string;
}

export const MINISTRY = 'dieuphoi@ketnoi.demo';
export const ADMIN = 'quantri@ketnoi.demo';
export const HANOI_DEPT = 'so.hanoi@ketnoi.demo';
export const DIENBIEN_DEPT = 'so.dienbien@ketnoi.demo';
export const DONOR = 'nhataitro@ketnoi.demo';

const PUBLIC_NEEDS = `state IN ('published', 'accepted', 'closed')`;

/**
 * The ranking's figure by hand: the 50 contributors of the highest accepted value (money and in
 * kind) and, as the page shows, the number of provinces each gave in.
 */
const rankingSql = (when: string) => `SELECT r.contributor_id, r.total,
    (SELECT count(DISTINCT k.province_code) FROM contribution k WHERE k.contributor_id = r.contributor_id AND k.status = 'accepted' AND k.form IN ('money', 'in_kind') AND ${when.replace(/pledged_on/g, 'k.pledged_on')}) AS provinces
  FROM (SELECT contributor_id, sum(value_vnd) AS total FROM contribution WHERE status = 'accepted' AND form IN ('money', 'in_kind') AND ${when}
         GROUP BY contributor_id ORDER BY sum(value_vnd) DESC, contributor_id DESC LIMIT 50) r`;

export const ENDPOINTS: Endpoint[] = [
  // ---- public: needs, map, portal, schools, twinning
  { name: 'needs list (public, default sort)', kind: 'list', as: null, url: () => '/api/v1/needs',
    sql: `SELECT n.id, n.title, n.priority FROM need n WHERE n.${PUBLIC_NEEDS} ORDER BY (n.state <> 'published'), array_position(ARRAY['urgent','high','normal','low'], n.priority), n.published_at DESC, n.id LIMIT 30` },
  { name: 'needs list, open only', kind: 'list', as: null, url: () => '/api/v1/needs?open=true',
    sql: `SELECT n.id FROM need n WHERE n.state = 'published' AND n.quantity * GREATEST(n.estimated_cost, 1) > COALESCE((SELECT sum(COALESCE(k.quantity * n.estimated_cost, k.value_vnd::numeric * n.quantity)) FROM contribution k WHERE k.need_id = n.id AND k.status <> 'cancelled'), 0) ORDER BY array_position(ARRAY['urgent','high','normal','low'], n.priority), n.published_at DESC LIMIT 30` },
  { name: 'needs search "dien bien"', kind: 'list', as: null, url: () => '/api/v1/needs?q=dien%20bien',
    sql: `SELECT n.id FROM need n WHERE n.${PUBLIC_NEEDS} AND n.search LIKE '%dien bien%' ORDER BY n.published_at DESC LIMIT 30` },
  // a commune's name: a hundred needs at national scale, too few to fill a page walking the list
  { name: 'needs search, a commune "muong nhe"', kind: 'list', as: null, url: () => '/api/v1/needs?q=muong%20nhe',
    sql: `SELECT n.id FROM need n WHERE n.${PUBLIC_NEEDS} AND n.search_all LIKE '%muong%' AND n.search_all LIKE '%nhe%' ORDER BY n.published_at DESC LIMIT 30` },
  { name: 'needs of a province (Điện Biên)', kind: 'list', as: null, url: () => '/api/v1/needs?provinceCode=11' },
  { name: 'needs on the map', kind: 'map', as: null, url: () => '/api/v1/needs/points',
    sql: `SELECT s.lat, s.lng, count(*) FROM need n JOIN school s ON s.organisation_id = n.school_id WHERE n.${PUBLIC_NEEDS} GROUP BY s.lat, s.lng` },
  { name: 'needs on the map, open only', kind: 'map', as: null, url: () => '/api/v1/needs/points?open=true' },
  { name: 'needs on the map of a province (Điện Biên)', kind: 'map', as: null, url: () => '/api/v1/needs/points?provinceCode=11' },
  { name: 'needs on the map, Hanoi at zoom 11', kind: 'map', as: null, url: () => '/api/v1/needs/points?zoom=11&bbox=105.3,20.6,106.2,21.4' },
  { name: 'needs on the map, one category', kind: 'map', as: null, url: () => '/api/v1/needs/points?category=classroom' },
  { name: 'schools on the map', kind: 'map', as: null, url: () => '/api/v1/schools/points', sql: `SELECT organisation_id, lat, lng FROM school WHERE lat IS NOT NULL` },
  { name: 'public stats', kind: 'aggregate', as: null, url: () => '/api/v1/public/stats',
    sql: `SELECT province_code, category, status, count(*), sum(value_vnd) FROM contribution WHERE status <> 'cancelled' GROUP BY 1, 2, 3` },
  { name: 'public stats of a year', kind: 'aggregate', as: null, url: (i) => `/api/v1/public/stats?year=${i.year}`,
    sql: `SELECT province_code, category, status, count(*), sum(value_vnd) FROM contribution WHERE status <> 'cancelled' AND pledged_on >= make_date(${new Date().getUTCFullYear() - 1}, 1, 1) AND pledged_on < make_date(${new Date().getUTCFullYear()}, 1, 1) GROUP BY 1, 2, 3` },
  { name: 'public contributions (50)', kind: 'list', as: null, url: () => '/api/v1/public/contributions?limit=50',
    sql: `SELECT id, value_vnd FROM contribution WHERE status <> 'cancelled' ORDER BY pledged_on DESC, id DESC LIMIT 50` },
  { name: 'public school page', kind: 'page', as: null, url: (i) => `/api/v1/public/schools/${i.school}` },
  { name: 'public donor page', kind: 'page', as: null, url: (i) => `/api/v1/public/donors/${i.donor}` },
  { name: 'schools list', kind: 'list', as: null, url: () => '/api/v1/schools' },
  { name: 'schools search', kind: 'list', as: null, url: () => '/api/v1/schools?q=muong' },
  { name: 'twinning pairs (public)', kind: 'list', as: null, url: () => '/api/v1/twinning/pairs' },
  { name: 'twinning compliance', kind: 'aggregate', as: null, url: () => '/api/v1/twinning/compliance' },
  // ---- the Ministry
  { name: 'Ministry dashboard', kind: 'aggregate', as: MINISTRY, url: () => '/api/v1/dashboard/resources',
    sql: `SELECT n.province_code, count(DISTINCT n.id), sum(k.value_vnd) FILTER (WHERE k.status <> 'cancelled') FROM need n LEFT JOIN contribution k ON k.need_id = n.id GROUP BY 1` },
  { name: 'Ministry ledger', kind: 'list', as: MINISTRY, url: () => '/api/v1/contributions',
    sql: `SELECT id, value_vnd FROM contribution ORDER BY created_at DESC, id DESC LIMIT 50` },
  { name: 'donors list', kind: 'list', as: 'thamdinh@ketnoi.demo', url: () => '/api/v1/donors' },
  { name: 'home (Ministry)', kind: 'aggregate', as: MINISTRY, url: () => '/api/v1/home' },
  { name: 'home (donor)', kind: 'aggregate', as: DONOR, url: () => '/api/v1/home',
    sql: `SELECT count(*) FROM need n LEFT JOIN need_ledger l ON l.need_id = n.id WHERE n.state = 'published' AND COALESCE(l.pledged_quantity * n.estimated_cost + l.pledged_value_unmeasured * n.quantity, 0) < n.quantity * n.estimated_cost` },
  { name: 'plans list', kind: 'list', as: MINISTRY, url: () => '/api/v1/plans' },
  { name: 'plan tasks', kind: 'list', as: MINISTRY, url: (i) => `/api/v1/plans/${i.planKey}/tasks` },
  // the pages the web asks for (MyTasksPage.tsx): 30 overdue tasks, 100 of the unit's own
  { name: 'overdue tasks', kind: 'list', as: MINISTRY, url: () => '/api/v1/tasks/overdue?limit=30' },
  { name: 'audit log', kind: 'list', as: ADMIN, url: () => '/api/v1/audit/log',
    sql: `SELECT id, entity, action FROM audit_log ORDER BY id DESC LIMIT 50` },
  // ---- Departments
  { name: 'Department dashboard (Điện Biên)', kind: 'aggregate', as: DIENBIEN_DEPT, url: () => '/api/v1/dashboard/resources?provinceCode=11' },
  { name: 'Department queue (Điện Biên)', kind: 'list', as: DIENBIEN_DEPT, url: () => '/api/v1/needs?scope=mine&sort=waiting&status=submitted' },
  { name: 'twinning pairs (Hanoi)', kind: 'list', as: HANOI_DEPT, url: () => '/api/v1/twinning/pairs' },
  { name: 'twinning dashboard', kind: 'aggregate', as: HANOI_DEPT, url: () => '/api/v1/twinning/dashboard',
    sql: `SELECT p.status, count(DISTINCT p.id), count(a.id) FROM twinning_pair p LEFT JOIN twinning_activity a ON a.pair_id = p.id GROUP BY 1` },
  { name: 'twinning map (the dashboard\'s view)', kind: 'map', as: HANOI_DEPT, url: () => '/api/v1/twinning/map?zoom=8&bbox=101.8,20.2,106.5,23.1',
    sql: `SELECT p.id, hs.lat, hs.lng, bs.lat, bs.lng FROM twinning_pair p JOIN school hs ON hs.organisation_id = p.hanoi_school_id JOIN school bs ON bs.organisation_id = p.border_school_id WHERE p.status <> 'ended'` },
  { name: 'twinning map, Hanoi at zoom 11', kind: 'map', as: HANOI_DEPT, url: () => '/api/v1/twinning/map?zoom=11&bbox=105.6,20.9,106.0,21.2' },
  { name: 'twinning submissions', kind: 'list', as: HANOI_DEPT, url: () => '/api/v1/twinning/submissions' },
  // ---- the programme records, assessments, social work (their tables hold the demo's rows; the
  // ranking, the board's report and the budgets read the national ledger)
  { name: 'contributors ranked from the ledger', kind: 'aggregate', as: 'vu.tdkt@ketnoi.demo', url: () => '/api/v1/recognition/contributors',
    sql: rankingSql('true') },
  { name: 'contributors ranked, a year', kind: 'aggregate', as: 'vu.tdkt@ketnoi.demo', url: (i) => `/api/v1/recognition/contributors?year=${i.year}`,
    sql: rankingSql(`pledged_on >= make_date(${new Date().getUTCFullYear() - 1}, 1, 1) AND pledged_on < make_date(${new Date().getUTCFullYear()}, 1, 1)`) },
  { name: 'honour roll (public)', kind: 'list', as: null, url: () => '/api/v1/public/recognition/honour-roll' },
  { name: 'recognition lists', kind: 'list', as: 'vu.tdkt@ketnoi.demo', url: () => '/api/v1/recognition/lists' },
  { name: 'plan budget', kind: 'aggregate', as: MINISTRY, url: (i) => `/api/v1/plans/${i.planKey}/budget` },
  { name: 'coordination board yearly report .docx', kind: 'report', as: MINISTRY, url: (i) => `/api/v1/board/report?year=${i.year}` },
  { name: 'activities', kind: 'list', as: MINISTRY, url: () => '/api/v1/activities' },
  { name: 'startup proposals', kind: 'list', as: 'vu.gdcthssv@ketnoi.demo', url: () => '/api/v1/startup-proposals' },
  { name: 'agreements', kind: 'list', as: MINISTRY, url: () => '/api/v1/agreements' },
  { name: 'organisations', kind: 'list', as: ADMIN, url: () => '/api/v1/organisations' },
  { name: 'accounts', kind: 'list', as: ADMIN, url: () => '/api/v1/accounts' },
  { name: 'my tasks', kind: 'list', as: MINISTRY, url: () => '/api/v1/tasks/mine?limit=100' },
  { name: 'plan 29 programme', kind: 'aggregate', as: MINISTRY, url: () => '/api/v1/programmes/plan29' },
  { name: 'sponsorship plans', kind: 'list', as: MINISTRY, url: () => '/api/v1/sponsorship-plans' },
  { name: 'notifications', kind: 'list', as: DIENBIEN_DEPT, url: () => '/api/v1/notifications' },
  { name: 'twinning suggestions', kind: 'list', as: HANOI_DEPT, url: (i) => `/api/v1/twinning/suggestions?hanoiSchoolId=${i.hanoiSchool}` },
  { name: 'twinning calendar', kind: 'list', as: HANOI_DEPT, url: (i) => `/api/v1/twinning/calendar?year=${i.year + 1}` },
  { name: 'facility surveys on the map', kind: 'map', as: DIENBIEN_DEPT, url: () => '/api/v1/surveys/points' },
  { name: 'assessment campaigns (public)', kind: 'list', as: null, url: () => '/api/v1/public/assessment-campaigns' },
  { name: 'assessment campaign page (public)', kind: 'aggregate', as: null, url: (i) => `/api/v1/public/assessment-campaigns/${i.campaign}` },
  { name: 'assessment results, open data', kind: 'list', as: null, url: (i) => `/api/v1/public/assessment-campaigns/${i.campaign}/results` },
  { name: 'assessments to review (Điện Biên)', kind: 'list', as: DIENBIEN_DEPT, url: () => '/api/v1/assessments' },
  { name: 'assessment completeness', kind: 'aggregate', as: MINISTRY, url: (i) => `/api/v1/assessment-campaigns/${i.campaign}/completeness` },
  { name: 'service providers (public)', kind: 'list', as: null, url: () => '/api/v1/providers' },
  { name: 'support cases (counsellor)', kind: 'list', as: 'tuvan.dienbien@ketnoi.demo', url: () => '/api/v1/cases' },
  { name: 'case statistics (Điện Biên)', kind: 'aggregate', as: DIENBIEN_DEPT, url: () => '/api/v1/case-statistics' },
  // ---- reports and exports (fewer repetitions)
  { name: 'twinning Department report .docx', kind: 'report', as: HANOI_DEPT, url: (i) => `/api/v1/twinning/reports/department/${i.hanoiDept}/${i.year}/document` },
  { name: 'twinning Department report .xlsx', kind: 'report', as: HANOI_DEPT, url: (i) => `/api/v1/twinning/reports/department/${i.hanoiDept}/${i.year}/document?format=xlsx` },
  { name: 'plan report .docx', kind: 'report', as: MINISTRY, url: (i) => `/api/v1/plans/${i.planKey}/report` },
  { name: 'plan report .xlsx', kind: 'report', as: MINISTRY, url: (i) => `/api/v1/plans/${i.planKey}/report?format=xlsx` },
  { name: 'twinning pairs CSV export', kind: 'export', as: HANOI_DEPT, url: () => '/api/v1/twinning/pairs?format=csv' },
  { name: 'needs CSV export', kind: 'export', as: null, url: () => '/api/v1/needs?format=csv' },
  { name: 'public contributions CSV export', kind: 'export', as: null, url: () => '/api/v1/public/contributions?format=csv',
    sql: `SELECT id, pledged_on, value_vnd, province_code, category FROM contribution WHERE status <> 'cancelled' ORDER BY pledged_on DESC, id DESC` },
];

/** The ids the addresses use. */
export async function readIds(db: Db): Promise<Ids> {
  const one = async (sql: string) => String((await db.one<{ v: string }>(sql)).v);
  return {
    hanoiDept: await one(`SELECT id AS v FROM organisation WHERE code = 'so-01'`),
    dienbienDept: await one(`SELECT id AS v FROM organisation WHERE code = 'so-11'`),
    hanoiSchool: await one(`SELECT organisation_id AS v FROM school WHERE province_code = '01' ORDER BY code LIMIT 1`),
    school: await one(`SELECT school_id AS v FROM contribution WHERE status <> 'cancelled' GROUP BY school_id ORDER BY count(*) DESC, school_id LIMIT 1`),
    donor: await one(`SELECT contributor_id AS v FROM contribution k JOIN organisation o ON o.id = k.contributor_id AND o.kind = 'donor' GROUP BY contributor_id ORDER BY count(*) DESC, contributor_id LIMIT 1`),
    planKey: await one(`SELECT key AS v FROM plan ORDER BY (SELECT count(*) FROM plan_task t WHERE t.plan_id = plan.id) DESC, key LIMIT 1`),
    year: new Date().getUTCFullYear() - 1,
    campaign: await one(`SELECT id AS v FROM assessment_campaign WHERE publish_on <= current_date ORDER BY publish_on DESC, id LIMIT 1`),
  };
}
