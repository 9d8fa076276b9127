import { ShippingPolicy } from '../../src/modules/orders/entities/shipping-policy.entity';
import {
  assertOrderTransition,
  canTransition,
  ORDER_STATUSES,
  OrderStatus,
} from '../../src/modules/orders/order-state';
import { commissionFor, shippingFeeFor, unitPriceFor } from '../../src/modules/orders/pricing';

const policy = (p: Partial<ShippingPolicy>): ShippingPolicy =>
  ({
    sellerId: 's',
    baseFeeFen: 1000,
    perKgFen: 200,
    freeAboveFen: null,
    coldChain: false,
    coldChainSurchargeFen: 0,
    ...p,
  }) as ShippingPolicy;

describe('order pricing', () => {
  it('applies the highest quantity tier reached', () => {
    const tiers = [
      { minQuantity: 5, priceFen: 9490 },
      { minQuantity: 10, priceFen: 8990 },
    ];
    expect(unitPriceFor(9990, tiers, 4)).toBe(9990);
    expect(unitPriceFor(9990, tiers, 5)).toBe(9490);
    expect(unitPriceFor(9990, tiers, 12)).toBe(8990);
    expect(unitPriceFor(9990, [], 12)).toBe(9990);
  });

  it('charges a base fee for the first kilogram and per started kilogram after it', () => {
    expect(shippingFeeFor(policy({}), 5000, 1000, false)).toBe(1000);
    expect(shippingFeeFor(policy({}), 5000, 1001, false)).toBe(1200);
    expect(shippingFeeFor(policy({}), 5000, 5000, false)).toBe(1800);
    expect(shippingFeeFor(policy({ freeAboveFen: 5000 }), 5000, 5000, false)).toBe(0);
    expect(
      shippingFeeFor(policy({ freeAboveFen: 5000, coldChain: true, coldChainSurchargeFen: 800 }), 5000, 5000, true),
    ).toBe(800);
  });

  it('takes commission on goods, rounded half up', () => {
    expect(commissionFor(53440, 500)).toBe(2672);
    expect(commissionFor(5990, 500)).toBe(300);
  });
});

const allowed: Array<[OrderStatus, OrderStatus]> = [
  ['pending_payment', 'paid'],
  ['pending_payment', 'cancelled'],
  ['pending_payment', 'expired'],
  ['awaiting_offline_payment', 'paid'],
  ['awaiting_offline_payment', 'cancelled'],
  ['awaiting_offline_payment', 'expired'],
  ['paid', 'shipped'],
  ['paid', 'cancelled'],
  ['shipped', 'delivered'],
  ['delivered', 'completed'],
  ['expired', 'paid'],
  ['expired', 'cancelled'],
];

describe('order lifecycle', () => {
  it.each(allowed)('allows %s → %s', (from, to) => expect(canTransition(from, to)).toBe(true));
  const refused = ORDER_STATUSES.flatMap((from) =>
    ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]),
  ).filter(([f, t]) => !allowed.some(([a, b]) => a === f && b === t));
  it.each(refused)('refuses %s → %s', (from, to) =>
    expect(() => assertOrderTransition(from, to)).toThrow(
      expect.objectContaining({ code: 'INVALID_ORDER_TRANSITION' }),
    ),
  );
});
