import { transitionTable } from '../../common/transition-table';

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * DESIGN.md §4: pending → succeeded | failed. A refund is recorded pending (Stripe has not
 * answered, or finance has not given the cash back yet); both ends are final: a failed refund
 * frees its amount for a new refund rather than being retried under the same record.
 */
const TRANSITIONS: Record<RefundStatus, readonly RefundStatus[]> = {
  pending: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

const table = transitionTable('refund', 'INVALID_REFUND_TRANSITION', TRANSITIONS);
export const canTransition = table.can;
export const assertRefundTransition = table.assert;
