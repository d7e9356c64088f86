/**
 * Needs: the state machine, and a need's status and open remainder, always derived from its
 * pledges in the ledger, never typed.
 */
import type { NeedAction, NeedCategory, NeedState, NeedStatus, Priority } from '../../../../contracts/needs.js';

export type { NeedAction, NeedCategory, NeedState, NeedStatus, Priority };

/** Labels of the exports and of messages (the web has its own in its i18n catalogue). */
export const NEED_CATEGORY_LABELS: Record<NeedCategory, string> = {
  classroom: 'Xây mới, sửa chữa phòng học', subject_room: 'Phòng học bộ môn', toilet: 'Nhà vệ sinh', clean_water: 'Nước sạch',
  equipment: 'Thiết bị dạy học', boarding: 'Bán trú, nội trú', electricity: 'Điện', road: 'Đường đến trường', transport: 'Phương tiện đi lại',
  meals: 'Bữa ăn', books: 'Sách vở', warm_clothes: 'Áo ấm', scholarship: 'Học bổng', learning_software: 'Phần mềm học tập', teacher_training: 'Bồi dưỡng giáo viên',
};

export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  draft: 'Nháp', submitted: 'Chờ Sở xác minh', returned: 'Trả lại để bổ sung', verified: 'Đã xác minh', published: 'Đang kêu gọi',
  partly_pledged: 'Đã có cam kết một phần', fully_pledged: 'Đã đủ cam kết', delivered: 'Đã nhận đủ', accepted: 'Đã nghiệm thu',
  closed: 'Đã đóng', withdrawn: 'Đã rút',
};

/** The states the public sees. */
export const PUBLIC_STATES: NeedState[] = ['published', 'accepted', 'closed'];

/**
 * How far a need's pledges go, in one rule for money, quantity and both: a pledge that names a
 * quantity covers that quantity; a pledge in money alone covers its amount of the estimated cost.
 * A pledge's weight is counted in "quantity × cost" units so the sum stays exact (numeric in SQL):
 * q units weigh q × cost, v đồng weigh v × quantity, and the whole need weighs quantity × cost.
 * A need without an estimated cost is measured in quantity only. The SQL below is the only place
 * that computes it; the needs' lists and the ledger's check before a pledge both read it.
 */
const BASE = `(CASE WHEN n.estimated_cost > 0 THEN n.quantity * n.estimated_cost ELSE n.quantity END)`;
/** The whole need's weight in the same units (over `n`). */
export const BASE_SQL = BASE;
/**
 * The weight of a need's pledges (and receipts) from the ledger's summary (need_ledger, joined as
 * `l`): the sum of q × cost over pledges naming a quantity plus v × quantity over those in money
 * alone, equal to summing each pledge's weight. Computed over the joined row (not inside the join)
 * so the planner may hash-join the summary.
 */
export const PW_SQL = `(CASE WHEN n.estimated_cost > 0 THEN l.pq * n.estimated_cost + l.pvu * n.quantity ELSE l.pq END)`;
export const RW_SQL = `(CASE WHEN n.estimated_cost > 0 THEN l.rq * n.estimated_cost + l.rvu * n.quantity ELSE l.rq END)`;
const OPEN = `GREATEST(${BASE} - COALESCE(${PW_SQL}, 0), 0)`;

/** The columns of need_ledger `s` the ledger's join names. */
const LEDGER_SUMS_OF_S = `s.pledge_count AS pc, s.pledged_quantity AS pq, s.pledged_value AS pv, s.pledged_value_unmeasured AS pvu,
           s.received_quantity AS rq, s.received_value AS rv, s.received_value_unmeasured AS rvu, s.open AS op`;

/**
 * The ledger's sums against a need `n`, as a join named `l`: read from the summary the ledger's
 * transaction keeps (need_ledger, one row per need with pledges), never summed row by row.
 */
export const LEDGER_LATERAL_SQL = `LEFT JOIN LATERAL (
    SELECT ${LEDGER_SUMS_OF_S}
      FROM need_ledger s WHERE s.need_id = n.id) l ON true`;

/**
 * The same, read by one probe of need_ledger's key per need whatever the planner expects (`LIMIT 1`:
 * the table has one row per need): for a batch of 2,000 needs it would rather hash the whole
 * ledger (500,000 rows at national scale, 123 ms against 43 ms for the batch read by probes).
 */
export const LEDGER_PROBE_SQL = `LEFT JOIN LATERAL (
    SELECT ${LEDGER_SUMS_OF_S}
      FROM need_ledger s WHERE s.need_id = n.id LIMIT 1) l ON true`;

/**
 * Whether a need is open to pledges (published, and its pledges do not cover it: not
 * FULLY_PLEDGED_SQL), as the ledger's triggers store it beside the sums (need_ledger.open,
 * migration 0034; over `l`). need_totals.open counts them by province, category and state.
 */
export const OPEN_SQL = `(l.op IS TRUE)`;

/** Whether the pledges cover the whole need (over `n` and `l`). */
export const FULLY_PLEDGED_SQL = `(COALESCE(${PW_SQL}, 0) >= ${BASE})`;
/** What is still open in đồng, rounded up (over `n` and `l`). */
export const REMAINING_VALUE_SQL = `(CASE WHEN n.estimated_cost > 0 THEN ceil(${OPEN} / n.quantity) ELSE 0 END)`;
const OPEN_QUANTITY = `(CASE WHEN n.estimated_cost > 0 THEN ${OPEN} / n.estimated_cost ELSE ${OPEN} END)`;

