import { z } from 'zod';

/** A mainland mobile number in any common spelling, normalised to E.164 (+861XXXXXXXXXX). */
export const mainlandPhoneSchema = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(?:\+?86)?1[3-9]\d{9}$/, 'must be a mainland China mobile number'))
  .transform((v) => `+86${v.slice(-11)}`);

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((v) => v.toLowerCase());
