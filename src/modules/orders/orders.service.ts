import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/auth.decorators';
import { createdKeyOf, Page, pageByCreated } from '../../common/http/pagination';
import { PaymentsService } from '../payments/payments.service';
import { SellerAccess } from '../sellers/seller-access.service';
import { ORDER_GROUP_PAYMENT, ORDER_PAYMENT } from './checkout.service';
import { Order } from './entities/order.entity';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderStatus, UNPAID } from './order-state';
import { OrdersErrors } from './orders.errors';
import { OrdersRepository } from './orders.repository';

/** What buyers and stores do with orders. Someone else's order is always "not found". */
@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly payments: PaymentsService,
    private readonly access: SellerAccess,
  ) {}

  async listForBuyer(
    buyerId: string,
    query: { status?: OrderStatus; cursor?: string; limit: number },
  ): Promise<Page<Order>> {
    const rows = await this.orders.list(
      { buyerId, status: query.status },
      query.limit + 1,
      createdKeyOf(query.cursor, 'orders.buyer'),
    );
    return pageByCreated(rows, query.limit, 'orders.buyer');
  }

  async detailForBuyer(buyerId: string, orderId: string) {
    const order = await this.orders.findOrder(orderId);
    if (!order || order.buyerId !== buyerId) throw OrdersErrors.notFound();
    return this.detail(order);
  }

  async cancelByBuyer(buyerId: string, orderId: string): Promise<Order> {
    return this.orders.transaction(async (em) => {
      const order = await this.orders.lockOrder(em, orderId);
      if (!order || order.buyerId !== buyerId) throw OrdersErrors.notFound();
      if (!UNPAID.includes(order.status)) throw OrdersErrors.notCancellable();
      await this.lifecycle.closeUnpaid(em, order, 'cancelled', buyerId, 'BUYER_CANCELLED');
      return order;
    });
  }

  /** The buyer has the goods: a shipped order is delivered and completed, a delivered one completed. */
  async confirmReceipt(buyerId: string, orderId: string): Promise<Order> {
    return this.orders.transaction(async (em) => {
      const order = await this.orders.lockOrder(em, orderId);
      if (!order || order.buyerId !== buyerId) throw OrdersErrors.notFound();
      if (order.status === 'shipped') await this.lifecycle.move(em, order, 'delivered', buyerId);
      await this.lifecycle.move(em, order, 'completed', buyerId);
      return order;
    });
  }

  async listForStore(actor: Actor, sellerId: string, query: { status?: OrderStatus; cursor?: string; limit: number }) {
    await this.access.manage(actor, sellerId);
    const rows = await this.orders.list(
      { sellerId, status: query.status },
      query.limit + 1,
      createdKeyOf(query.cursor, 'orders.store'),
    );
    return pageByCreated(rows, query.limit, 'orders.store');
  }

  async detailForStore(actor: Actor, sellerId: string, orderId: string) {
    return this.detail(await this.storeOrder(actor, sellerId, orderId));
  }

  /** The store received the cash for a cash-on-delivery order. */
  async confirmCash(actor: Actor, sellerId: string, orderId: string) {
    const order = await this.storeOrder(actor, sellerId, orderId);
    const [payment] = await this.payments.forReference(ORDER_PAYMENT, order.id);
    if (!payment || payment.method !== 'cash_on_delivery') throw OrdersErrors.wrongPaymentMethod();
    return this.payments.confirmOffline(payment.id, 'cash_on_delivery', actor.id, `cash received by ${actor.id}`);
  }

  private async storeOrder(actor: Actor, sellerId: string, orderId: string): Promise<Order> {
    await this.access.manage(actor, sellerId);
    const order = await this.orders.findOrder(orderId);
    if (!order || order.sellerId !== sellerId) throw OrdersErrors.notFound();
    return order;
  }

  private async detail(order: Order) {
    const payments = [
      ...(await this.payments.forReference(ORDER_PAYMENT, order.id)),
      ...(await this.payments.forReference(ORDER_GROUP_PAYMENT, order.groupId)),
    ];
    return {
      order,
      lines: await this.orders.linesOf(order.id),
      history: await this.orders.history(order.id),
      payments,
    };
  }
}
