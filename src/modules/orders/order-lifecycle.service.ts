import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { LiveOffersService } from '../catalog/live-offers.service';
import { StockService } from '../catalog/stock.service';
import { Accounts, LedgerService } from '../payments/ledger/ledger.service';
import { PaymentsService } from '../payments/payments.service';
import { RefundsService } from '../payments/refunds.service';
import { ORDER_GROUP_PAYMENT, ORDER_PAYMENT } from './checkout.service';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { assertCompletable, assertOrderTransition, OrderStatus, UNPAID } from './order-state';
import { OrdersRepository } from './orders.repository';

export const PAID_AFTER_EXPIRY_OUT_OF_STOCK = 'PAID_AFTER_EXPIRY_OUT_OF_STOCK';
export const CANCELLED_BEFORE_PAYMENT = 'CANCELLED_BEFORE_PAYMENT';
/** Marks a refund of money owed back (not taken from a store's payable): see `oweBack`. */
export const OWED_BACK = 'owedBack';

const TIMESTAMP: Partial<Record<OrderStatus, keyof Order>> = {
  paid: 'paidAt',
  shipped: 'shippedAt',
  delivered: 'deliveredAt',
  completed: 'completedAt',
};

/** Every change of an order's status goes through here: checked, timestamped, recorded, announced. */
@Injectable()
export class OrderLifecycle {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly stock: StockService,
    private readonly payments: PaymentsService,
    private readonly outbox: OutboxService,
    private readonly ledger: LedgerService,
    private readonly refunds: RefundsService,
    private readonly liveOffers: LiveOffersService,
  ) {}

  async move(em: EntityManager, order: Order, to: OrderStatus, actorId: string | null, reason: string | null = null) {
    assertOrderTransition(order.status, to);
    if (to === 'completed') assertCompletable(order);
    const from = order.status;
    order.status = to;
    const stamp = TIMESTAMP[to];
    if (stamp) (order as unknown as Record<string, unknown>)[stamp] = new Date();
    if (to === 'cancelled' || to === 'returned') order.cancelReason = reason;
    await this.orders.saveOrder(em, order);
    await this.orders.recordStatus(em, { orderId: order.id, fromStatus: from, toStatus: to, actorId, reason });
    const ids = { orderId: order.id, sellerId: order.sellerId };
    const closed = {
      ...ids,
      reason: reason ?? '',
      paidAt: order.paidAt?.toISOString() ?? null,
      liveSessionId: order.liveSessionId,
    };
    if (to === 'cancelled') await this.outbox.record(em, 'order.cancelled', closed);
    else if (to === 'returned') await this.outbox.record(em, 'order.returned', closed);
    else if (to === 'paid') await this.recordPaid(em, order);
    else if (to !== 'pending_payment' && to !== 'awaiting_offline_payment' && to !== 'confirmed') {
      await this.outbox.record(em, `order.${to}`, ids);
    }
  }

  /**
   * The money for an order (or its whole group) arrived: it is paid and its units count as
   * sold. An order that had expired takes its units again. Every fen the payment brought is
   * posted: the share of an order that no longer needs paying (cancelled before the money came,
   * or expired with its units gone) is owed back and refunded through the method that took it.
   * Safe to run twice: a paid order is left alone and each share is owed back once.
   */
  async markPaid(em: EntityManager, paymentId: string, purpose: string, referenceId: string): Promise<void> {
    const orders =
      purpose === ORDER_GROUP_PAYMENT
        ? await this.orders.lockOrdersOfGroup(em, referenceId)
        : purpose === ORDER_PAYMENT
          ? [await this.orders.lockOrder(em, referenceId)].filter((o): o is Order => o !== null)
          : [];
    for (const order of orders) {
      if (UNPAID.includes(order.status)) {
        await this.settlePaid(em, order);
      } else if (order.status === 'delivered' && order.paidAt === null) {
        await this.settleCashCollected(em, order);
      } else if (order.status === 'expired') {
        if (await this.retake(em, order)) {
          await this.settlePaid(em, order);
        } else {
          await this.move(em, order, 'cancelled', null, PAID_AFTER_EXPIRY_OUT_OF_STOCK);
          await this.oweBack(em, paymentId, order, PAID_AFTER_EXPIRY_OUT_OF_STOCK);
        }
      } else if (order.status === 'cancelled' && order.paidAt === null) {
        await this.oweBack(em, paymentId, order, CANCELLED_BEFORE_PAYMENT);
      }
    }
  }

  private async settlePaid(em: EntityManager, order: Order): Promise<void> {
    if (order.shipWithinHours !== null) {
      order.shipBy = new Date(Date.now() + order.shipWithinHours * 3_600_000);
    }
    await this.move(em, order, 'paid', null);
    await this.postPayment(em, order);
    for (const line of await this.orders.linesOf(order.id, em)) {
      await this.stock.recordSale(em, line.productId, line.quantity);
    }
  }

  /**
   * Cash on delivery collected at or after delivery: the order is paid (the ledger posts as
   * for any payment) and, the goods being with the buyer, completed; the payable's hold
   * counts from delivery as for every order.
   */
  private async settleCashCollected(em: EntityManager, order: Order): Promise<void> {
    order.paidAt = new Date();
    await this.postPayment(em, order);
    for (const line of await this.orders.linesOf(order.id, em)) {
      await this.stock.recordSale(em, line.productId, line.quantity);
    }
    await this.recordPaid(em, order);
    await this.move(em, order, 'completed', null, 'CASH_COLLECTED');
  }

  /**
   * `order.paid` carries the goods and the time (training counts trainees' sales from it) and,
   * for an order bought live, its live lines (livestreams reports the session's sales from it).
   */
  private async recordPaid(em: EntityManager, order: Order): Promise<void> {
    const paidAt = (order.paidAt ?? new Date()).toISOString();
    const live = order.liveSessionId
      ? {
          sessionId: order.liveSessionId,
          buyerId: order.buyerId,
          lines: (await this.orders.linesOf(order.id, em))
            .filter((l) => l.liveOfferId !== null)
            .map((l) => ({ offerId: l.liveOfferId!, quantity: l.quantity, lineTotalFen: l.lineTotalFen })),
        }
      : null;
    await this.outbox.record(em, 'order.paid', {
      orderId: order.id,
      sellerId: order.sellerId,
      goodsFen: order.goodsFen,
      paidAt,
      live,
    });
  }

  /** Cash in; the store's payable (held until delivery + hold) and the commission out. */
  private async postPayment(em: EntityManager, order: Order): Promise<void> {
    const total = order.totalFen;
    const commission = order.commissionFen;
    await this.ledger.post(em, `order-paid:${order.id}`, 'buyer paid an order', [
      { account: Accounts.cash, amountFen: total },
      { account: Accounts.held(order.sellerId), amountFen: -(total - commission) },
      { account: Accounts.commission, amountFen: -commission },
    ]);
  }

  /**
   * A payment brought money for an order that no longer needs it: the cash is in and owed back
   * to the buyer (`platform:refunds-due`) until the refund goes out through the payment's own
   * provider (after commit for a provider, by finance for cash and transfers). The journal key
   * makes it once per payment and order, however often the event is delivered.
   */
  private async oweBack(em: EntityManager, paymentId: string, order: Order, reason: string): Promise<void> {
    const posted = await this.ledger.post(
      em,
      `order-owed-back:${paymentId}:${order.id}`,
      'payment received for an order that no longer needs paying',
      [
        { account: Accounts.cash, amountFen: order.totalFen },
        { account: Accounts.refundsDue, amountFen: -order.totalFen },
      ],
    );
    if (!posted) return;
    await this.refunds.recordPending(em, {
      paymentId,
      purpose: ORDER_PAYMENT,
      referenceId: order.id,
      amountFen: order.totalFen,
      reason,
      requestedBy: null,
      instructions: { [OWED_BACK]: true },
    });
  }

  /** Takes an expired order's units again, all or none (a live line from its offer while it is pinned). */
  private async retake(em: EntityManager, order: Order): Promise<boolean> {
    const lines = await this.orders.linesOf(order.id, em);
    const taken: typeof lines = [];
    for (const line of lines) {
      const again = line.liveOfferId
        ? await this.liveOffers.retake(em, line.liveOfferId, order.buyerId, line.quantity)
        : await this.stock.take(em, line.variantId, line.quantity);
      if (!again) {
        for (const back of taken) await this.giveBackLine(em, order, back);
        return false;
      }
      taken.push(line);
    }
    return true;
  }

  /**
   * Delivery plus the hold period has passed: what the seller is still owed for the order
   * becomes available. Refunds during the hold took their part from the held payable, so what
   * is released is what the order's journals left held, not the payable at the time of payment.
   */
  async releasePayable(em: EntityManager, order: Order): Promise<void> {
    const journals = [
      `order-paid:${order.id}`,
      ...(await this.refunds.forReference(ORDER_PAYMENT, order.id, em)).map((r) => `refund:${r.id}`),
    ];
    const payable = -(await this.ledger.balanceOfJournals(Accounts.held(order.sellerId), journals, em));
    await this.ledger.post(em, `order-released:${order.id}`, 'payable released after delivery and hold', [
      { account: Accounts.held(order.sellerId), amountFen: payable },
      { account: Accounts.available(order.sellerId), amountFen: -payable },
    ]);
    order.payableReleasedAt = new Date();
    await this.orders.saveOrder(em, order);
  }

  /**
   * Ends an unpaid order (cancelled by the buyer, or expired): its units go back to stock and
   * its cash-on-delivery payment is cancelled. A group's payment (Stripe, bank transfer) stays
   * open: money may still come, and `markPaid` then pays the order again or refunds its share.
   */
  async closeUnpaid(
    em: EntityManager,
    order: Order,
    to: 'cancelled' | 'expired',
    actorId: string | null,
    reason: string | null,
  ) {
    await this.move(em, order, to, actorId, reason);
    await this.giveBackUnits(em, order);
    await this.payments.cancelUnpaid(em, ORDER_PAYMENT, order.id);
  }

  /**
   * The order's units go back on sale (it was closed before it was fulfilled): a live line's to
   * its offer while the stream still sells it, else to the variant's stock.
   */
  async giveBackUnits(em: EntityManager, order: Order): Promise<void> {
    for (const line of await this.orders.linesOf(order.id, em)) await this.giveBackLine(em, order, line);
  }

  private async giveBackLine(em: EntityManager, order: Order, line: OrderLine): Promise<void> {
    if (line.liveOfferId) await this.liveOffers.giveBack(em, line.liveOfferId, order.buyerId, line.quantity);
    else await this.stock.giveBack(em, line.variantId, line.quantity);
  }

  /**
   * Whatever the buyer paid for a closed order and has not had back becomes a pending refund
   * through the payment that took it (sent by the worker, or settled by finance); nothing for
   * an order never paid.
   */
  async refundRemainder(em: EntityManager, order: Order, reason: string): Promise<void> {
    const refundable = order.totalFen - (await this.refunds.refundedFor(ORDER_PAYMENT, order.id, em));
    if (refundable <= 0) return;
    const payment = await this.payments.succeededFor(em, [
      { purpose: ORDER_PAYMENT, referenceId: order.id },
      { purpose: ORDER_GROUP_PAYMENT, referenceId: order.groupId },
    ]);
    if (!payment) return;
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
