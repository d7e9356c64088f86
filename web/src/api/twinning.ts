/**
 * Twinning of Hanoi schools with schools in border communes of Sơn La, Lai Châu and Điện Biên
 * (server/src/modules/twinning): pairs, yearly plans, activities, compliance, reports, dashboard.
 */
import { apiUrl, request, upload } from './client';

/** The kinds of activity of §II of the Hanoi plan, as server/src/modules/twinning/domain.ts lists them. */
export const TW_ACTIVITY_KINDS = {
  material_support: ['equipment', 'textbooks', 'learning_materials', 'warm_clothes', 'necessities', 'scholarships', 'repairs'],
  professional: ['school_management', 'homeroom', 'political_ethical_education', 'teaching_methods', 'assessment', 'safe_environment', 'teacher_training_online'],
  exchange: ['culture_arts', 'sports', 'connected_classroom', 'learning_materials_sharing'],
  tradition: ['tradition_history', 'sovereignty', 'life_skills', 'counselling_career'],
} as const;
export type TwKind = keyof typeof TW_ACTIVITY_KINDS;
export type TwSubKind = (typeof TW_ACTIVITY_KINDS)[TwKind][number];
export const TW_KINDS = Object.keys(TW_ACTIVITY_KINDS) as TwKind[];

export const TW_PAIR_STATUSES = ['active', 'paused', 'ended'] as const;
export type TwPairStatus = (typeof TW_PAIR_STATUSES)[number];
export type TwMode = 'in_person' | 'online';
export type TwSupportForm = 'money' | 'in_kind';

/** Điện Biên, Lai Châu, Sơn La (current province codes) and Hà Nội. */
export const TW_BORDER_PROVINCES = ['11', '12', '14'] as const;
export const TW_HANOI = '01';

export interface TwPair {
  id: string;
  hanoiSchoolId: string | null;
  hanoiSchoolName: string | null;
  hanoiClusterId: string | null;
  hanoiClusterName: string | null;
  /** The Hanoi school, or the cluster when the pair is on behalf of a whole cluster. */
  hanoiSide: string;
  hanoiProvinceCode: string;
  onBehalfOfCluster: boolean;
  borderSchoolId: string;
  borderSchoolName: string;
  borderProvinceCode: string;
  borderProvinceName: string;
  borderCommuneName: string;
  startYear: number;
  status: TwPairStatus;
  note: string | null;
  activitiesThisYear: number;
  /** [[lng, lat] of the Hanoi school, [lng, lat] of the border school], when both are located. */
  line: [[number, number], [number, number]] | null;
}

export interface TwPlanItem {
  kind: string;
  subKind: string;
  description: string;
  month?: number | null;
}

export interface TwPlan {
  year: number;
  items: TwPlanItem[];
  note: string | null;
  updatedAt: string;
}

export interface TwActivity {
  id: string;
  pairId: string;
  heldOn: string;
  kind: TwKind;
  subKind: string;
  mode: TwMode | null;
  title: string;
  description: string | null;
  teachers: number;
  pupils: number;
  loggedBySchoolId: string;
  loggedByName: string;
  confirmed: boolean;
  confirmedAt: string | null;
  confirmationNote: string | null;
  supportValue: number;
  files: { id: string; name: string }[];
  permissions?: { edit: boolean; confirm: boolean };
}

export interface TwPairDetail extends TwPair {
  year: number;
  history: { status: TwPairStatus; reason: string | null; at: string }[];
  plans: TwPlan[];
  activities: TwActivity[];
  permissions: { manage: boolean; plan: boolean; log: boolean };
}

export interface TwSuggestion {
  id: string;
  name: string;
  levels: string[];
  provinceCode: string;
  provinceName: string;
  communeName: string;
  partners: number;
  levelMatch: boolean;
}

export interface TwPhase {
  key: 'pairing' | 'review' | 'activities' | 'report';
  label: string;
  from: string;
  to: string;
}

export interface TwCalendar {
  year: number;
  phases: TwPhase[];
  reportDue: string;
}

export interface TwGroupCount {
  key: string;
  pairs: number;
  withoutActivity: number;
}

export interface TwCompliance {
  year: number;
  calendar: TwPhase[];
  reportDue: string;
  pairs: number;
  withoutActivity: TwPair[];
  byCluster: TwGroupCount[];
  byProvince: TwGroupCount[];
}

export interface TwFigures {
  year: number;
  pairs: number;
  pairsActive: number;
  newPairs: number;
  pairsWithoutActivity: number;
  activities: number;
  activitiesConfirmed: number;
  byKind: Record<TwKind, number>;
  teachers: number;
  pupils: number;
  supportValue: number;
  supportByForm: Record<string, number>;
  joinedSchools?: number;
}

export interface TwNarrative {
  results: string;
  quality: string;
  difficulties: string;
  proposals: string;
}

export type TwReportLevel = 'cluster' | 'department';

export interface TwReport {
  level: TwReportLevel;
  organisationId: string;
  organisationName: string;
  year: number;
  due: string;
  status: 'draft' | 'submitted';
  submittedAt: string | null;
  narrative: TwNarrative;
  figures: TwFigures;
  permissions: { write: boolean };
}

