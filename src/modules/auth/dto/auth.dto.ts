import { z } from 'zod';
import { emailSchema, mainlandPhoneSchema } from '../../../common/http/contact.schemas';

const exactlyOneContact = (v: { email?: string; phone?: string }) => Boolean(v.email) !== Boolean(v.phone);
const contactMessage = { message: 'give either email or phone', path: ['email'] };

export const registerSchema = z
  .strictObject({
    email: emailSchema.optional(),
    phone: mainlandPhoneSchema.optional(),
    password: z.string().min(10, 'must be at least 10 characters').max(128),
    displayName: z.string().trim().min(1).max(50).optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
  })
  .refine(exactlyOneContact, contactMessage);
export type RegisterDto = z.infer<typeof registerSchema>;

export const loginSchema = z
  .strictObject({
    email: emailSchema.optional(),
    phone: mainlandPhoneSchema.optional(),
    password: z.string().min(1).max(128),
  })
  .refine(exactlyOneContact, contactMessage);
export type LoginDto = z.infer<typeof loginSchema>;

export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });
export type RefreshDto = z.infer<typeof refreshSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
});
