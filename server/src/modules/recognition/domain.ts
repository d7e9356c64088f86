/**
 * Pure rules of recognition: how an appraisal moves a nominee, what a decision may honour, and
 * the certificates' verification codes.
 */
import { randomBytes } from 'node:crypto';
import type { AppraisalAction, NomineeState } from '../../../../contracts/recognition.js';

/** The state an appraisal moves a proposed nominee to; null when the nominee is not awaiting appraisal. */
export function appraise(state: NomineeState, action: AppraisalAction): NomineeState | null {
  if (state !== 'proposed') return null;
  return action === 'accept' ? 'accepted' : action === 'ask_more' ? 'more_info' : 'refused';
}

/** Asking for more or refusing needs a reason (at least 5 characters). */
export const needsReason = (action: AppraisalAction) => action !== 'accept';

/** A nominee the board may answer: one Vụ TĐKT asked more of. */
export const mayRespond = (state: NomineeState) => state === 'more_info';

/** A decision honours only nominees accepted and not yet honoured. */
export const mayHonour = (state: NomineeState) => state === 'accepted';

/** Letters without look-alikes (no 0/O, 1/I/L), so a code read from paper is typed back right. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A certificate's verification code: `KN-<year>-XXXX-XXXX`, 40 bits of randomness. */
export function certificateCode(year: number, bytes: Buffer = randomBytes(8)): string {
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `KN-${year}-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

/** A code as typed: trimmed, upper case, spaces dropped. */
export const normaliseCode = (s: string) => s.trim().toUpperCase().replace(/\s+/g, '');
