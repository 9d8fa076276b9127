import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { SEAT_PAYMENT, SeatFees } from './seat-fees.service';

/** Training learns of seat fees paid and refunded from payments' events; payments know nothing of cohorts. */
@Injectable()
export class SeatPaymentsListener {
  constructor(private readonly seatFees: SeatFees) {}

  @OnOutboxEvent('payment.succeeded')
  async paymentSucceeded(event: OutboxEnvelope<'payment.succeeded'>, em: EntityManager): Promise<void> {
    if (event.payload.purpose !== SEAT_PAYMENT) return;
    await this.seatFees.settlePayment(em, event.payload.paymentId, event.payload.referenceId);
  }

  @OnOutboxEvent('refund.succeeded')
  async refundSucceeded(event: OutboxEnvelope<'refund.succeeded'>, em: EntityManager): Promise<void> {
    if (event.payload.purpose !== SEAT_PAYMENT) return;
    await this.seatFees.refunded(em, event.payload.refundId);
  }
}
