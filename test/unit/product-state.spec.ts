import {
  assertProductTransition,
  canTransition,
  PRODUCT_STATUSES,
  ProductStatus,
} from '../../src/modules/catalog/product-state';

const allowed: Array<[ProductStatus, ProductStatus]> = [
  ['draft', 'pending_review'],
  ['pending_review', 'active'],
  ['pending_review', 'rejected'],
  ['rejected', 'pending_review'],
  ['active', 'paused'],
  ['paused', 'active'],
  ['active', 'archived'],
  ['paused', 'archived'],
];

describe('product lifecycle', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertProductTransition(from, to)).not.toThrow();
  });

  const refused = PRODUCT_STATUSES.flatMap((from) =>
    PRODUCT_STATUSES.map((to) => [from, to] as [ProductStatus, ProductStatus]),
  ).filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));
  it.each(refused)('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertProductTransition(from, to)).toThrow(
      expect.objectContaining({ code: 'INVALID_PRODUCT_TRANSITION' }),
    );
  });

  it('never leaves archived', () => {
    expect(PRODUCT_STATUSES.some((to) => canTransition('archived', to))).toBe(false);
  });
});
