import { z } from 'zod';
import { mainlandPhoneSchema } from '../../../common/http/contact.schemas';

/**
 * POST /cohorts/:id/enrollments. Empty: the caller enrols themself. With a phone: a manager of
 * the cohort enrols that person (an existing account, or a new one that signs in by SMS code).
 */
export const enrolSchema = z
  .strictObject({
    phone: mainlandPhoneSchema.optional(),
    /** The name a new account starts with; an existing account keeps its own. */
    displayName: z.string().trim().min(1).max(60).optional(),
  })
  .refine((body) => body.displayName === undefined || body.phone !== undefined, {
    path: ['displayName'],
    message: 'a display name is given only with a phone number',
  })
  .default({});
export type EnrolDto = z.infer<typeof enrolSchema>;

export const withdrawSchema = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).default({});
export type WithdrawDto = z.infer<typeof withdrawSchema>;

export const enrollmentIdParamSchema = z.strictObject({ id: z.uuid() });
