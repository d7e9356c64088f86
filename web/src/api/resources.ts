/**
 * Resource connection (plan 29 "Điều ước cho em"): needs, the contributions ledger, donors,
 * agreements, facility surveys, the public portal and the coordination dashboard.
 * Types mirror server/src/modules/resources (toNeed, toContribution, portal.ts).
 */
import { apiUrl, request, upload } from './client';
import type { Area, AreaFlag, SchoolLevel } from './types';

export const NEED_CATEGORIES = [
  'classroom', 'subject_room', 'toilet', 'clean_water', 'equipment', 'boarding', 'electricity', 'road', 'transport',
  'meals', 'books', 'warm_clothes', 'scholarship', 'learning_software', 'teacher_training',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const FORMS = ['money', 'in_kind', 'non_material'] as const;
export type ContributionForm = (typeof FORMS)[number];
export const NEED_STATES = ['draft', 'submitted', 'returned', 'verified', 'published', 'accepted', 'closed', 'withdrawn'] as const;
export type NeedState = (typeof NEED_STATES)[number];
export type NeedStatus = NeedState | 'partly_pledged' | 'fully_pledged' | 'delivered';
export const NEED_ACTIONS = ['submit', 'verify', 'return', 'publish', 'accept', 'close', 'withdraw'] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];
export const CONTRIBUTION_STATUSES = ['pledged', 'delivered', 'received', 'accepted', 'cancelled'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];
export const CONTRIBUTION_ACTIONS = ['deliver', 'confirm', 'accept', 'cancel'] as const;
export type ContributionAction = (typeof CONTRIBUTION_ACTIONS)[number];
export const DONOR_TYPES = ['business', 'individual', 'bank', 'international', 'university', 'media', 'other'] as const;
export type DonorType = (typeof DONOR_TYPES)[number];
export type VettingStatus = 'pending' | 'approved' | 'rejected';
export type ServiceLevel = 'basic' | 'limited' | 'none';

export interface FileRef {
  id: string;
  name: string;
  mime?: string;
}

export interface Need {
  id: string;
  schoolId: string;
  schoolName: string;
  schoolCode: string;
  schoolLevels: SchoolLevel[];
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  communeFlags: AreaFlag[];
  lat: number | null;
  lng: number | null;
  category: NeedCategory;
  title: string;
  description: string | null;
  quantity: number;
  unit: string;
  estimatedCost: number;
  priority: Priority;
  state: NeedState;
  status: NeedStatus;
  statusLabel: string;
  returnReason: string | null;
  withdrawReason: string | null;
  acceptanceNote: string | null;
  pledgedQuantity: number;
  pledgedValue: number;
  receivedQuantity: number;
  receivedValue: number;
  remainingQuantity: number;
  remainingValue: number;
  createdAt: string;
  publishedAt: string | null;
  photos: FileRef[];
  acceptanceEvidence: FileRef[];
}

export interface NeedDetail extends Need {
  history: { action: string; from: string | null; to: string; reason: string | null; at: string; actor: string | null }[];
  permissions: Record<'edit' | NeedAction, boolean>;
}

export interface NeedFilters {
  scope?: 'public' | 'mine';
  status?: NeedState;
  open?: boolean;
  provinceCode?: string;
  communeCode?: string;
  category?: NeedCategory;
  level?: SchoolLevel;
  flag?: AreaFlag;
  schoolId?: string;
  q?: string;
  sort?: 'urgency' | 'remaining' | 'recent';
}

export interface NeedInput {
  schoolId: string;
  category: NeedCategory;
  title: string;
  description?: string | null;
  quantity: number;
  unit: string;
  estimatedCost: number;
  priority: Priority;
}

export interface Points {
  fields: string[];
  rows: (string | number | null)[][];
}

export interface Contribution {
  id: string;
  contributorId: string;
  contributorName: string;
  anonymous: boolean;
  schoolId: string;
  schoolName: string;
  provinceCode: string;
  provinceName: string;
  recipientGroup: string | null;
  beneficiaryId: string | null;
  form: ContributionForm;
  category: NeedCategory;
  description: string;
  valueVnd: number;
  quantity: number | null;
  unit: string | null;
  needId: string | null;
  needTitle: string | null;
  agreementId: string | null;
  planTaskId: string | null;
  status: ContributionStatus;
  statusLabel: string;
  cancelReason: string | null;
  pledgedOn: string;
  deliveredAt: string | null;
  receivedAt: string | null;
  acceptedAt: string | null;
  history: { status: ContributionStatus; note: string | null; at: string; by: string | null }[];
  evidence: FileRef[];
}
export interface ContributionDetail extends Contribution {
  permissions: Record<ContributionAction, boolean>;
}

