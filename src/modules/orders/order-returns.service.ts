import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { fenOf } from '../../common/money';
import { StockService } from '../catalog/stock.service';
import { PaymentsService } from '../payments/payments.service';
import { RefundsService } from '../payments/refunds.service';
import { ORDER_GROUP_PAYMENT, ORDER_PAYMENT } from './checkout.service';
import { Order } from './entities/order.entity';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrdersRepository } from './orders.repository';

export const REFUSED_AT_DOOR = 'REFUSED_AT_DOOR';

/**
 * A parcel that came back undelivered (refused at the door, above all with cash on
 * delivery): the order is closed as `returned` and its units go back on sale. Unpaid cash is
 * no longer expected; money already paid goes back in full through the method that took it.
 * Exactly once: only a shipped order can be returned, and `returned` is final.
 */
@Injectable()
export class OrderReturns {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly stock: StockService,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
  ) {}

  /** Returns false (and changes nothing) when the order is not shipped, e.g. already returned. */
  async closeReturned(em: EntityManager, orderId: string, reason: string): Promise<boolean> {
    const order = await this.orders.lockOrder(em, orderId);
    if (order?.status !== 'shipped') return false;
    await this.lifecycle.move(em, order, 'returned', null, reason);
    for (const line of await this.orders.linesOf(order.id, em)) {
      await this.stock.giveBack(em, line.variantId, line.quantity);
    }
    await this.payments.cancelUnpaid(em, ORDER_PAYMENT, order.id);
    if (order.paidAt) await this.refundInFull(em, order, reason);
    return true;
  }

  private async refundInFull(em: EntityManager, order: Order, reason: string): Promise<void> {
    const refundable = fenOf(order.totalFen) - (await this.refunds.refundedFor(ORDER_PAYMENT, order.id, em));
    const [payment] = [
      ...(await this.payments.forReference(ORDER_PAYMENT, order.id, em)),
      ...(await this.payments.forReference(ORDER_GROUP_PAYMENT, order.groupId, em)),
    ].filter((p) => p.status === 'succeeded');
    if (!payment || refundable <= 0) return;
    await this.refunds.recordPending(em, {
      paymentId: payment.id,
      purpose: ORDER_PAYMENT,
      referenceId: order.id,
      amountFen: refundable,
      reason,
      requestedBy: null,
    });
  }
}
