import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { createdKeyOf, Page, pageByCreated } from '../../common/http/pagination';
import { PaymentsService } from '../payments/payments.service';
import { SellerAccess } from '../sellers/seller-access.service';
import { ORDER_GROUP_PAYMENT, ORDER_PAYMENT } from './checkout.service';
import { Order } from './entities/order.entity';
import { OrderLifecycle } from './order-lifecycle.service';
import { AppConfig } from '../../config/app-config';
import { Payment } from '../payments/entities/payment.entity';
import { OrderReturns, REFUSED_AT_DOOR } from './order-returns.service';

export { REFUSED_AT_DOOR };
import { BUYER_CANCELLABLE, OrderStatus } from './order-state';
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
    private readonly returns: OrderReturns,
    private readonly config: AppConfig,
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
      if (!BUYER_CANCELLABLE.includes(order.status)) throw OrdersErrors.notCancellable();
      await this.lifecycle.closeUnpaid(em, order, 'cancelled', buyerId, 'BUYER_CANCELLED');
      return order;
    });
  }

  /**
   * The buyer has the goods: a shipped order is delivered and completed, a delivered one
   * completed. Cash on delivery whose cash is not recorded yet stays delivered (its
   * receiptConfirmedAt set once): it completes when the cash is collected. Logistics hears `order.delivered` and brings the parcel along,
   * so a completed order never leaves its shipment awaiting pickup.
   */
  async confirmReceipt(buyerId: string, orderId: string): Promise<Order> {
    return this.orders.transaction(async (em) => {
      const order = await this.orders.lockOrder(em, orderId);
      if (!order || order.buyerId !== buyerId) throw OrdersErrors.notFound();
      if (order.status === 'shipped') await this.lifecycle.move(em, order, 'delivered', buyerId, 'BUYER_CONFIRMED');
      if (order.status === 'delivered' && order.receiptConfirmedAt === null) {
        order.receiptConfirmedAt = new Date();
        await this.orders.markReceiptConfirmed(em, order.id);
      }
      if (order.status === 'delivered' && order.paidAt === null) return order;
      await this.lifecycle.move(em, order, 'completed', buyerId);
      return order;
    });
  }

  /** `statuses`: any of these (e.g. READY_TO_SHIP, the store's work list); `status`: exactly this one. */
  async listForStore(
    actor: Actor,
    sellerId: string,
    query: { status?: OrderStatus; statuses?: readonly OrderStatus[]; cursor?: string; limit: number },
  ) {
    await this.access.manage(actor, sellerId);
    const rows = await this.orders.list(
      { sellerId, status: query.status, statuses: query.statuses },
      query.limit + 1,
      createdKeyOf(query.cursor, 'orders.store'),
    );
    return pageByCreated(rows, query.limit, 'orders.store');
  }

  async detailForStore(actor: Actor, sellerId: string, orderId: string) {
    return this.detail(await this.storeOrder(actor, sellerId, orderId));
  }

  /**
   * The store received the cash of a cash-on-delivery order, at or after delivery: the
   * payment succeeds, and the worker then marks the order paid, posts the ledger and completes
   * it. Before delivery it is refused; twice is harmless.
   */
  async collectCash(actor: Actor, sellerId: string, orderId: string): Promise<Payment> {
    const managed = await this.access.manage(actor, sellerId);
    const order = await this.orders.findOrder(orderId);
    if (!order || order.sellerId !== sellerId) throw OrdersErrors.notFound();
    // A trainer recording cash for a trainee is audited like every other action it takes for the store.
    return this.recordCash(order, actor.id, `cash received by ${actor.id}`, (em) =>
      this.access.audit(em, actor, managed, 'order.cash-collected', { orderId }),
    );
  }

  /**
   * A courier's cash-on-delivery settlement names an order whose cash it collected (for a
   * settlement feed or an operator's import; no route yet). `settlementReference` is the
   * courier's own reference and is kept on the payment.
   */
  async collectCashByCourier(orderId: string, settlementReference: string): Promise<Payment> {
    const order = await this.orders.findOrder(orderId);
    if (!order) throw OrdersErrors.notFound();
    return this.recordCash(order, null, settlementReference);
  }

  private async recordCash(
    order: Order,
    confirmedBy: string | null,
    reference: string,
    alongside?: (em: EntityManager) => Promise<void>,
  ): Promise<Payment> {
    const [payment] = await this.payments.forReference(ORDER_PAYMENT, order.id);
    if (!payment || payment.method !== 'cash_on_delivery') throw OrdersErrors.wrongPaymentMethod();
    if (payment.status === 'succeeded') return payment;
    if (order.deliveredAt === null) throw OrdersErrors.cashBeforeDelivery();
    return this.payments.confirmOffline(payment.id, 'cash_on_delivery', confirmedBy, reference, alongside);
  }

  /**
   * The courier brought the parcel back undelivered (for logistics): the order is closed and
   * its units return to stock, once. False when the order was not (or no longer) shipped.
   */
  returnUndelivered(em: EntityManager, orderId: string, reason: string): Promise<boolean> {
    return this.returns.closeReturned(em, orderId, reason);
  }

  // What logistics does with orders: through these methods, never through the orders' tables.

  /** Any order by id, or null: for the worker, which acts for nobody in particular. */
  findById(orderId: string): Promise<Order | null> {
    return this.orders.findOrder(orderId);
  }

  /** The buyer's own order, or ORDER_NOT_FOUND. */
  async getForBuyer(buyerId: string, orderId: string): Promise<Order> {
    const order = await this.orders.findOrder(orderId);
    if (!order || order.buyerId !== buyerId) throw OrdersErrors.notFound();
    return order;
  }

  /** A store's order, or ORDER_NOT_FOUND; the caller has checked that the actor manages the store. */
  async getForStore(sellerId: string, orderId: string): Promise<Order> {
    const order = await this.orders.findOrder(orderId);
    if (!order || order.sellerId !== sellerId) throw OrdersErrors.notFound();
    return order;
  }

  /** Locks a store's order in the caller's transaction (before it ships), or ORDER_NOT_FOUND. */
  async lockForStore(em: EntityManager, sellerId: string, orderId: string): Promise<Order> {
    const order = await this.orders.lockOrder(em, orderId);
    if (!order || order.sellerId !== sellerId) throw OrdersErrors.notFound();
    return order;
  }

  /** The store handed the parcel to the courier: the locked order is shipped with its tracking number. */
  async markShipped(
    em: EntityManager,
    order: Order,
    parcel: { carrier: string; trackingNumber: string },
    actorId: string,
  ): Promise<void> {
    order.carrier = parcel.carrier;
    order.trackingNumber = parcel.trackingNumber;
    await this.lifecycle.move(em, order, 'shipped', actorId);
  }

  /** The courier reports the parcel delivered: a shipped order is delivered; any other is left as it is. */
  async markDelivered(em: EntityManager, orderId: string, reason: string): Promise<void> {
    const order = await this.orders.lockOrder(em, orderId);
    if (order?.status === 'shipped') await this.lifecycle.move(em, order, 'delivered', null, reason);
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
      bankTransferAccount: this.config.orders.bankTransferAccount ?? null,
    };
  }
}