export interface PledgeInput {
  needId?: string | null;
  schoolId?: string | null;
  contributorId?: string | null;
  anonymous?: boolean;
  form: ContributionForm;
  category?: NeedCategory | null;
  description: string;
  valueVnd: number;
  quantity?: number | null;
  unit?: string | null;
  agreementId?: string | null;
  beneficiaryId?: string | null;
  recipientGroup?: string | null;
  /** YYYY-MM-DD, for a gift given before today (Ministry, Departments) */
  pledgedOn?: string | null;
}

export interface Donor {
  id: string;
  name: string;
  shortName: string | null;
  provinceCode: string | null;
  donorType: DonorType;
  taxCode: string | null;
  country: string;
  website: string | null;
  description: string | null;
  anonymousDefault: boolean;
  vettingStatus: VettingStatus;
  vettingReason: string | null;
  vettedAt: string | null;
  createdAt: string;
}
export interface DonorDetail extends Donor {
  permissions: { edit: boolean; vet: boolean };
}
export interface DonorRegistration {
  organisationName: string;
  donorType: DonorType;
  taxCode?: string | null;
  website?: string | null;
  description?: string | null;
  provinceCode?: string | null;
  anonymousDefault?: boolean;
  email: string;
  password: string;
  displayName: string;
}

export interface Agreement {
  id: string;
  code: string | null;
  title: string;
  donorId: string;
  donorName: string;
  counterpartId: string;
  counterpartName: string;
  scope: string | null;
  committedValue: number;
  periodFrom: string;
  periodTo: string;
  signedOn: string;
  documentFileId: string | null;
  cancelled: boolean;
  pledgedValue: number;
  deliveredValue: number;
  acceptedValue: number;
  behindSchedule: boolean;
}

export interface Sums {
  count: number;
  valueVnd: number;
  receivedVnd: number;
  acceptedVnd: number;
}
export interface PublicStats {
  totals: Sums;
  byYear: (Sums & { year: number })[];
  byProvince: (Sums & { provinceCode: string; provinceName: string })[];
  byCategory: (Sums & { category: NeedCategory; categoryLabel: string })[];
  byForm: (Sums & { form: ContributionForm })[];
}
export interface PublicContribution {
  id: string;
  pledgedOn: string;
  year: number;
  contributor: string;
  contributorId: string | null;
  contributorType: string | null;
  schoolId: string;
  schoolCode: string;
  schoolName: string;
  provinceCode: string;
  provinceName: string;
  recipient: string;
  category: NeedCategory;
  form: ContributionForm;
  description: string;
  valueVnd: number;
  quantity: number | null;
  unit: string | null;
  status: Exclude<ContributionStatus, 'cancelled'>;
  needId: string | null;
  evidence: string[];
}
export interface PublicFilters {
  year?: number;
  provinceCode?: string;
  category?: NeedCategory;
}

export interface Survey {
  schoolYear: string;
  classroomsSolid: number;
  classroomsSemiSolid: number;
  classroomsTemporary: number;
  classroomsLacking: number;
  subjectRooms: number;
  subjectRoomsLacking: number;
  toiletsTotal: number;
  toiletsStandard: number;
  toiletsImproved: boolean;
  toiletsSingleSex: boolean;
  toiletsUsable: boolean;
  waterSource: 'piped' | 'protected_well' | 'rainwater' | 'unprotected' | 'surface' | 'none';
  waterAvailable: boolean;
  handwashing: 'water_soap' | 'water_only' | 'none';
  electricity: 'grid' | 'solar' | 'none';
  roadAccess: 'paved' | 'dirt' | 'seasonal' | 'none';
  boardingPlaces: number;
  semiBoardingPlaces: number;
  kitchen: boolean;
  teachingEquipment: 'sufficient' | 'partial' | 'lacking';
  computers: number;
  internet: boolean;
  note: string | null;
  waterService: ServiceLevel;
  sanitationService: ServiceLevel;
  hygieneService: ServiceLevel;
  updatedAt: string;
}
export type SurveyInput = Omit<Survey, 'schoolYear' | 'waterService' | 'sanitationService' | 'hygieneService' | 'updatedAt'>;

export interface PublicSchool {
  school: { id: string; code: string; name: string; levels: SchoolLevel[]; provinceCode: string; provinceName: string; communeName: string; lat: number | null; lng: number | null; pupils: number | null };
  totals: Sums;
  contributions: PublicContribution[];
  needs: Need[];
  survey: Survey | null;
}
export interface PublicDonor {
  donor: { id: string; name: string; donorType: DonorType; website: string | null; description: string | null };
  totals: Sums;
  contributions: PublicContribution[];
}

