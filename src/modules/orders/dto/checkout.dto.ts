import { z } from 'zod';
import { mainlandPhoneSchema } from '../../../common/http/contact.schemas';
import { PAYMENT_METHODS } from '../../payments/entities/payment.entity';
import { regionCodeSchema } from '../../regions/dto/region.response';

export const checkoutSchema = z.strictObject({
  items: z
    .array(z.strictObject({ variantId: z.uuid(), quantity: z.number().int().min(1).max(100_000) }))
    .min(1)
    .max(50)
    .refine((items) => new Set(items.map((i) => i.variantId)).size === items.length, {
      message: 'list each variant once',
    }),
  shippingAddress: z.strictObject({
    recipient: z.string().trim().min(1).max(40),
    phone: mainlandPhoneSchema,
    countyCode: regionCodeSchema,
    detail: z.string().trim().min(1).max(200),
  }),
  paymentMethod: z.enum(PAYMENT_METHODS),
  /** Bought in this live session: its pinned items at their live price while it is live (docs/livestreams.md). */
  liveSessionId: z.uuid().optional(),
});
export type CheckoutDto = z.infer<typeof checkoutSchema>;

export const idempotencyKeySchema = z.string().trim().min(1).max(100);
