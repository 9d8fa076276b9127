import { z } from 'zod';
import { statusHistorySchema, toStatusHistory } from '../../../common/http/status-history';
import { Payment, PAYMENT_METHODS } from '../../payments/entities/payment.entity';
import {
  type BankTransferAccount,
  bankTransferSchema,
  paymentSchema,
  toBankTransfer,
  toPaymentResponse,
} from '../../payments/dto/payment.response';
import { Refund, REFUND_STATUSES } from '../../payments/entities/refund.entity';
import { OrderGroup } from '../entities/order-group.entity';
import { OrderLine } from '../entities/order-line.entity';
import { OrderStatusChange } from '../entities/order-status-change.entity';
import { Order } from '../entities/order.entity';
import { ORDER_STATUSES } from '../order-state';

export { bankTransferSchema, paymentSchema, toPaymentResponse };
export type { BankTransferAccount };

export const orderSummarySchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  sellerId: z.uuid(),
  status: z.enum(ORDER_STATUSES),
  goodsFen: z.number().int(),
  shippingFen: z.number().int(),
  totalFen: z.number().int(),
  currency: z.string(),
  expiresAt: z.string().nullable().describe('An unpaid order expires then; null: it never expires (cash on delivery)'),
  paidAt: z
    .string()
    .nullable()
    .describe('When the money arrived; cash on delivery is paid when its cash is collected, after delivery'),
  receiptConfirmedAt: z
    .string()
    .nullable()
    .describe(
      'When the buyer confirmed the goods arrived (cash on delivery stays delivered until its cash is recorded)',
    ),
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
  expiresAt: o.expiresAt?.toISOString() ?? null,
  paidAt: o.paidAt?.toISOString() ?? null,
  receiptConfirmedAt: o.receiptConfirmedAt?.toISOString() ?? null,
  createdAt: o.createdAt.toISOString(),
});

const orderDetailBaseSchema = orderSummarySchema.extend({
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

/** The buyer's view: never the platform's commission (that is between the platform and the store). */
export const orderDetailSchema = orderDetailBaseSchema.extend({ bankTransfer: bankTransferSchema });
/** The store's view adds what the platform keeps. */
export const storeOrderDetailSchema = orderDetailBaseSchema.extend({
  commissionFen: z
    .number()
    .int()
    .describe('The platform commission on the goods; the store receives goods + shipping − commission'),
});

interface OrderDetailView {
  order: Order;
  lines: OrderLine[];
  payments: Payment[];
  history: OrderStatusChange[];
  bankTransferAccount: BankTransferAccount | null;
}

export const toOrderDetail = (d: OrderDetailView): z.infer<typeof orderDetailSchema> => ({
  ...toDetailBase(d),
  bankTransfer: toBankTransfer(d.payments, d.bankTransferAccount),
});

export const toStoreOrderDetail = (d: OrderDetailView): z.infer<typeof storeOrderDetailSchema> => ({
  ...toDetailBase(d),
  commissionFen: d.order.commissionFen,
});

const toDetailBase = (d: OrderDetailView): z.infer<typeof orderDetailBaseSchema> => ({
  ...toOrderSummary(d.order),
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
    unitPriceFen: l.unitPriceFen,
    lineTotalFen: l.lineTotalFen,
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
  bankTransfer: bankTransferSchema,
});
export const toCheckoutResponse = (
  group: OrderGroup,
  orders: Order[],
  payments: Array<{ payment: Payment; clientSecret: string | null }>,
  bankTransferAccount: BankTransferAccount | null,
): z.infer<typeof checkoutResponseSchema> => ({
  groupId: group.id,
  totalFen: group.totalFen,
  currency: group.currency,
  paymentMethod: group.paymentMethod,
  orders: orders.map(toOrderSummary),
  payments: payments.map((p) => ({ ...toPaymentResponse(p.payment), clientSecret: p.clientSecret })),
  bankTransfer: toBankTransfer(
    payments.map((p) => p.payment),
    bankTransferAccount,
  ),
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
