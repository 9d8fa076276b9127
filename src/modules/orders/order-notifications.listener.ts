import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { RefundsService } from '../payments/refunds.service';
import { SellersService } from '../sellers/sellers.service';
import '../notifications/notifications.events';
import { orderNumberOf } from './order-number';
import { OrdersRepository } from './orders.repository';

/** Asks for the messages buyers and stores get when an order moves (notifications sends them). */
@Injectable()
export class OrderNotificationsListener {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly sellers: SellersService,
    private readonly refunds: RefundsService,
    private readonly outbox: OutboxService,
  ) {}

  @OnOutboxEvent('order.paid')
  async paid(event: OutboxEnvelope<'order.paid'>, em: EntityManager): Promise<void> {
    const order = await this.orders.lockOrder(em, event.payload.orderId);
    if (!order) return;
    const orderNumber = orderNumberOf(order);
    const seller = await this.sellers.getById(order.sellerId);
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.paid',
      recipientUserId: order.buyerId,
      params: { orderNumber, amountFen: order.totalFen },
    });
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.to-ship',
      recipientUserId: seller.ownerId,
      params: { orderNumber, shipBy: order.shipBy?.toISOString() ?? '' },
    });
  }

  @OnOutboxEvent('order.cancelled')
  async cancelled(event: OutboxEnvelope<'order.cancelled'>, em: EntityManager): Promise<void> {
    if (event.payload.reason === 'BUYER_CANCELLED') return; // the buyer knows
    const order = await this.orders.lockOrder(em, event.payload.orderId);
    if (!order) return;
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.cancelled',
      recipientUserId: order.buyerId,
      params: { orderNumber: orderNumberOf(order), reason: event.payload.reason },
    });
  }

  @OnOutboxEvent('order.refunded')
  async refunded(event: OutboxEnvelope<'order.refunded'>, em: EntityManager): Promise<void> {
    const order = await this.orders.lockOrder(em, event.payload.orderId);
    const refund = await this.refunds.get(event.payload.refundId);
    if (!order || !refund) return;
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.refunded',
      recipientUserId: order.buyerId,
      params: { orderNumber: orderNumberOf(order), amountFen: refund.amountFen },
    });
  }
}
