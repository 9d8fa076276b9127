import { Inject, Injectable } from '@nestjs/common';
import type { Payment } from '../entities/payment.entity';
import type { Refund } from '../entities/refund.entity';
import type { Payout } from '../ledger/payout.entity';
import type { PaymentStatus } from '../payment-state';
import { PaymentsErrors } from '../payments.errors';
import type {
  PaymentProviderAdapter,
  PayoutAccounts,
  ProviderRefund,
  ProviderTransfer,
  StartedPayment,
} from '../providers/payment-provider.port';
import { STRIPE, Stripe } from './stripe.client';

export const STATUS_OF_INTENT: Record<string, PaymentStatus | undefined> = {
  processing: 'processing',
  succeeded: 'succeeded',
  canceled: 'cancelled',
};

/**
 * Stripe behind the payment-provider port: PaymentIntents (card, and Alipay or WeChat Pay
 * where the account allows), refunds and Connect transfers. Idempotency keys come from our
 * payment, refund and payout ids, so a retry never creates a second intent, refund or transfer.
 */
@Injectable()
export class StripeAdapter implements PaymentProviderAdapter {
  readonly provider = 'stripe' as const;
  readonly payoutMethod = 'stripe_connect' as const;
  readonly sendsMoney = true;

  constructor(@Inject(STRIPE) private readonly stripe: Stripe | null) {}

  get enabled(): boolean {
    return this.stripe !== null;
  }

  async create(payment: Payment): Promise<StartedPayment> {
    const stripe = this.client();
    const intent = payment.externalReference
      ? await stripe.paymentIntents.retrieve(payment.externalReference)
      : await stripe.paymentIntents.create(
          {
            amount: payment.amountFen,
            currency: payment.currency.toLowerCase(),
            automatic_payment_methods: { enabled: true },
            metadata: { paymentId: payment.id, purpose: payment.purpose, referenceId: payment.referenceId },
          },
          { idempotencyKey: `furrow-payment-${payment.id}` },
        );
    return { externalReference: intent.id, clientSecret: intent.client_secret };
  }

  async confirm(payment: Payment): Promise<PaymentStatus | null> {
    if (!payment.externalReference) return null;
    const intent = await this.client().paymentIntents.retrieve(payment.externalReference);
    return STATUS_OF_INTENT[intent.status] ?? null;
  }

  async refund(refund: Refund, payment: Payment): Promise<ProviderRefund> {
    if (!payment.externalReference) throw PaymentsErrors.methodUnavailable();
    const result = await this.client().refunds.create(
      { payment_intent: payment.externalReference, amount: refund.amountFen, metadata: { refundId: refund.id } },
      { idempotencyKey: `furrow-refund-${refund.id}` },
    );
    const status = result.status === 'succeeded' || result.status === 'failed' ? result.status : 'pending';
    return { status, externalReference: result.id };
  }

  payoutDestination(accounts: PayoutAccounts): { destination: string } | null {
    return accounts.stripeAccountId ? { destination: accounts.stripeAccountId } : null;
  }

  /**
   * A Connect transfer moves balance between Stripe accounts at once, so an accepted transfer is
   * paid. Stripe refusing the request itself (no such account, no transfer capability, too
   * little balance) is final for this payout; a network or Stripe outage is thrown, so the job
   * retries with the same idempotency key.
   */
  async transfer(payout: Payout): Promise<ProviderTransfer> {
    try {
      const transfer = await this.client().transfers.create(
        {
          amount: payout.amountFen,
          currency: 'cny',
          destination: payout.destination!,
          metadata: { payoutId: payout.id },
        },
        { idempotencyKey: `furrow-payout-${payout.id}` },
      );
      return { status: 'paid', reference: transfer.id };
    } catch (error) {
      if (
        error instanceof Stripe.errors.StripeInvalidRequestError ||
        error instanceof Stripe.errors.StripePermissionError
      ) {
        return { status: 'failed', reason: error.code ?? error.message };
      }
      throw error;
    }
  }

  private client(): Stripe {
    if (!this.stripe) throw PaymentsErrors.methodUnavailable();
    return this.stripe;
  }
}
