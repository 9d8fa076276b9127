import { allocate, basisPointsOf, sum } from '../../src/common/money';

describe('money', () => {
  it('takes basis points rounded half up', () => {
    expect(basisPointsOf(5990, 500)).toBe(300); // 299.5 → 300
    expect(basisPointsOf(5980, 500)).toBe(299);
    expect(basisPointsOf(1, 5000)).toBe(1);
    expect(basisPointsOf(0, 500)).toBe(0);
  });

  it('allocates by largest remainder, always adding up to the whole', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(1000, [5990, 9990])).toEqual([375, 625]);
    for (let total = 0; total < 500; total += 7) {
      const weights = [3, 11, 1, 29];
      const parts = allocate(total, weights);
      expect(sum(parts)).toBe(total);
      parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]) / 44)).toBeLessThan(1));
    }
  });

  it('refuses non-integer amounts', () => {
    expect(() => basisPointsOf(1.5, 100)).toThrow(RangeError);
  });
});