/** The columns read into LedgerSums (over `n` and `l`). */
export const LEDGER_COLUMNS_SQL = `COALESCE(l.pc, 0) AS pledge_count, COALESCE(l.pq, 0) AS pledged_quantity, COALESCE(l.pv, 0)::text AS pledged_value,
    COALESCE(l.rq, 0) AS received_quantity, COALESCE(l.rv, 0)::text AS received_value,
    round(LEAST(COALESCE(${PW_SQL}, 0) / ${BASE}, 1), 4)::float8 AS pledged_share, round(LEAST(COALESCE(${RW_SQL}, 0) / ${BASE}, 1), 4)::float8 AS received_share,
    ${FULLY_PLEDGED_SQL} AS fully_pledged, (COALESCE(${RW_SQL}, 0) >= ${BASE}) AS fully_received,
    (CASE WHEN n.quantity = trunc(n.quantity) THEN ceil(${OPEN_QUANTITY}) ELSE round(${OPEN_QUANTITY}, 2) END)::float8 AS remaining_quantity,
    ${REMAINING_VALUE_SQL}::text AS remaining_value`;

export interface LedgerRow {
  pledge_count: number | string; pledged_quantity: number | string; pledged_value: string; received_quantity: number | string; received_value: string;
  pledged_share: number; received_share: number; fully_pledged: boolean; fully_received: boolean; remaining_quantity: number; remaining_value: string;
}

export interface LedgerSums {
  /** pledges not cancelled, in money or in kind */
  pledgeCount: number;
  /** quantity named by pledges not cancelled (pledged, delivered, received, accepted) */
  pledgedQuantity: number;
  /** đồng, a decimal string (an exact sum, may pass 2^53) */
  pledgedValue: string;
  /** quantity the school confirmed receiving (received, accepted) */
  receivedQuantity: number;
  receivedValue: string;
  /** the share of the need the pledges (and the receipts) cover, 0..1, money and quantity alike */
  pledgedShare: number;
  receivedShare: number;
  fullyPledged: boolean;
  fullyReceived: boolean;
  /** still open, in the need's unit and in đồng (rounded up) */
  remainingQuantity: number;
  remainingValue: number;
}

export const ledgerSums = (r: LedgerRow): LedgerSums => ({
  pledgeCount: Number(r.pledge_count), pledgedQuantity: Number(r.pledged_quantity), pledgedValue: r.pledged_value, receivedQuantity: Number(r.received_quantity),
  receivedValue: r.received_value, pledgedShare: Number(r.pledged_share), receivedShare: Number(r.received_share), fullyPledged: r.fully_pledged,
  fullyReceived: r.fully_received, remainingQuantity: Number(r.remaining_quantity), remainingValue: Number(r.remaining_value),
});

export function needStatus(state: NeedState, sums: LedgerSums): NeedStatus {
  if (state !== 'published') return state;
  if (sums.fullyReceived) return 'delivered';
  if (sums.fullyPledged) return 'fully_pledged';
  if (sums.pledgeCount > 0) return 'partly_pledged';
  return 'published';
}

/** The open remainder of a need: what is still to be pledged, in quantity and value (never negative). */
export function remainder(sums: LedgerSums): { quantity: number; value: number } {
  return { quantity: sums.remainingQuantity, value: sums.remainingValue };
}

interface Transition { from: NeedStatus[]; to: NeedState; needsReason?: boolean }
export const NEED_TRANSITIONS: Record<NeedAction, Transition> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned', needsReason: true },
  verify: { from: ['submitted'], to: 'verified' },
  publish: { from: ['verified'], to: 'published' },
  accept: { from: ['delivered'], to: 'accepted' },
  close: { from: ['accepted'], to: 'closed' },
  withdraw: { from: ['draft', 'submitted', 'returned', 'verified', 'published'], to: 'withdrawn', needsReason: true },
};

const ACTION_LABELS: Record<NeedAction, string> = {
  submit: 'gửi xác minh', return: 'trả lại', verify: 'xác minh', publish: 'công bố', accept: 'nghiệm thu', close: 'đóng', withdraw: 'rút',
};

/** The next state, or the reason in Vietnamese why the action is not allowed now. */
export function needTransition(status: NeedStatus, action: NeedAction, opts: { reason?: string | null; pledgeCount?: number; evidenceCount?: number } = {}): { to: NeedState } | { error: string } {
  const t = NEED_TRANSITIONS[action];
  if (!t.from.includes(status)) {
    return { error: `Không thể ${ACTION_LABELS[action]} nhu cầu đang ở trạng thái "${NEED_STATUS_LABELS[status]}"` };
  }
  if (t.needsReason && !opts.reason?.trim()) return { error: `Cần nêu lý do khi ${ACTION_LABELS[action]} nhu cầu` };
  if (action === 'withdraw' && (opts.pledgeCount ?? 0) > 0) return { error: 'Nhu cầu đã có cam kết tài trợ; hãy huỷ các cam kết trước khi rút' };
  if (action === 'accept' && !(opts.evidenceCount && opts.evidenceCount > 0)) return { error: 'Nghiệm thu cần có minh chứng (ảnh hoặc biên bản)' };
  return { to: t.to };
}

/** Only drafts and returned needs are edited. */
export const EDITABLE_STATES: NeedState[] = ['draft', 'returned'];
/** A finished need takes no more photos. */
export const FINISHED_STATES: NeedState[] = ['accepted', 'closed', 'withdrawn'];
