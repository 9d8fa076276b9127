import { DomainError } from '../../common/errors/domain-error';
import { transitionTable } from '../../common/transition-table';

export const ORDER_STATUSES = [
  'pending_payment',
  'awaiting_offline_payment',
  'confirmed',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'expired',
  'returned',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * DESIGN.md §4: pending_payment | awaiting_offline_payment → paid | cancelled | expired;
 * paid → shipped | cancelled; shipped → delivered; delivered → completed.
 * The checkout issue adds: a payment that arrives after expiry re-reserves the units
 * (expired → paid) or, when they are gone, cancels the order and refunds (expired → cancelled).
 *
 * Cash on delivery (货到付款) is `confirmed` at checkout: its units are held and it never
 * expires; it ships unpaid (confirmed → shipped) or is cancelled before it leaves. Payment is
 * a separate fact (`paidAt`, the cash recorded as collected at or after delivery), so the
 * table does not fork into paid and unpaid copies of shipped and delivered; instead
 * `delivered → completed` is refused while `paidAt` is empty (see `assertCompletable`).
 * A parcel refused at the door comes back: shipped → returned, its units back in stock.
 */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled', 'expired'],
  awaiting_offline_payment: ['paid', 'cancelled', 'expired'],
  confirmed: ['shipped', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered', 'returned'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
  expired: ['paid', 'cancelled'],
  returned: [],
};

/** Orders waiting for money before they ship; they expire when it does not come. */
export const UNPAID: readonly OrderStatus[] = ['pending_payment', 'awaiting_offline_payment'];

/** Orders holding units that no money has paid for yet: what the checkout limits count. */
export const HOLDING_UNPAID: readonly OrderStatus[] = [...UNPAID, 'confirmed'];

/** Orders the store has to send: paid, or cash on delivery confirmed. */
export const READY_TO_SHIP: readonly OrderStatus[] = ['paid', 'confirmed'];

/** Orders a buyer may still call off: nothing has left the farm. */
export const BUYER_CANCELLABLE: readonly OrderStatus[] = [...UNPAID, 'confirmed'];

const table = transitionTable('order', 'INVALID_ORDER_TRANSITION', TRANSITIONS);
export const canTransition = table.can;
export const assertOrderTransition = table.assert;

/** Completion needs the money in: a cash-on-delivery order completes only once its cash is collected. */
export function assertCompletable(order: { paidAt: Date | null }): void {
  if (order.paidAt === null) {
    throw new DomainError('conflict', 'ORDER_NOT_PAID', 'The order is not paid yet: its cash has not been collected');
  }
}
