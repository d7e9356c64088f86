/**
 * Resource connection (plan 29 "Điều ước cho em"): needs, the contributions ledger, donors,
 * agreements, facility surveys, the public portal and the coordination dashboard. Every type and
 * enum is the contracts' own (contracts/needs.ts, ledger.ts, donors.ts, agreements.ts,
 * surveys.ts, portal.ts, plan29.ts); the functions below call their endpoints.
 */
import type { z } from 'zod';
import { agreementsApi } from '../../../contracts/agreements';
import { areasApi } from '../../../contracts/areas';
import { donorsApi, type DonorDocumentKind, type DonorPatch, type DonorRegistration } from '../../../contracts/donors';
import type { FileVariantName } from '../../../contracts/files';
import type { QueryIn, QueryOf } from '../../../contracts/http';
import { ledgerApi, type ContributionAction, type ContributionFilter, type PledgeInput } from '../../../contracts/ledger';
import { needsApi, type NeedAction, type NeedFilter, type NeedInput, type NeedPatch } from '../../../contracts/needs';
import { plan29Api, type BeneficiaryInput, type Plan29SelectionInput } from '../../../contracts/plan29';
import { portalApi, type PublicQuery } from '../../../contracts/portal';
import { surveysApi, type SurveyInput } from '../../../contracts/surveys';
import { call, callForm, endpointUrl } from './call';
import { apiUrl } from './client';

export { NEED_ACTIONS, NEED_CATEGORIES, NEED_STATES, PRIORITIES } from '../../../contracts/needs';
export type { FileRef, MapPoints as Points, Need, NeedAction, NeedCategory, NeedDetail, NeedInput, NeedState, NeedStatus, Priority } from '../../../contracts/needs';
export { CONTRIBUTION_ACTIONS, CONTRIBUTION_STATUSES, FORMS } from '../../../contracts/ledger';
export type { Contribution, ContributionAction, ContributionDetail, ContributionForm, ContributionStatus, PledgeInput } from '../../../contracts/ledger';
export { DONOR_DOCUMENT_KINDS, DONOR_TYPES, MAX_REFERENCES, normalizeTaxCode } from '../../../contracts/donors';
export type { Donor, DonorDetail, DonorDocument, DonorDocumentKind, DonorRegistration, DonorType, VettingStatus } from '../../../contracts/donors';
export type { Agreement } from '../../../contracts/agreements';
export type { ServiceLevel, Survey, SurveyInput } from '../../../contracts/surveys';
export type { Dashboard, DashboardGroup, PublicContribution, PublicDonor, PublicSchool, PublicStats, Sums } from '../../../contracts/portal';
export { BENEFICIARY_KINDS } from '../../../contracts/plan29';
export type { Beneficiary, BeneficiaryInput, BeneficiaryKind, Plan29, Plan29Province, Plan29SelectionInput, QuotaRow } from '../../../contracts/plan29';

/** The filters of the needs list as the pages hold them (`open` as a boolean). */
export type NeedFilters = Omit<z.input<typeof NeedFilter>, 'open'> & { open?: boolean; sort?: QueryOf<typeof needsApi.list>['sort'] };
/** The filters of the open data. */
export type PublicFilters = Omit<z.output<typeof PublicQuery>, 'needId'>;

type Signal = AbortSignal | undefined;
const needQuery = ({ open, ...f }: NeedFilters): QueryIn<typeof needsApi.list> => ({ ...f, open: open ? 'true' : undefined });
/** The list pages answer up to 200 rows (the contracts' page size bound). */
const ALL = 200;

/** The file URL of a stored file (need photo, evidence). */
export const fileUrl = (id: string) => apiUrl(`/files/${encodeURIComponent(id)}`);
/** A smaller copy of a stored photo: the thumbnail for lists and the portal, the page size for detail pages. */
export const fileVariantUrl = (id: string, variant: FileVariantName) => `${fileUrl(id)}?variant=${variant}`;

