import { DomainError } from '../../common/errors/domain-error';

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

export function canTransition(from: RefundStatus, to: RefundStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertRefundTransition(from: RefundStatus, to: RefundStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('conflict', 'INVALID_REFUND_TRANSITION', `A ${from} refund cannot become ${to}`, {
      from,
      to,
    });
  }
}