export interface DashboardGroup {
  count: number;
  value: number;
  pledged: number;
  received: number;
  awaitingVerification: number;
}
export interface Dashboard {
  provinceCode: string | null;
  needsByProvince: (DashboardGroup & { provinceCode: string; provinceName: string })[];
  needsByCategory: (DashboardGroup & { category: NeedCategory; categoryLabel: string })[];
  ledger: { pledged: number; delivered: number; received: number; accepted: number; cancelled: number };
  agreements: { count: number; committed: number; delivered: number; behindSchedule: number };
  donorsAwaitingVetting: number;
}

export interface Plan29Province {
  asWritten: string;
  oldCode: string;
  oldName: string | null;
  currentCode: string | null;
  currentName: string | null;
  selected2021: boolean;
}
export interface Plan29 {
  targets: Plan29Province[];
  byCurrentProvince: { currentCode: string; currentName: string; oldProvinces: string[]; selected2021: number }[];
}
export interface QuotaRow {
  asWritten: string;
  oldCode: string;
  districts: { code: string; name: string }[];
  schools: { id: string; name: string; levels: string[]; gifts: Record<'teacher' | 'manager' | 'pupil', number> }[];
  complies: boolean;
  missing: string[];
}

export const BENEFICIARY_KINDS = ['pupil', 'teacher', 'manager'] as const;
export type BeneficiaryKind = (typeof BENEFICIARY_KINDS)[number];
/** A pupil or staff member receiving a gift: named only inside the school and its Department. */
export interface Beneficiary {
  id: string;
  kind: BeneficiaryKind;
  full_name: string;
  birth_year: number | null;
  grade: string | null;
  consent_recorded: boolean;
}
export interface BeneficiaryInput {
  kind: BeneficiaryKind;
  fullName: string;
  birthYear?: number | null;
  grade?: string | null;
  consentRecorded: boolean;
}
export interface Plan29SelectionInput {
  year: number;
  oldProvinceCode: string;
  oldDistrictCode: string;
  schoolIds: string[];
}

const enc = encodeURIComponent;
type Q = Record<string, string | number | boolean | null | undefined>;

function needQuery(f: NeedFilters): Q {
  return { ...f, open: f.open ? 'true' : undefined };
}

/** The file URL of a stored file (need photo, evidence). */
export const fileUrl = (id: string) => apiUrl(`/files/${enc(id)}`);

function multipart(fields: Record<string, string | null | undefined>, files: File[]): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v != null && v !== '') form.append(k, v);
  for (const f of files) form.append('files', f, f.name);
  return form;
}

