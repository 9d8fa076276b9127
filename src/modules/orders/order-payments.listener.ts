import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderRefundsService } from './order-refunds.service';

/** Orders learn of money from payments' events; payments know nothing of orders. */
@Injectable()
export class OrderPaymentsListener {
  constructor(
    private readonly lifecycle: OrderLifecycle,
    private readonly refunds: OrderRefundsService,
  ) {}

  @OnOutboxEvent('refund.succeeded')
  async refundSucceeded(event: OutboxEnvelope<'refund.succeeded'>, em: EntityManager): Promise<void> {
    await this.refunds.refunded(em, event.payload.refundId);
  }

  @OnOutboxEvent('payment.succeeded')
  async paymentSucceeded(event: OutboxEnvelope<'payment.succeeded'>, em: EntityManager): Promise<void> {
    await this.lifecycle.markPaid(em, event.payload.paymentId, event.payload.purpose, event.payload.referenceId);
  }
}
