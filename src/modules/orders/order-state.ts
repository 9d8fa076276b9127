import { DomainError } from '../../common/errors/domain-error';

export const ORDER_STATUSES = [
  'pending_payment',
  'awaiting_offline_payment',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'expired',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * DESIGN.md §4: pending_payment | awaiting_offline_payment → paid | cancelled | expired;
 * paid → shipped | cancelled; shipped → delivered; delivered → completed.
 * The checkout issue adds: a payment that arrives after expiry re-reserves the units
 * (expired → paid) or, when they are gone, cancels the order and refunds (expired → cancelled).
 */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled', 'expired'],
  awaiting_offline_payment: ['paid', 'cancelled', 'expired'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
  expired: ['paid', 'cancelled'],
};

export const UNPAID: readonly OrderStatus[] = ['pending_payment', 'awaiting_offline_payment'];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertOrderTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('conflict', 'INVALID_ORDER_TRANSITION', `A ${from} order cannot become ${to}`, { from, to });
  }
}
