import { transitionTable } from '../../common/transition-table';

export const PAYMENT_STATUSES = ['requires_payment', 'processing', 'succeeded', 'failed', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** DESIGN.md §4: requires_payment → processing → succeeded | failed; requires_payment → cancelled. */
const TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  requires_payment: ['processing', 'succeeded', 'failed', 'cancelled'],
  processing: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

const table = transitionTable('payment', 'INVALID_PAYMENT_TRANSITION', TRANSITIONS);
export const canTransition = table.can;
export const assertPaymentTransition = table.assert;