export const resourcesApi = {
  needs: {
    list: (f: NeedFilters & { cursor?: string | null; limit?: number }, signal?: Signal) => call(needsApi.list, { query: { ...needQuery(f), cursor: f.cursor ?? undefined, limit: f.limit }, signal }),
    exportUrl: (f: NeedFilters, format: 'csv' | 'xlsx') => endpointUrl(needsApi.list, { query: { ...needQuery(f), sort: undefined, format } }),
    points: (f: Pick<NeedFilters, 'provinceCode' | 'category' | 'level' | 'flag' | 'status'> & { zoom?: number; bbox?: string }, signal?: Signal) => call(needsApi.points, { query: f, signal }),
    get: (id: string, signal?: Signal) => call(needsApi.get, { params: { id }, signal }),
    create: (input: NeedInput) => call(needsApi.create, { body: input }),
    update: (id: string, input: NeedPatch) => call(needsApi.update, { params: { id }, body: input }),
    transition: (id: string, action: NeedAction, opts: { reason?: string; note?: string; publish?: boolean; files?: File[] } = {}, onProgress?: (f: number) => void) =>
      callForm(
        needsApi.transition,
        { params: { id }, fields: { action, reason: opts.reason || undefined, note: opts.note || undefined, publish: opts.publish === undefined ? undefined : String(opts.publish) }, files: opts.files },
        onProgress,
      ),
    addPhotos: (id: string, files: File[], onProgress?: (f: number) => void) => callForm(needsApi.addPhotos, { params: { id }, files }, onProgress),
  },
  contributions: {
    list: (f: ContributionFilter, signal?: Signal) => call(ledgerApi.list, { query: { ...f, limit: ALL }, signal }),
    get: (id: string, signal?: Signal) => call(ledgerApi.get, { params: { id }, signal }),
    pledge: (input: PledgeInput) => call(ledgerApi.pledge, { body: input }),
    transition: (id: string, action: ContributionAction, opts: { note?: string; reason?: string; files?: File[] } = {}, onProgress?: (f: number) => void) =>
      callForm(ledgerApi.transition, { params: { id }, fields: { action, note: opts.note || undefined, reason: opts.reason || undefined }, files: opts.files }, onProgress),
  },
  donors: {
    register: (input: DonorRegistration) => call(donorsApi.register, { body: input }),
    list: (f: Omit<QueryIn<typeof donorsApi.list>, 'cursor' | 'limit'>, signal?: Signal) => call(donorsApi.list, { query: { ...f, limit: ALL }, signal }),
    get: (id: string, signal?: Signal) => call(donorsApi.get, { params: { id }, signal }),
    vet: (id: string, decision: 'approved' | 'rejected', reason?: string) => call(donorsApi.vet, { params: { id }, body: { decision, reason: reason || null } }),
    update: (id: string, patch: DonorPatch) => call(donorsApi.update, { params: { id }, body: patch }),
    addDocuments: (id: string, kind: DonorDocumentKind, files: File[], onProgress?: (f: number) => void) => callForm(donorsApi.addDocuments, { params: { id }, fields: { kind }, files }, onProgress),
  },
  agreements: {
    list: (f: { donorId?: string; behind?: boolean; cursor?: string; limit?: number }, signal?: Signal) =>
      call(agreementsApi.list, { query: { donorId: f.donorId, behind: f.behind ? 'true' : undefined, cursor: f.cursor, limit: f.limit }, signal }),
    exportUrl: (format: 'csv' | 'xlsx', behind?: boolean) => endpointUrl(agreementsApi.list, { query: { format, behind: behind ? 'true' : undefined } }),
    create: (fields: Record<string, string>, document: File | null, onProgress?: (f: number) => void) =>
      callForm(agreementsApi.create, { fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '')), files: document ? [document] : [], fileField: 'document' }, onProgress),
  },
  surveys: {
    list: (schoolId: string, signal?: Signal) => call(surveysApi.list, { params: { id: schoolId }, signal }),
    save: (schoolId: string, schoolYear: string, input: SurveyInput) => call(surveysApi.save, { params: { id: schoolId, schoolYear }, body: input }),
    points: (f: QueryIn<typeof surveysApi.points>, signal?: Signal) => call(surveysApi.points, { query: f, signal }),
  },
  portal: {
    stats: (f: PublicFilters, signal?: Signal) => call(portalApi.stats, { query: f, signal }),
    contributions: (f: PublicFilters & { limit?: number }, signal?: Signal) => call(portalApi.contributions, { query: { ...f, format: 'json' }, signal }),
    dataUrl: (f: PublicFilters & { schoolId?: string; contributorId?: string }, format: 'csv' | 'json') => endpointUrl(portalApi.contributions, { query: { ...f, format } }),
    schemaUrl: () => endpointUrl(portalApi.schema),
    school: (id: string, signal?: Signal) => call(portalApi.school, { params: { id }, signal }),
    donor: (id: string, signal?: Signal) => call(portalApi.donor, { params: { id }, signal }),
  },
  dashboard: (provinceCode: string | undefined, signal?: Signal) => call(portalApi.dashboard, { query: { provinceCode }, signal }),
  plan29: {
    provinces: (signal?: Signal) => call(plan29Api.provinces, { signal }),
    quota: (year: number, signal?: Signal) => call(plan29Api.quota, { query: { year }, signal }),
    /** A pre-2025 province's districts (plan 29 names one district per province, as in 2021). */
    legacyDistricts: (oldProvinceCode: string, signal?: Signal) => call(areasApi.legacyDistricts, { params: { code: oldProvinceCode }, signal }),
    /** Replaces one province's selection for a year; answers the refreshed quota. */
    select: (input: Plan29SelectionInput) => call(plan29Api.select, { body: input }),
  },
  beneficiaries: {
    list: (schoolId: string, signal?: Signal) => call(plan29Api.beneficiaries, { params: { id: schoolId }, signal }),
    add: (schoolId: string, input: BeneficiaryInput) => call(plan29Api.addBeneficiary, { params: { id: schoolId }, body: input }),
  },
};
