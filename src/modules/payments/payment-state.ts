import { DomainError } from '../../common/errors/domain-error';

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

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertPaymentTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('conflict', 'INVALID_PAYMENT_TRANSITION', `A ${from} payment cannot become ${to}`, {
      from,
      to,
    });
  }
}
