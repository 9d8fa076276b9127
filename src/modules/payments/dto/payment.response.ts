import { z } from 'zod';
import { Payment, PAYMENT_METHODS } from '../entities/payment.entity';
import { PAYMENT_STATUSES } from '../payment-state';

/** A payment as its payer sees it (orders and seat fees alike). */
export const paymentSchema = z.object({
  id: z.uuid(),
  method: z.enum(PAYMENT_METHODS),
  status: z.enum(PAYMENT_STATUSES),
  amountFen: z.number().int(),
  currency: z.string(),
  transferReference: z.string().nullable().describe('Bank transfer: the reference to write in the remark'),
});
export const toPaymentResponse = (p: Payment): z.infer<typeof paymentSchema> => ({
  id: p.id,
  method: p.method,
  status: p.status,
  amountFen: p.amountFen,
  currency: p.currency,
  transferReference: p.transferReference,
});

export interface BankTransferAccount {
  accountName: string;
  bankName: string;
  accountNumber: string;
}

/** What a buyer needs to pay by bank transfer: the platform's account, the amount, and the remark. */
export const bankTransferSchema = z
  .object({
    accountName: z.string(),
    bankName: z.string(),
    accountNumber: z.string(),
    amountFen: z.number().int(),
    reference: z.string().describe('Write this in the transfer remark (附言): finance matches the transfer by it'),
  })
  .nullable()
  .describe('Bank transfer only: where to send the money and what to write in the remark');

export const toBankTransfer = (
  payments: Payment[],
  account: BankTransferAccount | null,
): z.infer<typeof bankTransferSchema> => {
  const transfer = payments.find((p) => p.method === 'bank_transfer' && p.transferReference);
  if (!transfer || !account) return null;
  return { ...account, amountFen: transfer.amountFen, reference: transfer.transferReference! };
};
