import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { batches, exportBatches } from '../../platform/paging.js';
import type { Dashboard, PublicContribution, PublicDonor, PublicSchool, PublicStats } from '../../../../contracts/portal.js';
import type { NeedCategory } from '../../../../contracts/needs.js';
import type { ContributionForm } from '../../../../contracts/ledger.js';
import type { DonorType } from '../../../../contracts/donors.js';
import type { SchoolLevel } from '../../../../contracts/common.js';
import { publicNeedsOfSchool } from '../needs/service.js';
import { NEED_CATEGORY_LABELS } from '../needs/domain.js';
import { latestSurvey } from '../surveys/service.js';
import { agreementTotals } from '../agreements/service.js';
import * as repo from './repository.js';
import { authorizeDashboard, dashboardProvince } from './policy.js';

/**
 * The public portal: open data about contributions, with no account. Every total is a sum of the
 * same rows the list returns (not cancelled), so the two always agree to the đồng. No child is ever
 * named: a gift to a person is shown by the kind of recipient only.
 */

export type { PublicFilter } from './repository.js';

const sums = (r: repo.SumsRow) => ({ count: Number(r.count), valueVnd: r.value_vnd, receivedVnd: r.received_vnd, acceptedVnd: r.accepted_vnd });

export async function stats(db: Db, f: repo.PublicFilter): Promise<PublicStats> {
  const s = await repo.stats(db, f);
  return {
    totals: sums(s.totals),
    byYear: s.byYear.map((r) => ({ year: Number(r.year), ...sums(r) })),
    byProvince: s.byProvince.map((r) => ({ provinceCode: r.province_code, provinceName: r.province_name, ...sums(r) })),
    byCategory: s.byCategory.map((r) => ({ category: r.category as NeedCategory, categoryLabel: NEED_CATEGORY_LABELS[r.category as NeedCategory] ?? r.category, ...sums(r) })),
    byForm: s.byForm.map((r) => ({ form: r.form as ContributionForm, ...sums(r) })),
  };
}

const KIND_LABEL: Record<string, string> = { pupil: 'Học sinh', teacher: 'Giáo viên', manager: 'Cán bộ quản lý' };

const toPublic = (r: repo.PublicRow): PublicContribution => ({
  id: r.id, pledgedOn: r.pledged_on, year: Number(r.pledged_on.slice(0, 4)), anonymous: r.anonymous,
  contributor: r.anonymous ? 'Ẩn danh' : r.contributor_name, contributorId: r.anonymous ? null : r.contributor_id, contributorType: r.anonymous ? null : r.donor_type ?? 'school',
  schoolId: r.school_id, schoolCode: r.school_code, schoolName: r.school_name, provinceCode: r.province_code, provinceName: r.province_name,
  // a person's gift shows only the kind of recipient; the typed description may name them
  recipient: r.beneficiary_kind ? KIND_LABEL[r.beneficiary_kind] : r.recipient_group ?? 'Nhà trường',
  category: r.category as NeedCategory, form: r.form as ContributionForm, description: r.beneficiary_kind ? `Quà tặng ${KIND_LABEL[r.beneficiary_kind].toLowerCase()}` : r.description,
  valueVnd: Number(r.value_vnd), quantity: r.quantity === null ? null : Number(r.quantity), unit: r.unit, status: r.status as PublicContribution['status'], needId: r.need_id,
  evidence: (r.evidence ?? []).map((id) => `/api/v1/files/${id}`),
});

/**
 * Public rows newest first in keyset batches (the JSON stream, the CSV/XLSX downloads, the pages
 * per school and donor), at most `max` rows; memory stays bounded whatever the size.
 */
