import { z } from 'zod';
import { ORDER_STATUSES } from '../order-state';

const fen = z.number().int().min(0).max(100_000_00);

export const orderListQuerySchema = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const storeOrderListQuerySchema = orderListQuerySchema.extend({
  readyToShip: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: only the orders waiting to be shipped (paid, or cash on delivery confirmed)'),
});
export const orderIdParamSchema = z.strictObject({ id: z.uuid() });
export const storeOrderParamSchema = z.strictObject({ sellerId: z.uuid(), orderId: z.uuid() });
export const storeParamSchema = z.strictObject({ sellerId: z.uuid() });
export const shippingPolicySchema = z
  .strictObject({
    baseFeeFen: fen,
    perKgFen: fen.default(0),
    freeAboveFen: fen.nullable().default(null),
    coldChain: z.boolean().default(false),
    coldChainSurchargeFen: fen.default(0),
  })
  .refine((p) => p.coldChain || p.coldChainSurchargeFen === 0, {
    message: 'a surcharge needs coldChain: true',
    path: ['coldChainSurchargeFen'],
  });
export type ShippingPolicyDto = z.infer<typeof shippingPolicySchema>;

export const refundSchema = z.strictObject({
  amountFen: z.number().int().positive().max(100_000_000_00).optional().describe('Defaults to all that is left'),
  reason: z.string().trim().min(1).max(300),
  restock: z.boolean().default(false),
  offlineReference: z
    .string()
    .trim()
    .min(4)
    .max(64)
    .optional()
    .describe('Cash on delivery or bank transfer: the reference of the money given back'),
});
export type RefundDto = z.infer<typeof refundSchema>;
