import { z } from 'zod';
import { emailSchema, mainlandPhoneSchema } from '../../common/http/contact.schemas';

/** A mainland mobile number, told as "enter 11 digits" when it is not one; normalised to +86…. */
export const phoneField = z
  .string()
  .max(30)
  .refine((v) => mainlandPhoneSchema.safeParse(v).success, 'phone')
  .transform((v) => mainlandPhoneSchema.parse(v));

export const nextField = z.string().max(2000).optional();

/** "Phone number or e-mail" in one field, as people type it. */
export function contactOf(account: string): { phone: string } | { email: string } | null {
  const phone = mainlandPhoneSchema.safeParse(account);
  if (phone.success) return { phone: phone.data };
  const email = emailSchema.safeParse(account);
  return email.success ? { email: email.data } : null;
}

/** `?next=…` for links between the login pages, or nothing when it is the home page. */
export function nextQueryOf(next: string): string {
  return next && next !== '/' ? `?next=${encodeURIComponent(next)}` : '';
}
