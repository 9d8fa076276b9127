import { z } from 'zod';
import { emailSchema, mainlandPhoneSchema } from '../../../common/http/contact.schemas';
import { patchSchema } from '../../../common/http/patch';
import { regionCodeSchema } from '../../regions/dto/region.response';
import { HOUSEHOLD_FLAGS, SELLER_KINDS } from '../entities/seller.entity';
import { SELLER_STATUSES } from '../seller-state';

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a store says about itself; the application and its later edits share these rules. */
const storeFields = {
  displayName: text(60),
  originCountyCode: regionCodeSchema,
  originPlace: text(120).describe('Town and village'),
  contactPhone: mainlandPhoneSchema,
  description: z.string().trim().max(2000),
  photoIds: z.array(z.uuid()).max(9).describe('Uploaded through POST /api/v1/media/images'),
};

export const applySellerSchema = z.strictObject({
  ...storeFields,
  kind: z.enum(SELLER_KINDS),
  description: storeFields.description.default(''),
  photoIds: storeFields.photoIds.default([]),
  onBehalfOf: z.uuid().optional().describe('Trainers only: the trainee (who has consented) who will own the store'),
});
export type ApplySellerDto = z.infer<typeof applySellerSchema>;

/** Only the fields named change; no defaults, so an unnamed description or photo list stays. */
export const updateSellerSchema = patchSchema(storeFields);
export type UpdateSellerDto = z.infer<typeof updateSellerSchema>;

export const reasonSchema = z.strictObject({ reason: text(500) });
export const householdFlagsSchema = z.strictObject({
  flags: z.array(z.enum(HOUSEHOLD_FLAGS)).max(HOUSEHOLD_FLAGS.length),
  evidenceNote: text(1000),
});
export const stripeAccountSchema = z.strictObject({
  accountId: z
    .string()
    .regex(/^acct_[A-Za-z0-9]{6,64}$/, 'must be a Stripe Connect account id (acct_…)')
    .nullable(),
});
export const consentSchema = z.strictObject({ trainerId: z.uuid() });
export const staffContactSchema = z
  .strictObject({ email: emailSchema.optional(), phone: mainlandPhoneSchema.optional() })
  .refine((v) => Boolean(v.email) !== Boolean(v.phone), { message: 'give either email or phone', path: ['email'] });
export const staffParamSchema = z.strictObject({ id: z.uuid(), userId: z.uuid() });
export const sellerIdParamSchema = z.strictObject({ id: z.uuid() });
export const trainerIdParamSchema = z.strictObject({ trainerId: z.uuid() });
export const adminSellerQuerySchema = z.strictObject({
  status: z.enum(SELLER_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
