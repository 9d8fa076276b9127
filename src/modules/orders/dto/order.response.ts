import { z } from 'zod';
import { statusHistorySchema, toStatusHistory } from '../../../common/http/status-history';
import { Payment, PAYMENT_METHODS } from '../../payments/entities/payment.entity';
import { Refund, REFUND_STATUSES } from '../../payments/entities/refund.entity';
import { PAYMENT_STATUSES } from '../../payments/payment-state';
import { OrderGroup } from '../entities/order-group.entity';
import { OrderLine } from '../entities/order-line.entity';
import { OrderStatusChange } from '../entities/order-status-change.entity';
import { Order } from '../entities/order.entity';
import { ORDER_STATUSES } from '../order-state';

export const orderSummarySchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  sellerId: z.uuid(),
  status: z.enum(ORDER_STATUSES),
  goodsFen: z.number().int(),
  shippingFen: z.number().int(),
  totalFen: z.number().int(),
  currency: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
});

export const toOrderSummary = (o: Order): z.infer<typeof orderSummarySchema> => ({
  id: o.id,
  groupId: o.groupId,
  sellerId: o.sellerId,
  status: o.status,
  goodsFen: o.goodsFen,
  shippingFen: o.shippingFen,
  totalFen: o.totalFen,
  currency: o.currency,
  expiresAt: o.expiresAt.toISOString(),
  createdAt: o.createdAt.toISOString(),
});

export const paymentSchema = z.object({
  id: z.uuid(),
  method: z.enum(PAYMENT_METHODS),
  status: z.enum(PAYMENT_STATUSES),
  amountFen: z.number().int(),
  currency: z.string(),
});
export const toPaymentResponse = (p: Payment): z.infer<typeof paymentSchema> => ({
  id: p.id,
  method: p.method,
  status: p.status,
  amountFen: p.amountFen,
  currency: p.currency,
});

export const orderDetailSchema = orderSummarySchema.extend({
  commissionFen: z
    .number()
    .int()
    .describe('The platform commission on the goods; the store receives goods + shipping − commission'),
  shippingAddress: z.object({ recipient: z.string(), phone: z.string(), countyCode: z.string(), detail: z.string() }),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  cancelReason: z.string().nullable(),
  lines: z.array(
    z.object({
      productId: z.uuid(),
      variantId: z.uuid(),
      productTitle: z.string(),
      variantName: z.string(),
      quantity: z.number().int(),
      unitPriceFen: z.number().int(),
      lineTotalFen: z.number().int(),
    }),
  ),
  payments: z.array(paymentSchema),
  history: statusHistorySchema,
});

export const toOrderDetail = (d: {
  order: Order;
  lines: OrderLine[];
  payments: Payment[];
  history: OrderStatusChange[];
}): z.infer<typeof orderDetailSchema> => ({
  ...toOrderSummary(d.order),
  commissionFen: d.order.commissionFen,
  shippingAddress: d.order.shippingAddress,
  carrier: d.order.carrier,
  trackingNumber: d.order.trackingNumber,
  cancelReason: d.order.cancelReason,
  lines: d.lines.map((l) => ({
    productId: l.productId,
    variantId: l.variantId,
    productTitle: l.productTitle,
    variantName: l.variantName,
    quantity: l.quantity,
    unitPriceFen: Number(l.unitPriceFen),
    lineTotalFen: Number(l.lineTotalFen),
  })),
  payments: d.payments.map(toPaymentResponse),
  history: toStatusHistory(d.history.map((h) => ({ ...h, actorId: h.actorId ?? 'system' }))),
});

export const checkoutResponseSchema = z.object({
  groupId: z.uuid(),
  totalFen: z.number().int(),
  currency: z.string(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  orders: z.array(orderSummarySchema),
  payments: z.array(
    paymentSchema.extend({
      clientSecret: z
        .string()
        .nullable()
        .describe('Stripe only: confirm the PaymentIntent with it (Stripe.js or the mobile SDKs)'),
    }),
  ),
});
export const toCheckoutResponse = (
  group: OrderGroup,
  orders: Order[],
  payments: Array<{ payment: Payment; clientSecret: string | null }>,
): z.infer<typeof checkoutResponseSchema> => ({
  groupId: group.id,
  totalFen: group.totalFen,
  currency: group.currency,
  paymentMethod: group.paymentMethod,
  orders: orders.map(toOrderSummary),
  payments: payments.map((p) => ({ ...toPaymentResponse(p.payment), clientSecret: p.clientSecret })),
});

export const orderPageSchema = z.object({ items: z.array(orderSummarySchema), nextCursor: z.string().nullable() });

export const refundResponseSchema = z.object({
  id: z.uuid(),
  amountFen: z.number().int(),
  status: z.enum(REFUND_STATUSES),
  reason: z.string(),
  externalReference: z.string().nullable(),
});
export const toRefundResponse = (r: Refund): z.infer<typeof refundResponseSchema> => ({
  id: r.id,
  amountFen: r.amountFen,
  status: r.status,
  reason: r.reason,
  externalReference: r.externalReference,
});
