import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { RefundsService } from '../payments/refunds.service';
import { SellersService } from '../sellers/sellers.service';
import { orderNumberOf } from './order-number';
import { OrdersRepository } from './orders.repository';

/**
 * Asks for the messages buyers and stores get when an order moves (notifications sends them).
 * Orders are read, not locked: a notification changes no order, and a lock held here would
 * make the order timers (which skip locked orders) pass an order over for a sweep.
 */
@Injectable()
export class OrderNotificationsListener {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly sellers: SellersService,
    private readonly refunds: RefundsService,
    private readonly outbox: OutboxService,
  ) {}

  /** The store hears of every new order at once, paid or not: cash on delivery is to ship now. */
  @OnOutboxEvent('order.placed')
  async placed(event: OutboxEnvelope<'order.placed'>, em: EntityManager): Promise<void> {
    const order = await this.orders.findOrder(event.payload.orderId, em);
    if (!order) return;
    const group = await this.orders.findGroup(order.groupId, em);
    for (const recipientUserId of await this.sellers.memberUserIds(order.sellerId, em)) {
      await this.outbox.record(em, 'notification.requested', {
        kind: 'order.new',
        recipientUserId,
        params: {
          orderNumber: orderNumberOf(order),
          amountFen: order.totalFen,
          paymentMethod: group?.paymentMethod ?? '',
        },
      });
    }
  }

  @OnOutboxEvent('order.paid')
  async paid(event: OutboxEnvelope<'order.paid'>, em: EntityManager): Promise<void> {
    const order = await this.orders.findOrder(event.payload.orderId, em);
    if (!order) return;
    const orderNumber = orderNumberOf(order);
    const seller = await this.sellers.getById(order.sellerId, em);
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.paid',
      recipientUserId: order.buyerId,
      params: { orderNumber, amountFen: order.totalFen },
    });
    if (order.shippedAt) return; // cash on delivery: paid at the door, long shipped
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.to-ship',
      recipientUserId: seller.ownerId,
      params: { orderNumber, shipBy: order.shipBy?.toISOString() ?? '' },
    });
  }

  @OnOutboxEvent('order.cancelled')
  async cancelled(event: OutboxEnvelope<'order.cancelled'>, em: EntityManager): Promise<void> {
    if (event.payload.reason === 'BUYER_CANCELLED') return; // the buyer knows
    const order = await this.orders.findOrder(event.payload.orderId, em);
    if (!order) return;
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.cancelled',
      recipientUserId: order.buyerId,
      params: { orderNumber: orderNumberOf(order), reason: event.payload.reason },
    });
  }

  /** The parcel came back: the store learns its units are on sale again (the buyer refused it). */
  @OnOutboxEvent('order.returned')
  async returned(event: OutboxEnvelope<'order.returned'>, em: EntityManager): Promise<void> {
    const order = await this.orders.findOrder(event.payload.orderId, em);
    if (!order) return;
    for (const recipientUserId of await this.sellers.memberUserIds(order.sellerId, em)) {
      await this.outbox.record(em, 'notification.requested', {
        kind: 'order.returned',
        recipientUserId,
        params: { orderNumber: orderNumberOf(order) },
      });
    }
  }

  @OnOutboxEvent('order.refunded')
  async refunded(event: OutboxEnvelope<'order.refunded'>, em: EntityManager): Promise<void> {
    const order = await this.orders.findOrder(event.payload.orderId, em);
    const refund = await this.refunds.get(event.payload.refundId, em);
    if (!order || !refund) return;
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.refunded',
      recipientUserId: order.buyerId,
      params: { orderNumber: orderNumberOf(order), amountFen: refund.amountFen },
    });
  }
}
