import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/**
 * A record placed by its organiser: the organisation, its kind and province; and, where an
 * evaluation is asked, the organisations taking part (organiser, co-organisers, invitees).
 */
export interface PlacedActivity { organiserId: string; organiserKind: string; organiserProvince: string | null; participantIds?: string[] }

const signedIn = (a: Actor) => a.userId !== null;
/** The roles that organise programme work: the Ministry and its units, Departments and their offices, units (training institutions, clusters, the secretariat). */
const ORGANISING_ROLES = ['ministry', 'department', 'unit'];

/**
 * Who writes a record: the organiser's own staff; the Ministry's coordinators for the Ministry and
 * its units; a Department for itself, its offices and clusters in its province; administrators.
 */
const organiserSide = (a: Actor, r: PlacedActivity) =>
  a.role === 'admin'
  || (ORGANISING_ROLES.includes(a.role) && a.organisationId === r.organiserId)
  || (a.role === 'ministry' && ['ministry', 'ministry_unit'].includes(r.organiserKind))
  || (a.role === 'department' && !!a.provinceCode && a.provinceCode === r.organiserProvince && ['department', 'department_unit', 'cluster'].includes(r.organiserKind));

/**
 * Programme records. Every signed-in account reads the register (records carry counts, never
 * names, and are the evidence of plan tasks, which every account reads); the public does not, as
 * it does not read plans' progress. The organiser's side creates, edits and attaches materials.
 */
export const activityPolicy = definePolicy<PlacedActivity, 'read' | 'create' | 'edit' | 'attach' | 'feedback'>({
  read: (a) => signedIn(a),
  /**
   * a participant's own evaluation: an account of an organisation taking part (the organiser, a
   * co-organiser, an invitee), once, when the activity is held (service.ts); others did not attend
   */
  feedback: (a, r) => signedIn(a) && !!a.organisationId && (r.participantIds ?? []).includes(a.organisationId),
  create: organiserSide,
  edit: organiserSide,
  attach: organiserSide,
});

/** Whether the actor writes records for an organisation (a co-organiser whose tasks a record may serve). */
export const actsFor = (a: Actor, o: { id: string; kind: string; province_code: string | null }) =>
  organiserSide(a, { organiserId: o.id, organiserKind: o.kind, organiserProvince: o.province_code });

export const mayOrganise = (a: Actor) => a.role === 'admin' || ORGANISING_ROLES.includes(a.role);

/** Page-level abilities: read the register, record an activity. */
export const activitiesCapabilities = (a: Actor) => ({
  read: signedIn(a),
  create: mayOrganise(a),
});
