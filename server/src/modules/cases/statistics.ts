import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { forbidden, unauthorized } from '../../platform/errors.js';
import type { CaseStatistics } from '../../../../contracts/cases.js';
import { SMALL_COUNT, protectBreakdown, suppress } from './domain.js';
import { statisticsScope } from './policy.js';
import { vnCalendar, workingMinutesBetween } from './working-time.js';

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Statistics without identities for the Department (its province) and the Ministry (every
 * province, or one): cases of a year by category, risk, step, outcome, school level and province,
 * referrals by provider kind, and working hours from report to first action and to referral.
 * Every count from 1 to 4 is shown as "<5" and a median over fewer than 5 cases is withheld, so
 * no child can be singled out; in a breakdown that adds up to a published total, a further count
 * is hidden as "x" whenever a "<5" could otherwise be worked out by subtraction (`protectBreakdown`). Nothing but counts leaves the database.
 */
export async function caseStatistics(db: Db, actor: Actor, clock: Clock, q: { year?: number; provinceCode?: string }): Promise<CaseStatistics> {
  const scope = statisticsScope(actor);
  if (!scope) throw actor.userId ? forbidden() : unauthorized();
  const year = q.year ?? Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(clock.now()));
  const province = scope.provinceCode ?? q.provinceCode ?? null;
  if (scope.provinceCode && q.provinceCode && q.provinceCode !== scope.provinceCode) throw forbidden();
  const params: unknown[] = [year];
  let w = `EXTRACT(YEAR FROM c.reported_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = $1`;
  if (province) { params.push(province); w += ` AND c.province_code = $2`; }
  const cells = async (expr: string, join = '') =>
    (await db.query<{ key: string | null; n: string | number }>(`SELECT ${expr} AS key, count(*) AS n FROM support_case c ${join} WHERE ${w} GROUP BY 1 ORDER BY 1`, params))
      .filter((r) => r.key !== null).map((r) => ({ key: String(r.key), n: Number(r.n) }));
  // a breakdown that cannot be protected (null) is withheld whole
  const shown = <T extends { n: number }>(xs: T[] | null) => (xs ?? []).map(({ n: _n, ...rest }) => rest);
  const total = Number((await db.one<{ n: string | number }>(`SELECT count(*) AS n FROM support_case c WHERE ${w}`, params)).n);
  // every breakdown of the cases adds up to the total: complementary suppression against it when it is published
  const published = total >= SMALL_COUNT ? total : null;
  const byCategory = shown(protectBreakdown(await cells('c.category'), published));
  const byRisk = shown(protectBreakdown(await cells('c.risk'), published));
  const steps = protectBreakdown(await cells('c.step'), published);
  const byStep = shown(steps);
  // outcomes add up to the closed cases: against their count when shown; when it is hidden ("x"), one outcome is hidden too
  const closed = steps?.find((s) => s.key === 'closed');
  const outcomes = await cells(`CASE WHEN c.step = 'closed' THEN c.outcome END`);
  const byOutcome = shown(steps ? protectBreakdown(outcomes, typeof closed?.count === 'number' ? closed.count : null, closed?.count === 'x') : null);
  const bySchoolLevel = shown(protectBreakdown(await cells(`CASE WHEN cardinality(s.levels) = 1 THEN s.levels[1] ELSE 'lien_cap' END`, 'JOIN school s ON s.organisation_id = c.school_id'), published));
  const byProvince = shown(protectBreakdown((await db.query<{ key: string; name: string; n: string | number }>(
    `SELECT c.province_code AS key, a.full_name AS name, count(*) AS n FROM support_case c
     JOIN area a ON a.era = 'current' AND a.level = 'province' AND a.code = c.province_code WHERE ${w} GROUP BY 1, 2 ORDER BY 1`, params))
    .map((r) => ({ key: r.key, name: r.name, n: Number(r.n) })), published));
  // referrals have no published total: small counts only
  const referralsByProviderKind = (await db.query<{ key: string; n: string | number }>(
    `SELECT p.kind AS key, count(*) AS n FROM case_referral r JOIN support_case c ON c.id = r.case_id JOIN service_provider p ON p.id = r.provider_id
     WHERE ${w} GROUP BY 1 ORDER BY 1`, params)).map((r) => ({ key: r.key, count: suppress(Number(r.n)) }));
  // working time, measured here on the holiday calendar (moments only: no identity leaves the query)
  const times = await db.query<{ reported_at: Date; first_action_at: Date | null; first_referral_at: Date | null; urgent: boolean; due_at: Date | null }>(
    `SELECT c.reported_at, c.first_action_at, c.first_referral_at, c.urgent, c.due_at FROM support_case c WHERE ${w}`, params);
  const cal = vnCalendar();
  const hours = (from: Date, to: Date) => Math.round((workingMinutesBetween(cal, new Date(from), new Date(to)) / 60) * 10) / 10;
  const toAction = times.filter((t) => t.first_action_at).map((t) => hours(t.reported_at, t.first_action_at!));
  const toReferral = times.filter((t) => t.first_referral_at).map((t) => hours(t.reported_at, t.first_referral_at!));
  const now = clock.now();
  const urgent = times.filter((t) => t.urgent && t.due_at);
  const within = urgent.filter((t) => t.first_referral_at && new Date(t.first_referral_at) <= new Date(t.due_at!)).length;
  const late = urgent.filter((t) => (t.first_referral_at ? new Date(t.first_referral_at) > new Date(t.due_at!) : new Date(t.due_at!) < now)).length;
  return {
    year, provinceCode: province, total: suppress(total), byCategory, byRisk, byStep, byOutcome, bySchoolLevel, byProvince, referralsByProviderKind,
    hoursToFirstAction: { median: toAction.length >= SMALL_COUNT ? median(toAction) : null, cases: suppress(toAction.length) },
    hoursToReferral: { median: toReferral.length >= SMALL_COUNT ? median(toReferral) : null, cases: suppress(toReferral.length) },
    urgentWithinClock: { within: suppress(within), late: suppress(late) },
  };
}
