import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { AssignmentCompletionsService } from './assignment-completions.service';
import { TraineeSalesService } from './trainee-sales.service';

/**
 * What training hears of a trainee's store: built-in assignments done and sales made. The
 * outbox records each delivery, and each handler is idempotent besides (ON CONFLICT, upserts
 * and totals re-read), so a second run changes nothing.
 */
@Injectable()
export class AssignmentEventsListener {
  constructor(
    private readonly completions: AssignmentCompletionsService,
    private readonly sales: TraineeSalesService,
  ) {}

  @OnOutboxEvent('seller.status-changed')
  async sellerStatusChanged(event: OutboxEnvelope<'seller.status-changed'>, em: EntityManager): Promise<void> {
    await this.completions.storeVerified(em, event);
  }

  @OnOutboxEvent('product.status-changed')
  async productStatusChanged(event: OutboxEnvelope<'product.status-changed'>, em: EntityManager): Promise<void> {
    await this.completions.productApproved(em, event);
  }

  /** The sale first: then the assignment (one transaction, so both or neither). */
  @OnOutboxEvent('order.paid')
  async orderPaid(event: OutboxEnvelope<'order.paid'>, em: EntityManager): Promise<void> {
    await this.sales.recordPaid(em, event);
    await this.completions.orderPaid(em, event);
  }

  @OnOutboxEvent('live-session.status-changed')
  async liveSessionStatusChanged(
    event: OutboxEnvelope<'live-session.status-changed'>,
    em: EntityManager,
  ): Promise<void> {
    await this.completions.livestreamHeld(em, event);
  }

  @OnOutboxEvent('order.shipped')
  async orderShipped(event: OutboxEnvelope<'order.shipped'>, em: EntityManager): Promise<void> {
    await this.completions.orderShipped(em, event);
  }

  @OnOutboxEvent('order.cancelled')
  async orderCancelled(event: OutboxEnvelope<'order.cancelled'>, em: EntityManager): Promise<void> {
    await this.sales.recordClosed(em, event);
  }

  @OnOutboxEvent('order.returned')
  async orderReturned(event: OutboxEnvelope<'order.returned'>, em: EntityManager): Promise<void> {
    await this.sales.recordClosed(em, event);
  }

  @OnOutboxEvent('order.refunded')
  async orderRefunded(event: OutboxEnvelope<'order.refunded'>, em: EntityManager): Promise<void> {
    await this.sales.recordRefunded(em, event);
  }

  /** A new enrollment: what the trainee already did counts at once. */
  @OnOutboxEvent('enrollment.status-changed')
  async enrollmentStarted(event: OutboxEnvelope<'enrollment.status-changed'>, em: EntityManager): Promise<void> {
    await this.completions.backfill(em, event);
  }
}
