import {
  assertSellerTransition,
  canTransition,
  SELLER_STATUSES,
  SellerStatus,
} from '../../src/modules/sellers/seller-state';

const allowed: Array<[SellerStatus, SellerStatus]> = [
  ['pending_review', 'verified'],
  ['pending_review', 'rejected'],
  ['rejected', 'pending_review'],
  ['verified', 'suspended'],
  ['suspended', 'verified'],
];

describe('seller lifecycle', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertSellerTransition(from, to)).not.toThrow();
  });

  const refused = SELLER_STATUSES.flatMap((from) =>
    SELLER_STATUSES.map((to) => [from, to] as [SellerStatus, SellerStatus]),
  ).filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));
  it.each(refused)('refuses %s → %s with INVALID_SELLER_TRANSITION', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertSellerTransition(from, to)).toThrow(
      expect.objectContaining({ code: 'INVALID_SELLER_TRANSITION' }),
    );
  });
});
