import { randomBytes } from 'node:crypto';

/**
 * Crockford's base32 alphabet: digits and capitals without I, L, O and U, so a code read aloud
 * or typed from paper has no look-alikes (0/O, 1/I/L) and spells no words.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 128 bits in 5-bit digits. */
export const CODE_LENGTH = 26;
const CANONICAL = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

/** A new certificate code: 128 random bits, unguessable, 26 characters (the unique index backs it). */
export function newCertificateCode(): string {
  const bytes = randomBytes(16);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    code = ALPHABET[Number(value & 31n)] + code;
    value >>= 5n;
  }
  return code;
}

/**
 * What someone typed as a code, in the stored form, or null when it cannot be one. Spaces,
 * hyphens and case are ignored, and the look-alikes Crockford allows are read as the digit
 * (O → 0, I and L → 1), so `7q2m-…` and `7Q2M…` find the same certificate.
 */
export function parseCertificateCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CANONICAL.test(code) ? code : null;
}

/** The code in groups of four for reading and typing: `7Q2M-K3XA-…-9C`. */
export function groupedCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
