import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { allocate, fenOf } from '../../common/money';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { StockService } from '../catalog/stock.service';
import { Refund } from '../payments/entities/refund.entity';
import { Accounts, LedgerService } from '../payments/ledger/ledger.service';
import { PaymentsService } from '../payments/payments.service';
import { RefundsService } from '../payments/refunds.service';
import { SellerAccess } from '../sellers/seller-access.service';
import { ORDER_GROUP_PAYMENT, ORDER_PAYMENT } from './checkout.service';
import { Order } from './entities/order.entity';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrdersErrors } from './orders.errors';
import { OrdersRepository } from './orders.repository';

declare module '../../queue/event-map' {
  interface EventMap {
    'order.refunded': { orderId: string; sellerId: string; refundId: string };
  }
}

const CAPTURED = ['paid', 'shipped', 'delivered', 'completed'];

export interface OrderRefundInput {
  /** Defaults to everything not yet refunded. */
  amountFen?: number;
  reason: string;
  /** Full refund of an unshipped order only: its units go back on sale and the order is cancelled. */
  restock: boolean;
  offlineReference?: string;
}

/** Refunds of an order (by its store or an admin), and what they do to the order and the ledger. */
@Injectable()
export class OrderRefundsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly refunds: RefundsService,
    private readonly payments: PaymentsService,
    private readonly access: SellerAccess,
    private readonly ledger: LedgerService,
    private readonly stock: StockService,
    private readonly lifecycle: OrderLifecycle,
    private readonly outbox: OutboxService,
  ) {}

  async byStore(actor: Actor, sellerId: string, orderId: string, input: OrderRefundInput): Promise<Refund> {
    await this.access.manage(actor, sellerId);
    const order = await this.orders.findOrder(orderId);
    if (!order || order.sellerId !== sellerId) throw OrdersErrors.notFound();
    return this.refund(actor.id, order, input);
  }

  async byAdmin(adminId: string, orderId: string, input: OrderRefundInput): Promise<Refund> {
    const order = await this.orders.findOrder(orderId);
    if (!order) throw OrdersErrors.notFound();
    return this.refund(adminId, order, input);
  }

  private async refund(actorId: string, order: Order, input: OrderRefundInput): Promise<Refund> {
    if (!CAPTURED.includes(order.status)) {
      throw new DomainError('conflict', 'ORDER_NOT_PAID', 'Only a paid order can be refunded');
    }
    const refundable = fenOf(order.totalFen) - (await this.refunds.refundedFor(ORDER_PAYMENT, order.id));
    const amount = input.amountFen ?? refundable;
    if (amount <= 0 || amount > refundable) {
      throw new DomainError('validation', 'REFUND_EXCEEDS_ORDER', 'The refund is more than the order has left', {
        refundableFen: refundable,
      });
    }
    if (input.restock && (amount !== refundable || order.status !== 'paid')) {
      throw new DomainError(
        'validation',
        'RESTOCK_NEEDS_FULL_UNSHIPPED_REFUND',
        'Restock only with a full refund of an unshipped order',
      );
    }
    const [payment] = [
      ...(await this.payments.forReference(ORDER_PAYMENT, order.id)),
      ...(await this.payments.forReference(ORDER_GROUP_PAYMENT, order.groupId)),
    ].filter((p) => p.status === 'succeeded');
    if (!payment) throw new DomainError('conflict', 'ORDER_NOT_PAID', 'Only a paid order can be refunded');
    return this.refunds.refund({
      paymentId: payment.id,
      purpose: ORDER_PAYMENT,
      referenceId: order.id,
      amountFen: amount,
      reason: input.reason,
      requestedBy: actorId,
      offlineReference: input.offlineReference,
      instructions: { restock: input.restock },
    });
  }

  /**
   * The money went back (worker): the store's payable and the commission shrink in proportion,
   * and a restocked refund cancels the order and puts its units back on sale.
   */
  async refunded(em: EntityManager, refundId: string): Promise<void> {
    const refund = await this.refunds.get(refundId);
    if (!refund || refund.purpose !== ORDER_PAYMENT) return;
    const order = await this.orders.lockOrder(em, refund.referenceId);
    if (!order) return;
    const amount = fenOf(refund.amountFen);
    const commission = fenOf(order.commissionFen);
    const [fromSeller, fromCommission] = allocate(amount, [fenOf(order.totalFen) - commission, commission]);
    const sellerAccount = order.payableReleasedAt ? Accounts.available(order.sellerId) : Accounts.held(order.sellerId);
    const posted = await this.ledger.post(em, `refund:${refund.id}`, 'refund to the buyer', [
      { account: sellerAccount, amountFen: fromSeller },
      { account: Accounts.commission, amountFen: fromCommission },
      { account: Accounts.cash, amountFen: -amount },
    ]);
    if (!posted) return; // handled already
    if (refund.instructions.restock === true && order.status === 'paid') {
      for (const line of await this.orders.linesOf(order.id, em))
        await this.stock.giveBack(em, line.variantId, line.quantity);
      await this.lifecycle.move(em, order, 'cancelled', refund.requestedBy, 'REFUNDED');
    }
    await this.outbox.record(em, 'order.refunded', {
      orderId: order.id,
      sellerId: order.sellerId,
      refundId: refund.id,
    });
  }
}
