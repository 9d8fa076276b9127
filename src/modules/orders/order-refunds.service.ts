import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { allocate } from '../../common/money';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { Refund } from '../payments/entities/refund.entity';
import { Accounts, LedgerService } from '../payments/ledger/ledger.service';
import { PaymentsService } from '../payments/payments.service';
import { RefundsService } from '../payments/refunds.service';
import { SellerAccess } from '../sellers/seller-access.service';
import { ORDER_GROUP_PAYMENT, ORDER_PAYMENT } from './checkout.service';
import { Order } from './entities/order.entity';
import { OrderLifecycle, OWED_BACK } from './order-lifecycle.service';
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
    private readonly lifecycle: OrderLifecycle,
    private readonly outbox: OutboxService,
  ) {}

  async byStore(actor: Actor, sellerId: string, orderId: string, input: OrderRefundInput): Promise<Refund> {
    const managed = await this.access.manage(actor, sellerId);
    // A trainer refunding for a trainee is audited like every other action it takes for the store.
    return this.refund(actor.id, orderId, sellerId, input, (em, refund) =>
      this.access.audit(em, actor, managed, 'order.refunded', { orderId, refundId: refund.id }),
    );
  }

  async byAdmin(adminId: string, orderId: string, input: OrderRefundInput): Promise<Refund> {
    return this.refund(adminId, orderId, null, input);
  }

  /**
   * Refunds of one order are serialised by the order's row lock: what it can still give back
   * is computed and the refund recorded in the same transaction (the payment's lock, taken
   * next, bounds the refunds of a group payment as a whole). The provider is asked after commit.
   */
  private async refund(
    actorId: string,
    orderId: string,
    sellerId: string | null,
    input: OrderRefundInput,
    audit?: (em: EntityManager, refund: Refund) => Promise<void>,
  ): Promise<Refund> {
    const recorded = await this.orders.transaction(async (em) => {
      const order = await this.orders.lockOrder(em, orderId);
      if (!order || (sellerId !== null && order.sellerId !== sellerId)) throw OrdersErrors.notFound();
      if (!CAPTURED.includes(order.status)) {
        throw new DomainError('conflict', 'ORDER_NOT_PAID', 'Only a paid order can be refunded');
      }
      const payment = await this.payments.succeededFor(em, [
        { purpose: ORDER_PAYMENT, referenceId: order.id },
        { purpose: ORDER_GROUP_PAYMENT, referenceId: order.groupId },
      ]);
      if (!payment) throw new DomainError('conflict', 'ORDER_NOT_PAID', 'Only a paid order can be refunded');
      const refundable = order.totalFen - (await this.refunds.refundedFor(ORDER_PAYMENT, order.id, em));
      if (refundable <= 0) {
        throw new DomainError('conflict', 'ORDER_ALREADY_REFUNDED', 'Everything paid for this order is refunded');
      }
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
      const refund = await this.refunds.record(em, {
        paymentId: payment.id,
        purpose: ORDER_PAYMENT,
        referenceId: order.id,
        amountFen: amount,
        reason: input.reason,
        requestedBy: actorId,
        offlineReference: input.offlineReference,
        instructions: { restock: input.restock },
      });
      await audit?.(em, refund);
      return refund;
    });
    return this.refunds.send(recorded);
  }

  /**
   * The money went back (worker). Money owed back for an order that no longer needed paying
   * leaves `platform:refunds-due`; otherwise the store's payable and the commission shrink in
   * proportion, and a restocked refund cancels the order and puts its units back on sale.
   */
  async refunded(em: EntityManager, refundId: string): Promise<void> {
    const refund = await this.refunds.get(refundId, em);
    if (!refund || refund.purpose !== ORDER_PAYMENT) return;
    const order = await this.orders.lockOrder(em, refund.referenceId);
    if (!order) return;
    const posted = await this.ledger.post(em, `refund:${refund.id}`, 'refund to the buyer', [
      ...this.refundLegs(order, refund),
      { account: Accounts.cash, amountFen: -refund.amountFen },
    ]);
    if (!posted) return; // handled already
    if (refund.instructions.restock === true && order.status === 'paid') {
      await this.lifecycle.giveBackUnits(em, order);
      await this.lifecycle.move(em, order, 'cancelled', refund.requestedBy, 'REFUNDED');
    }
    await this.outbox.record(em, 'order.refunded', {
      orderId: order.id,
      sellerId: order.sellerId,
      refundId: refund.id,
    });
  }

  private refundLegs(order: Order, refund: Refund) {
    if (refund.instructions[OWED_BACK] === true) return [{ account: Accounts.refundsDue, amountFen: refund.amountFen }];
    const commission = order.commissionFen;
    const [fromSeller, fromCommission] = allocate(refund.amountFen, [order.totalFen - commission, commission]);
    const sellerAccount = order.payableReleasedAt ? Accounts.available(order.sellerId) : Accounts.held(order.sellerId);
    return [
      { account: sellerAccount, amountFen: fromSeller },
      { account: Accounts.commission, amountFen: fromCommission },
    ];
  }
}
