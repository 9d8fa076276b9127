import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Payment } from '../entities/payment.entity';
import { PaymentsErrors } from '../payments.errors';
import { STRIPE, type Stripe } from './stripe.client';

/**
 * PaymentIntents for payments made through Stripe (card, and Alipay or WeChat Pay where the
 * account allows). Network calls happen outside any database transaction; the idempotency
 * key comes from our payment id, so a retry never creates a second intent.
 */
@Injectable()
export class StripePaymentsService {
  constructor(
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    private readonly dataSource: DataSource,
  ) {}

  get enabled(): boolean {
    return this.stripe !== null;
  }

  /** The client secret the buyer's app confirms the payment with; creates the intent the first time. */
  async clientSecretFor(paymentId: string): Promise<string> {
    const stripe = this.client();
    const payment = await this.dataSource.getRepository(Payment).findOneBy({ id: paymentId });
    if (!payment || payment.provider !== 'stripe') throw PaymentsErrors.notFound();
    if (payment.externalReference) {
      const intent = await stripe.paymentIntents.retrieve(payment.externalReference);
      return intent.client_secret!;
    }
    const intent = await stripe.paymentIntents.create(
      {
        amount: Number(payment.amountFen),
        currency: payment.currency.toLowerCase(),
        automatic_payment_methods: { enabled: true },
        metadata: { paymentId: payment.id, purpose: payment.purpose, referenceId: payment.referenceId },
      },
      { idempotencyKey: `furrow-payment-${payment.id}` },
    );
    await this.dataSource
      .getRepository(Payment)
      .createQueryBuilder()
      .update()
      .set({ externalReference: intent.id })
      .where('id = :id AND external_reference IS NULL', { id: payment.id })
      .execute();
    return intent.client_secret!;
  }

  private client(): Stripe {
    if (!this.stripe) throw PaymentsErrors.methodUnavailable();
    return this.stripe;
  }
}
