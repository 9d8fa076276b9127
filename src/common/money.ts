/**
 * Money is integer fen (1/100 yuan), carried as JavaScript numbers within the safe-integer
 * range and stored in bigint columns (read back as strings). All arithmetic on money goes
 * through here: no floating point anywhere.
 */
export type Fen = number;

export function assertFen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount of fen: ${value}`);
  return value;
}

/** A bigint column's string (or a number) as fen. */
export function fenOf(value: string | number | bigint): Fen {
  return assertFen(Number(value));
}

export function sum(values: Fen[]): Fen {
  return assertFen(values.reduce((a, b) => a + b, 0));
}

/** `amount × basisPoints / 10 000`, rounded half up, in integers. */
export function basisPointsOf(amount: Fen, basisPoints: number): Fen {
  const product = BigInt(amount) * BigInt(basisPoints);
  return assertFen(Number((product * 2n + 10_000n) / 20_000n));
}

/**
 * Splits `total` in proportion to `weights` by the largest-remainder method: the parts are
 * integers and always add up to `total`.
 */
export function allocate(total: Fen, weights: number[]): Fen[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || weightSum <= 0) throw new RangeError('allocate needs positive weights');
  const t = BigInt(total);
  const w = weights.map(BigInt);
  const ws = BigInt(weightSum);
  const parts = w.map((wi) => (t * wi) / ws);
  const remainders = w.map((wi, i) => ({ i, r: (t * wi) % ws }));
  let left = Number(t - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i] += 1n;
    left--;
  }
  return parts.map((p) => assertFen(Number(p)));
}

/** `1234.50`, `-0.50` from fen: the decimal yuan of a form field or a spreadsheet cell, integers only. */
export function yuanDecimal(fen: Fen): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `¥1,234.50` from fen, as pages and messages show money. */
export function formatYuan(fen: Fen): string {
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
