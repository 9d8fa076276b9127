import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { LiveSalesService } from './live-sales.service';

/** What livestreams hears of orders bought in a session: its report's sales. */
@Injectable()
export class LiveSalesListener {
  constructor(private readonly sales: LiveSalesService) {}

  @OnOutboxEvent('order.paid')
  async orderPaid(event: OutboxEnvelope<'order.paid'>, em: EntityManager): Promise<void> {
    await this.sales.recordPaid(em, event);
  }

  @OnOutboxEvent('order.refunded')
  async orderRefunded(event: OutboxEnvelope<'order.refunded'>, em: EntityManager): Promise<void> {
    await this.sales.recordRefunded(em, event);
  }

  @OnOutboxEvent('order.cancelled')
  async orderCancelled(event: OutboxEnvelope<'order.cancelled'>, em: EntityManager): Promise<void> {
    await this.sales.recordClosed(em, event);
  }

  @OnOutboxEvent('order.returned')
  async orderReturned(event: OutboxEnvelope<'order.returned'>, em: EntityManager): Promise<void> {
    await this.sales.recordClosed(em, event);
  }
}
