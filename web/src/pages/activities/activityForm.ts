/** The record form's values (text as typed), their checks and the request they make. */
import { z } from 'zod';
import { ACTIVITY_KINDS, ACTIVITY_STATES, PARTICIPANT_GROUPS, type ActivityDetail, type ActivityInput, type ActivityKind, type ActivityState, type ParticipantGroup } from '../../../../contracts/activities';
import { inputDate, parseViDecimal, parseViInteger, parseVnDate } from '../../lib/format';

export interface ActivityValues extends Record<string, unknown> {
  organiserId: string;
  kind: ActivityKind;
  state: ActivityState;
  title: string;
  summary: string;
  startsOn: string;
  endsOn: string;
  place: string;
  link: string;
  channel: string;
  provinceCode: string;
  audience: string;
  reach: string;
  taskIds: string[];
  /** planned and actual counts per group, as typed */
  participants: Record<ParticipantGroup, { planned: string; actual: string }>;
  respondents: string;
  score: string;
  evaluationNote: string;
  /** co-organisers and invited organisations, with their names for the pickers */
  coOrganisers: { id: string; name: string }[];
  invitees: { id: string; name: string }[];
  /** the programme: time, content, who is responsible (a signing keeps its agreement, a unit its id) */
  agenda: AgendaRow[];
}

export interface AgendaRow { time: string; content: string; responsible: string; responsibleId: string | null; agreementId: string | null }
export const emptyAgendaRow = (): AgendaRow => ({ time: '', content: '', responsible: '', responsibleId: null, agreementId: null });

const noCounts = () => Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, { planned: '', actual: '' }])) as ActivityValues['participants'];

export const emptyActivity = (organiserId: string, taskId: string | null): ActivityValues => ({
  organiserId, kind: 'training', state: 'held', title: '', summary: '', startsOn: '', endsOn: '', place: '', link: '', channel: '', provinceCode: '', audience: '', reach: '',
  taskIds: taskId ? [taskId] : [], participants: noCounts(), respondents: '', score: '', evaluationNote: '',
  coOrganisers: [], invitees: [], agenda: [],
});
const ref = (o: { id: string; name: string; shortName: string | null }) => ({ id: o.id, name: o.shortName ?? o.name });

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
export function fromActivity(a: ActivityDetail): ActivityValues {
  const participants = noCounts();
  for (const p of a.participants) participants[p.group] = { planned: str(p.planned), actual: str(p.actual) };
  return {
    organiserId: a.organiser.id, kind: a.kind, state: a.state, title: a.title, summary: a.summary ?? '', startsOn: inputDate(a.startsOn), endsOn: inputDate(a.endsOn),
    place: a.place ?? '', link: a.link ?? '', channel: a.channel ?? '', provinceCode: a.provinceCode ?? '', audience: a.audience ?? '', reach: str(a.reach),
    taskIds: a.tasks.map((t) => t.id), participants, respondents: str(a.evaluation.respondents), score: str(a.evaluation.score), evaluationNote: a.evaluation.note ?? '',
    coOrganisers: a.coOrganisers.map(ref), invitees: a.invitees.map(ref),
    agenda: a.agenda.map((i) => ({ time: i.time ?? '', content: i.content, responsible: i.responsible ?? '', responsibleId: i.responsibleOrg?.id ?? null, agreementId: i.agreement?.id ?? null })),
  };
}

const count = (s: string) => { if (!s.trim()) return true; const n = parseViInteger(s); return n !== undefined && !Number.isNaN(n) && n >= 0; };
const date = (s: string) => parseVnDate(s) !== null;

/** The form's checks, with the contract's messages (the server checks the same and more). */
export const activitySchema = (m: { date: string; count: string; score: string }) =>
  z.object({
    kind: z.enum(ACTIVITY_KINDS),
    state: z.enum(ACTIVITY_STATES),
    title: z.string().trim().min(3, 'Tên hoạt động quá ngắn').max(500),
    startsOn: z.string().refine(date, m.date),
    endsOn: z.string().refine((s) => !s.trim() || date(s), m.date),
    reach: z.string().refine(count, m.count),
    respondents: z.string().refine(count, m.count),
    score: z.string().refine((s) => { if (!s.trim()) return true; const n = parseViDecimal(s); return n !== undefined && n >= 1 && n <= 5; }, m.score),
  });

const int = (s: string) => (s.trim() ? (parseViInteger(s) ?? null) : null);
const text = (s: string) => s.trim() || null;

export function activityBody(v: ActivityValues): ActivityInput {
  const participants = PARTICIPANT_GROUPS.flatMap((g) => {
    const p = v.participants[g];
    const planned = int(p.planned);
    const actual = int(p.actual);
    return planned === null && actual === null ? [] : [{ group: g, planned, actual }];
  });
  const score = v.score.trim() ? (parseViDecimal(v.score) ?? null) : null;
  const respondents = int(v.respondents);
  const evaluated = v.state === 'held' && (score !== null || respondents !== null || !!v.evaluationNote.trim());
  return {
    organiserId: v.organiserId, kind: v.kind, state: v.state, title: v.title.trim(), summary: text(v.summary), startsOn: parseVnDate(v.startsOn)!,
    endsOn: v.endsOn.trim() ? parseVnDate(v.endsOn) : null, place: text(v.place), link: text(v.link), channel: text(v.channel), provinceCode: v.provinceCode || null,
    audience: text(v.audience), reach: int(v.reach), taskIds: v.taskIds, participants,
    evaluation: evaluated ? { respondents, score, note: text(v.evaluationNote) } : null,
    coOrganiserIds: v.coOrganisers.map((o) => o.id), inviteeIds: v.invitees.map((o) => o.id),
    agenda: v.agenda.filter((i) => i.content.trim()).map((i) => ({ time: text(i.time), content: i.content.trim(), responsible: text(i.responsible), responsibleId: i.responsibleId, agreementId: i.agreementId })),
  };
}
