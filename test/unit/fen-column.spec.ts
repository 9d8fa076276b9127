import { fenFromDatabase, fenTransformer } from '../../src/database/fen-column';

describe('money read from the database', () => {
  it.each([
    ['0', 0],
    ['107840', 107840],
    ['-6990', -6990],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('reads bigint %s as %d fen', (raw, fen) => {
    expect(fenFromDatabase(raw)).toBe(fen);
    expect(fenTransformer.from(raw)).toBe(fen);
  });

  it.each(['9007199254740993', '-9007199254740993', '12.5', '1e3', '', ' 12', 'NaN', '0x10'])(
    'refuses %p loudly instead of rounding or guessing',
    (raw) => {
      expect(() => fenFromDatabase(raw)).toThrow(RangeError);
    },
  );

  it('refuses a non-integer number', () => {
    expect(() => fenFromDatabase(12.5)).toThrow(RangeError);
    expect(() => fenTransformer.to(0.1 + 0.2)).toThrow(RangeError);
  });

  it('passes null (a nullable column) and query operators through', () => {
    expect(fenTransformer.from(null)).toBeNull();
    expect(fenTransformer.to(null)).toBeNull();
    const operator = { type: 'in', value: [1, 2] };
    expect(fenTransformer.to(operator)).toBe(operator);
    expect(fenTransformer.to(5990)).toBe(5990);
  });
});
