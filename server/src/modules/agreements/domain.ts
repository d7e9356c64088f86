/** Agreements followed up against the ledger. */

/** Behind schedule: past its end with less than committed delivered, or delivery lagging time elapsed by more than 25 points. */
export function agreementBehind(today: string, from: string, to: string, committed: number, delivered: number): boolean {
  if (committed <= 0) return false;
  const share = delivered / committed;
  if (today > to) return share < 1;
  if (today < from) return false;
  const total = Date.parse(to) - Date.parse(from) + 86_400_000;
  const elapsed = (Date.parse(today) - Date.parse(from) + 86_400_000) / total;
  return elapsed - share > 0.25;
}

/** Who may sign on the Ministry's side: the Ministry, its units, a Department or a school. */
export const COUNTERPART_KINDS = ['ministry', 'ministry_unit', 'department', 'school'];
