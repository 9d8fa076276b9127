import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a buyer copies this by hand into a bank app's remark field. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 8;

/**
 * `FR` and 8 characters of a 31-letter alphabet (31⁸ ≈ 8.5 × 10¹¹ values), random so that
 * one reference tells nothing about another. The unique index is what guarantees uniqueness;
 * at that size a collision (which would fail the checkout, to be retried) is not expected.
 */
export function newTransferReference(): string {
  let code = 'FR';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What finance types from a bank statement: any case, spaces or dashes, e.g. `fr 7k3m-9qx2`. */
export function normaliseTransferReference(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}
