import { z } from 'zod';
import { bankTransferSchema, paymentSchema, toBankTransfer, toPaymentResponse } from '../../payments/payments.module';
import type { SeatPaymentView } from '../seat-payments.service';
import { enrollmentResponseSchema, toEnrollmentResponse } from './enrollment.response';

export const seatPaymentResponseSchema = z.object({
  enrollment: enrollmentResponseSchema,
  /** Newest first (the one just asked for first); an open Stripe payment carries `clientSecret`. */
  payments: z.array(paymentSchema.extend({ clientSecret: z.string().nullable() })),
  bankTransfer: bankTransferSchema,
});

export const toSeatPaymentResponse = (v: SeatPaymentView): z.infer<typeof seatPaymentResponseSchema> => {
  const open = v.payments.filter((p) => p.payment.status === 'requires_payment' || p.payment.status === 'processing');
  return {
    enrollment: toEnrollmentResponse(v.enrollment),
    payments: v.payments.map((p) => ({ ...toPaymentResponse(p.payment), clientSecret: p.clientSecret })),
    bankTransfer: toBankTransfer(
      open.map((p) => p.payment),
      v.bankTransferAccount,
    ),
  };
};
