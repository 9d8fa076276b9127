import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { StockService } from '../catalog/stock.service';
import { PaymentsService } from '../payments/payments.service';
import { RefundsService } from '../payments/refunds.service';
import { SellersService } from '../sellers/sellers.service';
import { ORDER_GROUP_PAYMENT, ORDER_PAYMENT } from './checkout.service';
import { Order } from './entities/order.entity';
import { OrderLifecycle } from './order-lifecycle.service';
import { orderNumberOf } from './order-number';
import { OrdersRepository } from './orders.repository';

export const SHIPPING_DEADLINE_MISSED = 'SHIPPING_DEADLINE_MISSED';

/**
 * Perishable goods must leave the farm within their product's `shipsWithinHours` of payment:
 * the store is reminded once at half the window, and an order still unshipped at the deadline
 * plus the grace period is cancelled, its units put back, and the buyer refunded in full
 * through the method that took the money. Each step happens once: orders are claimed locked,
 * the reminder is stamped, and a cancelled order is no longer `paid` (or `confirmed`: cash on
 * delivery, whose window opens at checkout and which has nothing to refund). It also reminds
 * the store, once, of cash on delivery not recorded days after delivery (stamped likewise).
 */
@Injectable()
export class OrderShippingDeadlines {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly stock: StockService,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly sellers: SellersService,
    private readonly outbox: OutboxService,
  ) {}

  async remind(em: EntityManager, order: Order): Promise<void> {
    const seller = await this.sellers.getById(order.sellerId, em);
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.ship-reminder',
      recipientUserId: seller.ownerId,
      params: { orderNumber: orderNumberOf(order), shipBy: order.shipBy!.toISOString() },
    });
    order.shipReminderSentAt = new Date();
    await this.orders.saveOrder(em, order);
  }

  /** The store's owner is reminded, once, to record cash on delivery still missing days after delivery. */
  async remindCashUncollected(em: EntityManager, order: Order): Promise<void> {
    const seller = await this.sellers.getById(order.sellerId, em);
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.cash-uncollected',
      recipientUserId: seller.ownerId,
      params: {
        orderNumber: orderNumberOf(order),
        amountFen: order.totalFen,
        deliveredAt: order.deliveredAt!.toISOString(),
      },
    });
    order.cashReminderSentAt = new Date();
    await this.orders.saveOrder(em, order);
  }

  async cancelMissed(em: EntityManager, order: Order): Promise<void> {
    await this.lifecycle.move(em, order, 'cancelled', null, SHIPPING_DEADLINE_MISSED);
    for (const line of await this.orders.linesOf(order.id, em)) {
      await this.stock.giveBack(em, line.variantId, line.quantity);
    }
    await this.sellers.recordShippingDeadline(em, order.sellerId, false);
    await this.payments.cancelUnpaid(em, ORDER_PAYMENT, order.id); // cash on delivery: no cash will come
    const refundable = order.totalFen - (await this.refunds.refundedFor(ORDER_PAYMENT, order.id, em));
    const [payment] = [
      ...(await this.payments.forReference(ORDER_PAYMENT, order.id, em)),
      ...(await this.payments.forReference(ORDER_GROUP_PAYMENT, order.groupId, em)),
    ].filter((p) => p.status === 'succeeded');
    if (payment && refundable > 0) {
      await this.refunds.recordPending(em, {
        paymentId: payment.id,
        purpose: ORDER_PAYMENT,
        referenceId: order.id,
        amountFen: refundable,
        reason: SHIPPING_DEADLINE_MISSED,
        requestedBy: null,
      });
    }
    const seller = await this.sellers.getById(order.sellerId, em);
    await this.outbox.record(em, 'notification.requested', {
      kind: 'order.shipping-deadline-missed',
      recipientUserId: seller.ownerId,
      params: { orderNumber: orderNumberOf(order) },
    });
  }
}
