import * as payment from '../../src/modules/payments/payment-state';
import * as payout from '../../src/modules/payments/payout-state';
import * as refund from '../../src/modules/payments/refund-state';

interface Table<S extends string> {
  name: string;
  statuses: readonly S[];
  allowed: Array<[S, S]>;
  canTransition: (from: S, to: S) => boolean;
  assert: (from: S, to: S) => void;
  code: string;
}

const tables = [
  {
    name: 'payment',
    statuses: payment.PAYMENT_STATUSES,
    allowed: [
      ['requires_payment', 'processing'],
      ['requires_payment', 'succeeded'],
      ['requires_payment', 'failed'],
      ['requires_payment', 'cancelled'],
      ['processing', 'succeeded'],
      ['processing', 'failed'],
    ],
    canTransition: payment.canTransition,
    assert: payment.assertPaymentTransition,
    code: 'INVALID_PAYMENT_TRANSITION',
  } satisfies Table<payment.PaymentStatus>,
  {
    name: 'refund',
    statuses: refund.REFUND_STATUSES,
    allowed: [
      ['pending', 'succeeded'],
      ['pending', 'failed'],
    ],
    canTransition: refund.canTransition,
    assert: refund.assertRefundTransition,
    code: 'INVALID_REFUND_TRANSITION',
  } satisfies Table<refund.RefundStatus>,
  {
    name: 'payout',
    statuses: payout.PAYOUT_STATUSES,
    allowed: [
      ['pending', 'paid'],
      ['pending', 'failed'],
    ],
    canTransition: payout.canTransition,
    assert: payout.assertPayoutTransition,
    code: 'INVALID_PAYOUT_TRANSITION',
  } satisfies Table<payout.PayoutStatus>,
] as Array<Table<string>>;

describe.each(tables)('$name lifecycle', (table) => {
  it.each(table.allowed)('allows %s → %s', (from, to) => {
    expect(table.canTransition(from, to)).toBe(true);
    expect(() => table.assert(from, to)).not.toThrow();
  });

  const refused = table.statuses
    .flatMap((from) => table.statuses.map((to) => [from, to] as [string, string]))
    .filter(([from, to]) => !table.allowed.some(([f, t]) => f === from && t === to));
  it.each(refused)(`refuses %s → %s with ${table.code}`, (from, to) => {
    expect(table.canTransition(from, to)).toBe(false);
    expect(() => table.assert(from, to)).toThrow(expect.objectContaining({ code: table.code }));
  });

  it('never leaves a final state', () => {
    const final = table.statuses.filter((s) => !table.allowed.some(([f]) => f === s));
    expect(final.length).toBeGreaterThan(0);
    for (const from of final) for (const to of table.statuses) expect(table.canTransition(from, to)).toBe(false);
  });
});
