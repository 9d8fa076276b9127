import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error';
import { AppConfig } from '../../../config/app-config';
import { OutboxService } from '../../../queue/outbox/outbox.service';
import { canTransition, PaymentStatus } from '../payment-state';
import { PaymentsRepository } from '../payments.repository';
import { PaymentsService } from '../payments.service';
import { RefundsService } from '../refunds.service';
import { STRIPE, type Stripe } from './stripe.client';
import { StripeEventsRepository } from './stripe-events.repository';
import '../payments.events';

declare module '../../../queue/event-map' {
  interface EventMap {
    'stripe.event-received': { stripeEventId: string };
  }
}

const STATUS_OF: Record<string, PaymentStatus | undefined> = {
  'payment_intent.processing': 'processing',
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.canceled': 'cancelled',
};

/**
 * Stripe webhooks: verified on the raw body, stored once by event id and acknowledged at
 * once; the worker applies them. Duplicates do nothing, and an event that arrives after a
 * later state (out of order) cannot move a payment backwards.
 */
@Injectable()
export class StripeWebhookService {
  constructor(
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    private readonly config: AppConfig,
    private readonly events: StripeEventsRepository,
    private readonly outbox: OutboxService,
    private readonly payments: PaymentsService,
    private readonly paymentsRepository: PaymentsRepository,
    private readonly refunds: RefundsService,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<void> {
    if (!this.stripe || !this.config.stripe)
      throw new DomainError('not_found', 'STRIPE_NOT_CONFIGURED', 'Stripe is not configured');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody ?? Buffer.alloc(0),
        signature ?? '',
        this.config.stripe.webhookSecret,
      );
    } catch {
      throw new DomainError(
        'validation',
        'INVALID_STRIPE_SIGNATURE',
        'The Stripe-Signature header does not match the body',
      );
    }
    await this.events.transaction(async (em) => {
      if (
        await this.events.insertOnce(em, {
          id: event.id,
          type: event.type,
          payload: event as unknown as Record<string, unknown>,
        })
      ) {
        await this.outbox.record(em, 'stripe.event-received', { stripeEventId: event.id });
      }
    });
  }

  /** Applies a stored event to our payment, inside the listener's transaction. */
  async apply(em: EntityManager, stripeEventId: string): Promise<void> {
    const stored = await this.events.find(em, stripeEventId);
    if (!stored) return;
    const object = (stored.payload as unknown as Stripe.Event).data.object;
    if (stored.type === 'refund.updated' || stored.type === 'refund.failed') {
      const refund = object as Stripe.Refund;
      const refundId = refund.metadata?.refundId;
      if (refundId && (refund.status === 'succeeded' || refund.status === 'failed')) {
        await this.refunds.applyProviderRefund(em, refundId, refund.id, refund.status);
      }
      return;
    }
    const to = STATUS_OF[stored.type];
    if (to) await this.applyIntentStatus(em, object as Stripe.PaymentIntent, to);
  }

  /** The reconciler's way in: applies an intent read back from Stripe in its own transaction. */
  reconcileIntent(intent: Stripe.PaymentIntent, to: PaymentStatus): Promise<boolean> {
    return this.events.transaction((em) => this.applyIntentStatus(em, intent, to));
  }

  /** Moves our payment to the intent's state when that is a step forward; otherwise changes nothing. */
  async applyIntentStatus(em: EntityManager, intent: Stripe.PaymentIntent, to: PaymentStatus): Promise<boolean> {
    const paymentId = intent.metadata?.paymentId;
    const payment = await this.paymentsRepository.lockByReference(em, paymentId, intent.id);
    if (!payment || payment.provider !== 'stripe') return false;
    if (payment.amountFen !== intent.amount) return false; // not the intent we created for it
    payment.externalReference ??= intent.id;
    if (!canTransition(payment.status, to)) {
      await this.paymentsRepository.save(em, payment);
      return false;
    }
    await this.payments.moveTo(em, payment, to, null);
    return true;
  }
}
