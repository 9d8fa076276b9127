import {
  assertCompletable,
  assertOrderTransition,
  BUYER_CANCELLABLE,
  canTransition,
  HOLDING_UNPAID,
  ORDER_STATUSES,
  OrderStatus,
  UNPAID,
} from '../../src/modules/orders/order-state';

const allowed: Array<[OrderStatus, OrderStatus]> = [
  ['pending_payment', 'paid'],
  ['pending_payment', 'cancelled'],
  ['pending_payment', 'expired'],
  ['awaiting_offline_payment', 'paid'],
  ['awaiting_offline_payment', 'cancelled'],
  ['awaiting_offline_payment', 'expired'],
  // Cash on delivery: confirmed at checkout, shipped unpaid, or called off before it leaves.
  ['confirmed', 'shipped'],
  ['confirmed', 'cancelled'],
  ['paid', 'shipped'],
  ['paid', 'cancelled'],
  ['shipped', 'delivered'],
  // Refused at the door: the parcel comes back.
  ['shipped', 'returned'],
  ['delivered', 'completed'],
  ['expired', 'paid'],
  ['expired', 'cancelled'],
];

describe('order lifecycle', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertOrderTransition(from, to)).not.toThrow();
  });

  const refused = ORDER_STATUSES.flatMap((from) =>
    ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]),
  ).filter(([f, t]) => !allowed.some(([a, b]) => a === f && b === t));
  it.each(refused)('refuses %s → %s with INVALID_ORDER_TRANSITION', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertOrderTransition(from, to)).toThrow(
      expect.objectContaining({ code: 'INVALID_ORDER_TRANSITION' }),
    );
  });

  it('never leaves a terminal status', () => {
    for (const terminal of ['completed', 'cancelled', 'returned'] as const) {
      expect(ORDER_STATUSES.filter((to) => canTransition(terminal, to))).toEqual([]);
    }
  });

  it('never expires a cash-on-delivery order, yet counts it as holding unpaid units', () => {
    expect(canTransition('confirmed', 'expired')).toBe(false);
    expect(UNPAID).not.toContain('confirmed');
    expect(HOLDING_UNPAID).toEqual(
      expect.arrayContaining(['pending_payment', 'awaiting_offline_payment', 'confirmed']),
    );
    expect(BUYER_CANCELLABLE).toContain('confirmed');
    expect(BUYER_CANCELLABLE).not.toContain('paid');
  });

  it('completes an order only once its money is in', () => {
    expect(() => assertCompletable({ paidAt: null })).toThrow(expect.objectContaining({ code: 'ORDER_NOT_PAID' }));
    expect(() => assertCompletable({ paidAt: new Date() })).not.toThrow();
  });
});
