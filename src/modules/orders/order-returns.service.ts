import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PaymentsService } from '../payments/payments.service';
import { ORDER_PAYMENT } from './checkout.service';
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
    private readonly payments: PaymentsService,
  ) {}

  /** Returns false (and changes nothing) when the order is not shipped, e.g. already returned. */
  async closeReturned(em: EntityManager, orderId: string, reason: string): Promise<boolean> {
    const order = await this.orders.lockOrder(em, orderId);
    if (order?.status !== 'shipped') return false;
    await this.lifecycle.move(em, order, 'returned', null, reason);
    await this.lifecycle.giveBackUnits(em, order);
    await this.payments.cancelUnpaid(em, ORDER_PAYMENT, order.id);
    if (order.paidAt) await this.lifecycle.refundRemainder(em, order, reason);
    return true;
  }
}
