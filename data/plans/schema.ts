// Schema of the plan files in data/plans/*.json (one file per seed plan).
// See data/plans/SOURCE.md for how each file was built from the seed texts.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const windowKinds = [
  'day', // a single day or a deadline day ("vào ngày 01/02/2021", "trước ngày 15/01/2021")
  'month', // one calendar month ("Tháng 02/2023")
  'months', // a run of months ("05/2023 đến 11/2023")
  'quarter', // one quarter ("quý I năm 2021")
  'year', // one calendar year ("Năm 2023", "2022")
  'years', // a run of years ("2022-2023", "Năm 2022 - 2025")
  'every_year', // recurring yearly ("Hằng năm"): from/to = the plan period
  'every_school_year', // recurring each school year, 1/9–31/8 ("trong 01 năm học"): from/to = the school years the plan's years reach
  'all_year', // the whole plan year ("Cả năm")
  'range', // any other span (undated tasks: the plan period or the span inferred from the text)
] as const;

export const TimeWindow = z
  .object({
    kind: z.enum(windowKinds),
    from: isoDate,
    to: isoDate,
    due: isoDate.nullable(),
  })
  .refine((w) => w.from <= w.to, { message: 'window.from must be <= window.to' })
  .refine((w) => w.due === null || (w.due >= w.from && w.due <= w.to), {
    message: 'window.due must lie inside the window',
  });

export const Assignment = z.object({
  leadText: z.string(),
  leadKeys: z.array(z.string()),
  partnerText: z.string().nullable(),
  partnerKeys: z.array(z.string()),
  timeText: z.string(), // as written; "" when the text states no time (window then inferred, see task notes)
  window: TimeWindow,
  deliverables: z.array(z.string()),
});

export const Target = z.object({
  label: z.string().min(1),
  targetValue: z.number().nullable(),
  unit: z.string(),
  targetDate: isoDate.nullable(),
  baselineValue: z.number().nullable().optional(),
});

export const Goal = z.object({
  code: z.string().min(1),
  text: z.string().min(1),
  targets: z.array(Target),
});

export const Section = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  parentCode: z.string().nullable(),
  kind: z.enum(['part', 'project', 'subproject', 'heading']),
  // Appendix heading rows that carry their own time / lead / partner / product cells
  // (seed 002 rows I, II, III, VI). Not a task: the numbered rows under it are the tasks.
  headerRow: Assignment.optional(),
});

export const Task = z.object({
  number: z.string().min(1),
  numberAsWritten: z.string().optional(),
  sectionCode: z.string().nullable(),
  content: z.string().min(1),
  legalBasis: z.string().nullable(),
  notes: z.string().nullable(),
  budget: z.string().nullable(),
  assignments: z.array(Assignment).min(1),
});

export const CalendarEntry = z.object({
  label: z.string().min(1),
  from: isoDate,
  to: isoDate,
  recurring: z.boolean(), // true: repeats every year from the year of `from`
});

// Seed 000 only: the launch meeting and its programme (Chương trình).
export const AgendaItem = z.object({
  number: z.string(),
  content: z.string(),
  performerText: z.string(),
  performerKeys: z.array(z.string()),
});
export const PlanEvent = z.object({
  code: z.string(),
  title: z.string(),
  date: isoDate.nullable(),
  dateText: z.string(),
  place: z.string().nullable(),
  participants: z.array(z.string()),
  expectedParticipants: z.number().nullable(),
  agenda: z.array(AgendaItem),
});

// Seed 001 only: focal points, recorded as roles (no personal names or phone numbers).
export const FocalPoint = z.object({
  organisationText: z.string(),
  organisationKey: z.string(),
  unitText: z.string(),
  unitKey: z.string(),
  role: z.string(),
});

const ProvinceRef = z.object({
  name: z.string(), // as written in the plan
  oldCode: z.string().regex(/^\d{2}$/), // pre-2025 province code
  newCode: z.string().regex(/^\d{2}$/), // current province code (the Department is so-<newCode>)
});

export const Plan29Rules = z.object({
  targetProvinces2021to2025: z.array(ProvinceRef).length(30),
  selected2021: z.array(ProvinceRef).length(10),
  quota: z.object({
    perProvince: z.object({
      districts: z.number(),
      schools: z.number(),
      byLevel: z.object({ mam_non: z.number(), tieu_hoc: z.number(), thcs: z.number() }),
    }),
    perSchool: z.object({ teachers: z.number(), managers: z.number(), pupils: z.number() }),
  }),
});

export const Plan = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  number: z.string(),
  type: z.enum(['ke_hoach', 'quyet_dinh']),
  title: z.string().min(1),
  issuerKey: z.string(),
  signedOn: isoDate.nullable(),
  place: z.string().nullable(),
  signerTitle: z.string().nullable(),
  period: z.object({ from: isoDate, to: isoDate }).nullable(),
  legalBases: z.array(z.string()),
  recipients: z.array(z.string()),
  goals: z.array(Goal),
  sections: z.array(Section),
  tasks: z.array(Task),
  calendar: z.array(CalendarEntry).optional(),
  rules: Plan29Rules.optional(),
  events: z.array(PlanEvent).optional(),
  focalPoints: z.array(FocalPoint).optional(),
});

export type TimeWindow = z.infer<typeof TimeWindow>;
export type Assignment = z.infer<typeof Assignment>;
export type Goal = z.infer<typeof Goal>;
export type Section = z.infer<typeof Section>;
export type Task = z.infer<typeof Task>;
export type Plan = z.infer<typeof Plan>;

export const planKeys = [
  'kh-29-bgddt-2021',
  'kh-ketnghia-hanoi-2026',
  'kh-237-bgddt-2023',
  'qd-4969-bgddt-2021',
  'qd-cds-bgddt-2022',
] as const;
