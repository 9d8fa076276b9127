import { randomUUID } from 'node:crypto';
import { MAX_GUEST_CART_LINES, parseGuestCart, serializeGuestCart } from '../../src/web/shopping/guest-cart';

describe("a guest's cart cookie", () => {
  const a = randomUUID();
  const b = randomUUID();

  it('reads back what it wrote', () => {
    const choices = [
      { variantId: a, quantity: 2 },
      { variantId: b, quantity: 1 },
    ];
    expect(parseGuestCart(serializeGuestCart(choices))).toEqual(choices);
  });

  it('drops what is malformed: no uuid, no whole positive quantity, duplicates, too large', () => {
    expect(parseGuestCart(undefined)).toEqual([]);
    expect(parseGuestCart(`x:1,${a}:0,${a}:-1,${a}:1.5,${a}:abc,${b}:99999999,${a}:3,${a}:4`)).toEqual([
      { variantId: a, quantity: 3 },
    ]);
    expect(parseGuestCart('a'.repeat(5_000))).toEqual([]);
  });

  it(`keeps at most ${MAX_GUEST_CART_LINES} lines`, () => {
    const many = Array.from({ length: 40 }, () => ({ variantId: randomUUID(), quantity: 1 }));
    expect(parseGuestCart(many.map((c) => `${c.variantId}:1`).join(','))).toHaveLength(MAX_GUEST_CART_LINES);
    expect(parseGuestCart(serializeGuestCart(many))).toEqual(many.slice(0, MAX_GUEST_CART_LINES));
  });
});
