import { ColumnOptions, ValueTransformer } from 'typeorm';
import { assertFen, Fen } from '../common/money';

/**
 * The one checked way money leaves the database: PostgreSQL returns `bigint` as a string, and
 * a bare `Number()` would quietly round an amount beyond 2^53 or turn garbage into NaN. This
 * refuses both loudly, so a broken amount stops the request instead of reaching a ledger.
 */
export function fenFromDatabase(value: unknown): Fen {
  if (typeof value === 'number') return assertFen(value);
  if (typeof value === 'bigint') return assertFen(Number(value));
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw new RangeError(`not an integer amount of fen from the database: ${String(value)}`);
  }
  const fen = Number(value);
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount of fen beyond the safe range: ${value}`);
  return fen;
}

export const fenTransformer: ValueTransformer = {
  from: (value: unknown) => (value === null || value === undefined ? value : fenFromDatabase(value)),
  // Values written may be FindOperators (In, Not...) as well as amounts; only amounts are checked.
  to: (value: unknown) => (typeof value === 'number' ? assertFen(value) : value),
};

/** Column options of a money column: `bigint` fen, read back as a checked number. */
export function fenColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): ColumnOptions {
  return { ...options, type: 'bigint', transformer: fenTransformer };
}