export interface TwSubmission {
  organisationId: string;
  name: string;
  level: TwReportLevel;
  status: 'not_started' | 'draft' | 'submitted';
  submittedAt: string | null;
  due: string;
  late: boolean;
}

export interface TwDashboard {
  year: number;
  figures: TwFigures;
  pairs: TwPair[];
  compliance: { byCluster: TwGroupCount[]; byProvince: TwGroupCount[]; withoutActivity: number };
  submissions: TwSubmission[];
  calendar: TwPhase[];
}

/** A focal point of one of the four Departments: a role, never a person's number. */
export interface TwFocalPoint {
  departmentId: string;
  department: string;
  roleTitle: string;
  unit: string | null;
  contact: string | null;
}

export interface TwPairFilters {
  year?: number;
  status?: TwPairStatus | '';
  provinceCode?: string;
  clusterId?: string;
  schoolId?: string;
}

export interface TwActivityInput {
  heldOn: string;
  kind: TwKind;
  subKind: string;
  mode?: TwMode | null;
  title: string;
  description?: string;
  teachers: number;
  pupils: number;
  support?: { form: TwSupportForm; valueVnd: number; quantity?: number | null; unit?: string | null } | null;
  files: File[];
}

const enc = encodeURIComponent;

function reportPath(level: TwReportLevel, orgId: string, year: number) {
  return `/twinning/reports/${level}/${enc(orgId)}/${year}`;
}

export const twinningApi = {
  pairs: {
    list: (f: TwPairFilters, signal?: AbortSignal) => request<{ year: number; items: TwPair[] }>('/twinning/pairs', { query: { ...f }, signal }),
    csvUrl: (f: TwPairFilters) => apiUrl('/twinning/pairs', { ...f, format: 'csv' }),
    get: (id: string, year?: number, signal?: AbortSignal) => request<TwPairDetail>(`/twinning/pairs/${enc(id)}`, { query: { year }, signal }),
    create: (input: { hanoiSchoolId?: string | null; hanoiClusterId?: string | null; borderSchoolId: string; startYear: number; note?: string | null }) =>
      request<TwPair>('/twinning/pairs', { method: 'POST', body: input }),
    setStatus: (id: string, status: TwPairStatus, reason: string | null) =>
      request<TwPair>(`/twinning/pairs/${enc(id)}/status`, { method: 'POST', body: { status, reason } }),
    savePlan: (id: string, year: number, items: TwPlanItem[], note: string | null) =>
      request<{ year: number; items: TwPlanItem[]; note: string | null }>(`/twinning/pairs/${enc(id)}/plans/${year}`, { method: 'PUT', body: { items, note } }),
    logActivity: (id: string, input: TwActivityInput, onProgress?: (f: number) => void) => {
      const form = new FormData();
      form.append('heldOn', input.heldOn);
      form.append('kind', input.kind);
      form.append('subKind', input.subKind);
      if (input.mode) form.append('mode', input.mode);
      form.append('title', input.title);
      if (input.description) form.append('description', input.description);
      form.append('teachers', String(input.teachers));
      form.append('pupils', String(input.pupils));
      if (input.support) form.append('support', JSON.stringify(input.support));
      for (const f of input.files) form.append('files', f, f.name);
      return upload<TwActivity>(`/twinning/pairs/${enc(id)}/activities`, form, onProgress);
    },
  },
  confirmActivity: (activityId: string, note: string, files: File[], onProgress?: (f: number) => void) => {
    const form = new FormData();
    if (note) form.append('note', note);
    for (const f of files) form.append('files', f, f.name);
    return upload<TwActivity>(`/twinning/activities/${enc(activityId)}/confirm`, form, onProgress);
  },
  suggestions: (hanoiSchoolId: string, provinceCode?: string, signal?: AbortSignal) =>
    request<{ items: TwSuggestion[] }>('/twinning/suggestions', { query: { hanoiSchoolId, provinceCode }, signal }),
  calendar: (year?: number, signal?: AbortSignal) => request<TwCalendar>('/twinning/calendar', { query: { year }, signal }),
  compliance: (year?: number, signal?: AbortSignal) => request<TwCompliance>('/twinning/compliance', { query: { year }, signal }),
  remind: (year: number) => request<{ notified: number; pairs: number }>('/twinning/compliance/remind', { method: 'POST', body: { year } }),
  focalPoints: (signal?: AbortSignal) => request<{ items: TwFocalPoint[] }>('/twinning/focal-points', { signal }),
  reports: {
    get: (level: TwReportLevel, orgId: string, year: number, signal?: AbortSignal) => request<TwReport>(reportPath(level, orgId, year), { signal }),
    save: (level: TwReportLevel, orgId: string, year: number, narrative: TwNarrative, submit: boolean) =>
      request<TwReport>(reportPath(level, orgId, year), { method: 'PUT', body: { narrative, submit } }),
    documentUrl: (level: TwReportLevel, orgId: string, year: number, format: 'docx' | 'xlsx') => apiUrl(`${reportPath(level, orgId, year)}/document`, { format }),
  },
  submissions: (year?: number, signal?: AbortSignal) => request<{ items: TwSubmission[] }>('/twinning/submissions', { query: { year }, signal }),
  dashboard: (year?: number, signal?: AbortSignal) => request<TwDashboard>('/twinning/dashboard', { query: { year }, signal }),
};