export async function* publicContributions(db: Db, f: repo.PublicFilter, max = Infinity, size = 2000): AsyncGenerator<PublicContribution[]> {
  let sent = 0;
  // an export, or the JSON stream, reads many batches: their names are read once for all of them
  const names = max === Infinity ? new repo.NameCache() : undefined;
  const key = (r: repo.PublicRow) => [r.pledged_on, r.id];
  // a page (`max` rows) is one batch
  const source = max === Infinity
    ? exportBatches(db.engine, (after, limit, until) => repo.publicRows(db, f, after, limit, names, until), (after, n) => repo.publicBoundary(db, f, after, n), key, size)
    : batches((after, limit) => repo.publicRows(db, f, after, limit), key, Math.min(size, max));
  for await (const rows of source) {
    const take = rows.slice(0, max - sent);
    yield take.map(toPublic);
    sent += take.length;
    if (sent >= max) return;
  }
}

async function firstPublic(db: Db, f: repo.PublicFilter, n: number): Promise<PublicContribution[]> {
  const out: PublicContribution[] = [];
  for await (const b of publicContributions(db, f, n, n)) out.push(...b);
  return out;
}

/** A school's or a donor's public page shows its newest rows; the rest are in the open data, linked from the page. */
export const PROFILE_ROWS = 50;

export async function publicSchool(db: Db, actor: Actor, id: string): Promise<PublicSchool> {
  const s = await repo.publicSchool(db, id);
  if (!s) throw notFound('Không tìm thấy trường');
  // the page shows only the totals, not the breakdowns of the portal's figures: one statement
  const [totals, list, needs, survey] = await Promise.all([repo.rowTotals(db, { schoolId: id }), firstPublic(db, { schoolId: id }, PROFILE_ROWS), publicNeedsOfSchool(db, actor, id), latestSurvey(db, id)]);
  return {
    school: { id: s.id, code: s.code, name: s.name, levels: s.levels as SchoolLevel[], provinceCode: s.province_code, provinceName: s.province_name, communeName: s.commune_name, lat: s.lat, lng: s.lng, pupils: s.pupils },
    totals: sums(totals), contributions: list, needs, survey,
  };
}

export async function publicDonor(db: Db, id: string): Promise<PublicDonor> {
  const d = await repo.approvedDonor(db, id);
  if (!d) throw notFound('Không tìm thấy nhà tài trợ');
  const [totals, list] = await Promise.all([repo.rowTotals(db, { contributorId: id }), firstPublic(db, { contributorId: id }, PROFILE_ROWS)]);
  return { donor: { id: d.id, name: d.name, donorType: d.donor_type as DonorType, website: d.website, description: d.description }, totals: sums(totals), contributions: list };
}

/** The coordination dashboard: for the Ministry nationwide, for a Department its province. */
export async function dashboard(db: Db, actor: Actor, clock: Clock, provinceCode?: string): Promise<Dashboard> {
  authorizeDashboard(actor);
  const province = dashboardProvince(actor, provinceCode);
  const [needRows, ledger, donorsPending, agreements] = await Promise.all([
    repo.needSums(db, province), repo.ledgerByStatus(db, province), repo.donorsAwaitingVetting(db), agreementTotals(db, actor, clock),
  ]);
  const group = (r: (typeof needRows)[number]) => ({ count: Number(r.count), value: r.value, pledged: r.pledged, received: r.received, awaitingVerification: Number(r.awaiting) });
  const by = (s: string) => ledger.find((r) => r.status === s)?.value ?? '0';
  return {
    provinceCode: province,
    needsByProvince: needRows.filter((r) => r.by === 'province').map((r) => ({ provinceCode: r.province_code!, provinceName: r.province_name!, ...group(r) })),
    needsByCategory: needRows.filter((r) => r.by === 'category').map((r) => ({ category: r.category as NeedCategory, categoryLabel: NEED_CATEGORY_LABELS[r.category as NeedCategory] ?? r.category!, ...group(r) })),
    ledger: { pledged: by('pledged'), delivered: by('delivered'), received: by('received'), accepted: by('accepted'), cancelled: by('cancelled') },
    agreements,
    donorsAwaitingVetting: donorsPending,
  };
}