export const resourcesApi = {
  needs: {
    list: (f: NeedFilters & { cursor?: string | null; limit?: number }, signal?: AbortSignal) =>
      request<{ items: Need[]; nextCursor: string | null; total: number }>('/needs', { query: { ...needQuery(f), cursor: f.cursor ?? undefined, limit: f.limit }, signal }),
    exportUrl: (f: NeedFilters, format: 'csv' | 'xlsx') => apiUrl('/needs', { ...needQuery(f), sort: undefined, format }),
    points: (f: Pick<NeedFilters, 'provinceCode' | 'category' | 'level' | 'flag' | 'status'>, signal?: AbortSignal) => request<Points>('/needs/points', { query: { ...f }, signal }),
    get: (id: string, signal?: AbortSignal) => request<NeedDetail>(`/needs/${enc(id)}`, { signal }),
    create: (input: NeedInput) => request<Need>('/needs', { method: 'POST', body: input }),
    update: (id: string, input: Partial<Omit<NeedInput, 'schoolId'>>) => request<Need>(`/needs/${enc(id)}`, { method: 'PATCH', body: input }),
    transition: (id: string, action: NeedAction, opts: { reason?: string; note?: string; files?: File[] } = {}, onProgress?: (f: number) => void) =>
      opts.files?.length
        ? upload<Need>(`/needs/${enc(id)}/transitions`, multipart({ action, reason: opts.reason, note: opts.note }, opts.files), onProgress)
        : request<Need>(`/needs/${enc(id)}/transitions`, { method: 'POST', body: { action, reason: opts.reason || undefined, note: opts.note || undefined } }),
    addPhotos: (id: string, files: File[], onProgress?: (f: number) => void) => upload<{ items: FileRef[] }>(`/needs/${enc(id)}/photos`, multipart({}, files), onProgress),
  },
  contributions: {
    list: (f: { needId?: string; schoolId?: string; contributorId?: string; agreementId?: string; status?: ContributionStatus; provinceCode?: string }, signal?: AbortSignal) =>
      request<{ items: Contribution[] }>('/contributions', { query: { ...f }, signal }),
    get: (id: string, signal?: AbortSignal) => request<ContributionDetail>(`/contributions/${enc(id)}`, { signal }),
    pledge: (input: PledgeInput) => request<Contribution>('/contributions', { method: 'POST', body: input }),
    transition: (id: string, action: ContributionAction, opts: { note?: string; reason?: string; files?: File[] } = {}, onProgress?: (f: number) => void) =>
      opts.files?.length
        ? upload<Contribution>(`/contributions/${enc(id)}/transitions`, multipart({ action, note: opts.note, reason: opts.reason }, opts.files), onProgress)
        : request<Contribution>(`/contributions/${enc(id)}/transitions`, { method: 'POST', body: { action, note: opts.note || undefined, reason: opts.reason || undefined } }),
  },
  donors: {
    register: (input: DonorRegistration) => request<Donor>('/donors/register', { method: 'POST', body: input }),
    list: (f: { vetting?: VettingStatus; type?: DonorType; q?: string }, signal?: AbortSignal) => request<{ items: Donor[] }>('/donors', { query: { ...f }, signal }),
    get: (id: string, signal?: AbortSignal) => request<DonorDetail>(`/donors/${enc(id)}`, { signal }),
    vet: (id: string, decision: 'approved' | 'rejected', reason?: string) => request<Donor>(`/donors/${enc(id)}/vetting`, { method: 'POST', body: { decision, reason: reason || null } }),
  },
  agreements: {
    list: (f: { donorId?: string; behind?: boolean }, signal?: AbortSignal) =>
      request<{ items: Agreement[] }>('/agreements', { query: { donorId: f.donorId, behind: f.behind ? 'true' : undefined }, signal }),
    exportUrl: (format: 'csv' | 'xlsx', behind?: boolean) => apiUrl('/agreements', { format, behind: behind ? 'true' : undefined }),
    create: (fields: Record<string, string>, document: File | null, onProgress?: (f: number) => void) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) if (v !== '') form.append(k, v);
      if (document) form.append('document', document, document.name);
      return upload<Agreement>('/agreements', form, onProgress);
    },
  },
  surveys: {
    list: (schoolId: string, signal?: AbortSignal) => request<{ items: Survey[] }>(`/schools/${enc(schoolId)}/surveys`, { signal }),
    save: (schoolId: string, schoolYear: string, input: SurveyInput) => request<Survey>(`/schools/${enc(schoolId)}/surveys/${enc(schoolYear)}`, { method: 'PUT', body: input }),
    points: (f: { schoolYear?: string; provinceCode?: string }, signal?: AbortSignal) => request<Points>('/surveys/points', { query: { ...f }, signal }),
  },
  portal: {
    stats: (f: PublicFilters, signal?: AbortSignal) => request<PublicStats>('/public/stats', { query: { ...f }, signal }),
    contributions: (f: PublicFilters & { limit?: number }, signal?: AbortSignal) =>
      request<{ items: PublicContribution[]; count: number; totalVnd: number }>('/public/contributions', { query: { ...f, format: 'json' }, signal }),
    dataUrl: (f: PublicFilters, format: 'csv' | 'json') => apiUrl('/public/contributions', { ...f, format }),
    schemaUrl: () => apiUrl('/public/schema'),
    school: (id: string, signal?: AbortSignal) => request<PublicSchool>(`/public/schools/${enc(id)}`, { signal }),
    donor: (id: string, signal?: AbortSignal) => request<PublicDonor>(`/public/donors/${enc(id)}`, { signal }),
  },
  dashboard: (provinceCode: string | undefined, signal?: AbortSignal) => request<Dashboard>('/dashboard/resources', { query: { provinceCode }, signal }),
  plan29: {
    provinces: (signal?: AbortSignal) => request<Plan29>('/programmes/plan29', { signal }),
    quota: (year: number, signal?: AbortSignal) => request<{ items: QuotaRow[] }>('/programmes/plan29/quota', { query: { year }, signal }),
    /** Replaces one province's selection for a year; answers the refreshed quota. */
    /** A pre-2025 province's districts (plan 29 names one district per province, as in 2021). */
    legacyDistricts: (oldProvinceCode: string, signal?: AbortSignal) => request<{ items: Area[] }>(`/areas/legacy/provinces/${enc(oldProvinceCode)}/districts`, { signal }),
    select: (input: Plan29SelectionInput) => request<{ items: QuotaRow[] }>('/programmes/plan29/selection', { method: 'PUT', body: input }),
  },
  beneficiaries: {
    list: (schoolId: string, signal?: AbortSignal) => request<{ items: Beneficiary[] }>(`/schools/${enc(schoolId)}/beneficiaries`, { signal }),
    add: (schoolId: string, input: BeneficiaryInput) => request<{ id: string }>(`/schools/${enc(schoolId)}/beneficiaries`, { method: 'POST', body: input }),
  },
};
