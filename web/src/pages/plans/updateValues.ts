/** The values of the progress form, checked by a schema built from the contract's fields. */
import { z } from 'zod';
import { UpdateFields, type Assignment, type UpdateState } from '../../../../contracts/plans';
import type { TFunction } from '../../i18n';

/** Evidence the server accepts (server/src/platform/files.ts), checked here before sending. */
const ACCEPTED_EXT = ['pdf', 'jpg', 'jpeg', 'png', 'webp', 'docx', 'xlsx'];
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,application/pdf,image/jpeg,image/png,image/webp';
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;

export interface UpdateValues extends Record<string, unknown> {
  assignmentId: string;
  state: UpdateState;
  /** as typed; empty for none */
  percent: string;
  milestone: string;
  note: string;
  /** one per line */
  deliverables: string;
  period: string;
}

const validPercent = (s: string) => {
  const v = s.trim().replace(/%$/, '');
  if (!v) return true;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 100;
};

/** The form's schema: the contract's field rules on the typed text (a done report counts as 100%). */
export const updateSchema = (percentMessage: string) =>
  z
    .object({
      assignmentId: z.string(),
      state: UpdateFields.shape.state,
      percent: z.string(),
      milestone: z.string().max(500),
      note: z.string().max(5000),
      deliverables: z.string().max(5000),
      period: z.string().max(10),
    })
    .refine((v) => v.state === 'done' || validPercent(v.percent), { path: ['percent'], message: percentMessage });

/** The school year a date falls in ('2025-2026': 1 September to 31 August). */
const schoolYearOf = (d: Date) => {
  const y = d.getFullYear() - (d.getMonth() >= 8 ? 0 : 1);
  return `${y}-${y + 1}`;
};

/**
 * The periods a recurring assignment reports on (years, or school years '2025-2026'), and the
 * one to propose (the current one, kept inside the window).
 */
export function yearsOf(a: Assignment | undefined): { years: string[]; current: string } {
  if (a?.window.kind !== 'every_year' && a?.window.kind !== 'every_school_year') return { years: [], current: '' };
  const school = a.window.kind === 'every_school_year';
  const start = (iso: string) => Number(iso.slice(0, 4)) - (school && iso.slice(5) < '09-01' ? 1 : 0);
  const years: string[] = [];
  for (let y = start(a.window.from); y <= start(a.window.to); y++) years.push(school ? `${y}-${y + 1}` : String(y));
  const leadPeriod = a.leads.find((l) => l.period)?.period;
  const now = school ? schoolYearOf(new Date()) : String(new Date().getFullYear());
  const current = leadPeriod && years.includes(leadPeriod) ? leadPeriod : years.includes(now) ? now : years[years.length - 1];
  return { years, current };
}

export function emptyValues(a: Assignment | undefined): UpdateValues {
  return { assignmentId: a?.id ?? '', state: 'in_progress', percent: '', milestone: '', note: '', deliverables: '', period: yearsOf(a).current };
}

/** The multipart fields of a report (files travel beside them). */
export function toFields(v: UpdateValues, a: Assignment): Record<string, string | undefined> {
  const deliverables = v.deliverables
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
  return {
    state: v.state,
    percent: v.state === 'done' ? '100' : v.percent.trim().replace(/%$/, '') || undefined,
    milestone: v.milestone.trim() || undefined,
    note: v.note.trim() || undefined,
    deliverables: deliverables.length ? deliverables.join('\n') : undefined,
    period: a.window.kind === 'every_year' || a.window.kind === 'every_school_year' ? v.period || undefined : undefined,
  };
}

/** Why one file cannot go with an update, naming it; null when it can. */
export function updateFileProblem(f: File, t: TFunction): string | null {
  const ext = f.name.toLowerCase().split('.').pop() ?? '';
  if (!ACCEPTED_EXT.includes(ext)) return t('update.fileType', { name: f.name });
  if (f.size === 0) return t('update.fileEmpty', { name: f.name });
  if (f.size > MAX_BYTES) return t('update.fileSize', { name: f.name });
  return null;
}

export const UPDATE_FILE_RULES = { max: MAX_FILES, problem: updateFileProblem };

export function checkFiles(files: File[], t: TFunction): string | null {
  if (files.length > MAX_FILES) return t('update.tooManyFiles');
  for (const f of files) {
    const p = updateFileProblem(f, t);
    if (p) return p;
  }
  return null;
}
