import type { Refund } from '../../modules/payments/entities/refund.entity';
import type { Enrollment } from '../../modules/training/entities/enrollment.entity';

type SeatFields = Pick<Enrollment, 'status' | 'seatFeeFen' | 'seatHeldUntil' | 'seatPaymentId'>;

/**
 * A held seat whose time to pay has run out. The timer releases it at its next sweep; until
 * then the pages treat it as gone (the pay page says so, the cohort page offers to enrol again).
 */
export function holdExpired(enrollment: Pick<Enrollment, 'status' | 'seatHeldUntil'>, now = new Date()): boolean {
  return (
    enrollment.status === 'awaiting_payment' && enrollment.seatHeldUntil !== null && enrollment.seatHeldUntil <= now
  );
}

/** Where a trainee pays for their held seat. */
export const payPath = (enrollmentId: string) => `/training/enrollments/${enrollmentId}/pay`;

/**
 * What became of a seat's fee, as the trainee's pages tell it: held until a time, its time run
 * out, paid (with what was refunded of it), or never paid and let go. Null for a free seat (a
 * place in the queue has no fee yet either: it is fixed when a seat is held).
 */
export type SeatFeeState = 'held' | 'expired' | 'paid' | 'released';

export interface SeatFeeView {
  state: SeatFeeState;
  fen: number;
  heldUntil: Date | null;
  refunds: Array<{ amountFen: number; statusKey: string; createdAt: Date }>;
}

export function seatFeeView(enrollment: SeatFields, refunds: Refund[] = [], now = new Date()): SeatFeeView | null {
  if (enrollment.seatFeeFen === 0) return null;
  const state: SeatFeeState =
    enrollment.status === 'awaiting_payment'
      ? holdExpired(enrollment, now)
        ? 'expired'
        : 'held'
      : enrollment.seatPaymentId !== null
        ? 'paid'
        : 'released';
  return {
    state,
    fen: enrollment.seatFeeFen,
    heldUntil: enrollment.seatHeldUntil,
    refunds: refunds.map((r) => ({
      amountFen: r.amountFen,
      statusKey: `enrolment:refund.${r.status}`,
      createdAt: r.createdAt,
    })),
  };
}
