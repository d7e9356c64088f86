/**
 * Plans, tasks, progress updates and notifications (server/src/modules/plans, notifications).
 * Statuses are derived by the server for a date (`asOf`, YYYY-MM-DD; today when absent).
 */
import { apiUrl, request, upload } from './client';

export const TASK_STATUSES = ['not_started', 'on_track', 'at_risk', 'overdue', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type StatusTally = Record<TaskStatus, number>;

export const UPDATE_STATES = ['in_progress', 'done', 'blocked'] as const;
export type UpdateState = (typeof UPDATE_STATES)[number];

export type WindowKind = 'day' | 'month' | 'months' | 'quarter' | 'year' | 'years' | 'every_year' | 'all_year' | 'range';

export interface TaskWindow {
  kind: WindowKind | string;
  from: string;
  to: string;
  due: string | null;
}

export interface UnitView {
  id: string;
  name: string;
  shortName: string | null;
  status?: TaskStatus;
  period?: string;
  percent?: number | null;
  lastReportedOn?: string | null;
  periods?: { key: string; status: TaskStatus }[];
}

export interface AssignmentView {
  id: string;
  leadText: string;
  partnerText: string | null;
  timeText: string;
  window: TaskWindow;
  deliverables: string[];
  leadGroups: string[];
  partnerGroups: string[];
  leads: UnitView[];
  partners: UnitView[];
  status: TaskStatus;
}

export interface TaskView {
  id: string;
  planId: string;
  planKey: string;
  planNumber: string;
  sectionCode: string | null;
  sectionTitle: string | null;
  number: string;
  content: string;
  legalBasis: string | null;
  notes: string | null;
  budget: string | null;
  status: TaskStatus;
  assignments: AssignmentView[];
}

export interface PlanHeader {
  id: string;
  key: string;
  number: string;
  type: 'ke_hoach' | 'quyet_dinh';
  title: string;
  issuer: { id: string; name: string; shortName: string | null };
  signedOn: string | null;
  place: string | null;
  signerTitle: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  legalBases: string[];
  recipients: string[];
}

export interface PlanSummary extends PlanHeader {
  taskCount: number;
  assignmentCount: number;
  statusTally: StatusTally;
}

export interface PlanTarget {
  id: string;
  label: string;
  targetValue: number | null;
  unit: string;
  targetDate: string | null;
  baselineValue: number | null;
  measuredValue: number | null;
  measuredOn: string | null;
}

export interface PlanGoal {
  id: string;
  code: string;
  text: string;
  targets: PlanTarget[];
}

export interface PlanSectionProgress {
  code: string;
  title: string;
  kind: string;
  parentCode: string | null;
  taskCount: number;
  tally: StatusTally;
}

export interface PlanUnitProgress {
  id: string;
  name: string;
  count: number;
  tally: StatusTally;
}

export interface PlanDetail extends PlanHeader {
  asOf: string;
  sections: PlanSectionProgress[];
  goals: PlanGoal[];
  byUnit: PlanUnitProgress[];
  tally: StatusTally;
  taskCount: number;
  permissions: { manage: boolean };
}

export interface PlanTaskFilters {
  section?: string;
  status?: TaskStatus | '';
  unitId?: string;
  q?: string;
}

export interface EvidenceFile {
  id: string;
  name: string;
  size: number;
  mime: string;
}

/** A progress update. */
export interface TaskUpdate {
  id: string;
  assignmentId: string;
  organisationId: string;
  organisationName: string;
  period: string;
  state: UpdateState;
  percent: number | null;
  milestone: string | null;
  note: string | null;
  deliverables: string[];
  reportedOn: string;
  createdAt: string;
  author: string | null;
  files: EvidenceFile[];
}

export interface TaskDetail {
  task: TaskView;
  updates: TaskUpdate[];
  permissions: { postUpdate: Record<string, boolean> };
}

export interface TaskImportResult {
  created: number;
  assignments: number;
}

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationList {
  unread: number;
  items: NotificationItem[];
}

export interface UpdateDraftInput {
  state: UpdateState;
  percent: number | null;
  milestone: string;
  note: string;
  deliverables: string[];
  period: string | null;
  files: File[];
}

const enc = encodeURIComponent;

export const plansApi = {
  list: (asOf: string | undefined, signal?: AbortSignal) => request<{ items: PlanSummary[] }>('/plans', { query: { asOf }, signal }),
  listExportUrl: (asOf: string | undefined, format: 'csv' | 'xlsx') => apiUrl('/plans', { asOf, format }),
  get: (key: string, asOf: string | undefined, signal?: AbortSignal) => request<PlanDetail>(`/plans/${enc(key)}`, { query: { asOf }, signal }),
  tasks: (key: string, filters: PlanTaskFilters, asOf: string | undefined, signal?: AbortSignal) =>
    request<{ plan: PlanHeader; tasks: TaskView[] }>(`/plans/${enc(key)}/tasks`, { query: { ...filters, asOf }, signal }),
  tasksExportUrl: (key: string, filters: PlanTaskFilters, asOf: string | undefined, format: 'csv' | 'xlsx') =>
    apiUrl(`/plans/${enc(key)}/tasks`, { ...filters, asOf, format }),
  reportUrl: (key: string, asOf: string | undefined, format: 'docx' | 'xlsx') => apiUrl(`/plans/${enc(key)}/report`, { format, asOf }),
  importTasks: (key: string, file: File, onProgress?: (fraction: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<TaskImportResult>(`/plans/${enc(key)}/tasks/import`, form, onProgress);
  },
  recordMeasurement: (targetId: string, input: { value: number; measuredOn: string; note?: string | null }) =>
    request<{ id: string }>(`/targets/${enc(targetId)}/measurements`, { method: 'POST', body: input }),
};

export const tasksApi = {
  mine: (role: 'lead' | 'any', asOf: string | undefined, signal?: AbortSignal) =>
    request<{ items: TaskView[] }>('/tasks/mine', { query: { role, asOf }, signal }),
  overdue: (asOf: string | undefined, signal?: AbortSignal) => request<{ items: TaskView[] }>('/tasks/overdue', { query: { asOf }, signal }),
  get: (id: string, signal?: AbortSignal) => request<TaskDetail>(`/tasks/${enc(id)}`, { signal }),
  postUpdate: (assignmentId: string, input: UpdateDraftInput, onProgress?: (fraction: number) => void) => {
    const form = new FormData();
    form.append('state', input.state);
    if (input.percent !== null) form.append('percent', String(input.percent));
    if (input.milestone.trim()) form.append('milestone', input.milestone.trim());
    if (input.note.trim()) form.append('note', input.note.trim());
    if (input.deliverables.length) form.append('deliverables', input.deliverables.join('\n'));
    if (input.period) form.append('period', input.period);
    for (const f of input.files) form.append('files', f, f.name);
    return upload<{ id: string; files: EvidenceFile[] }>(`/assignments/${enc(assignmentId)}/updates`, form, onProgress);
  },
  fileUrl: (fileId: string) => apiUrl(`/files/${enc(fileId)}`),
};

export const notificationsApi = {
  list: (signal?: AbortSignal) => request<NotificationList>('/notifications', { signal }),
  markRead: (id: string) => request<null>(`/notifications/${enc(id)}/read`, { method: 'POST', body: {} }),
};
