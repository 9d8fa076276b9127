import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEnvelope } from '../../../queue/event-map';
import { OnOutboxEvent } from '../../../queue/outbox/on-outbox-event.decorator';
import { StripeWebhookService } from './stripe-webhook.service';

/** Applies stored Stripe events in the worker. */
@Injectable()
export class StripeEventsListener {
  constructor(private readonly webhooks: StripeWebhookService) {}

  @OnOutboxEvent('stripe.event-received')
  async received(event: OutboxEnvelope<'stripe.event-received'>, em: EntityManager): Promise<void> {
    await this.webhooks.apply(em, event.payload.stripeEventId);
  }
}
