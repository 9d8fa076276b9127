import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Fen, sum } from '../../common/money';
import { AppConfig } from '../../config/app-config';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { LiveOffer } from '../catalog/entities/live-offer.entity';
import { LiveOffersService } from '../catalog/live-offers.service';
import { PurchasableVariant, StockService } from '../catalog/stock.service';
import { Payment } from '../payments/entities/payment.entity';
import { PaymentsErrors } from '../payments/payments.errors';
import { retryOnDeadlock } from '../../database/retry-on-deadlock';
import { PaymentsService } from '../payments/payments.service';
import { RegionsService } from '../regions/regions.service';
import { CheckoutDto } from './dto/checkout.dto';
import { OrderGroup } from './entities/order-group.entity';
import { Order } from './entities/order.entity';
import { CheckoutLimits } from './checkout-limits.service';
import { OrderStatus } from './order-state';
import { LiveCheckoutGate } from './live-checkout-gate.service';
import { OrdersErrors } from './orders.errors';
import { OrdersRepository } from './orders.repository';
import { commissionFor, shippingFeeFor, unitPriceFor } from './pricing';
import './orders.events';

export const ORDER_GROUP_PAYMENT = 'order_group';
export const ORDER_PAYMENT = 'order';

export interface CheckoutResult {
  group: OrderGroup;
  orders: Order[];
  /** The checkout's payments as it wrote them (a replay reads them again: undefined). */
  payments?: Payment[];
  /** True when this answer repeats an earlier checkout with the same Idempotency-Key. */
  replayed: boolean;
}

/**
 * One cart across farms: one order per seller, grouped, with the stock taken at once and
 * every amount computed here (the client sends no price). The same Idempotency-Key with
 * the same body returns the same checkout; with another body it is refused.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly stock: StockService,
    private readonly payments: PaymentsService,
    private readonly regions: RegionsService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly limits: CheckoutLimits,
    private readonly liveOffers: LiveOffersService,
    private readonly liveGate: LiveCheckoutGate,
  ) {}

  async checkout(buyerId: string, idempotencyKey: string, input: CheckoutDto): Promise<CheckoutResult> {
    if (input.liveSessionId) {
      return this.liveGate.run(input.liveSessionId, () => this.place(buyerId, idempotencyKey, input));
    }
    return this.place(buyerId, idempotencyKey, input);
  }

  private async place(buyerId: string, idempotencyKey: string, input: CheckoutDto): Promise<CheckoutResult> {
    const requestHash = hashOf(input);
    const earlier = await this.replay(buyerId, idempotencyKey, requestHash);
    if (earlier) return earlier;
    if (!this.payments.accepts(input.paymentMethod)) throw PaymentsErrors.methodUnavailable();
    if (input.paymentMethod === 'bank_transfer' && !this.config.orders.bankTransferAccount) {
      throw OrdersErrors.bankTransferUnavailable();
    }
    await this.regions.requireCounty(input.shippingAddress.countyCode);
    await this.limits.attempt(buyerId);
    if (input.liveSessionId) await this.liveOffers.refuseSoldOut(input.liveSessionId, input.items, new Date());

    // A deadlock with a host ending the stream or an expiry (rare: locks are taken in one order) is retried.
    const placed = await retryOnDeadlock(() =>
      this.orders.transaction(async (em) => {
        const group = await this.orders.insertGroup(em, {
          buyerId,
          idempotencyKey,
          requestHash,
          paymentMethod: input.paymentMethod,
          totalFen: 0,
        });
        if (!group) return null; // the same key committed meanwhile
        const orders = await this.placeOrders(em, group, buyerId, input);
        const total = sum(orders.map((o) => o.totalFen));
        await this.orders.setGroupTotal(em, group.id, total);
        const payments = await this.createPayments(em, group, orders, buyerId, total);
        return { group: { ...group, totalFen: total }, orders, payments, replayed: false };
      }),
    );
    return placed ?? (await this.replay(buyerId, idempotencyKey, requestHash)) ?? throwInProgress();
  }

  private async replay(buyerId: string, key: string, requestHash: string): Promise<CheckoutResult | null> {
    const group = await this.orders.findGroupByKey(buyerId, key);
    if (!group) return null;
    if (group.requestHash !== requestHash) throw OrdersErrors.idempotencyKeyReused();
    return { group, orders: await this.orders.ordersOfGroup(group.id), replayed: true };
  }

  private async placeOrders(
    em: EntityManager,
    group: OrderGroup,
    buyerId: string,
    input: CheckoutDto,
  ): Promise<Order[]> {
    // Sorted, so concurrent checkouts lock variants in the same order and never deadlock.
    const items = [...input.items].sort((a, b) => a.variantId.localeCompare(b.variantId));
    const found = await this.stock.forCheckout(
      em,
      items.map((i) => i.variantId),
    );
    const missing = items.filter((i) => !found.has(i.variantId)).map((i) => i.variantId);
    if (missing.length > 0) throw OrdersErrors.variantNotFound(missing);
    const unavailable = items.filter((i) => !found.get(i.variantId)!.purchasable).map((i) => i.variantId);
    if (unavailable.length > 0) throw OrdersErrors.unavailable(unavailable);
    const live = await this.liveOffersOf(em, input, items);
    // Before any stock is taken: a refused checkout holds no variant row while it waits for the buyer's lock.
    const sellerCount = new Set(items.map((i) => found.get(i.variantId)!.product.sellerId)).size;
    await this.limits.assertRoomFor(
      em,
      buyerId,
      sellerCount,
      items.map((i) => i.variantId),
    );

    for (const item of items) {
      const { variant } = found.get(item.variantId)!;
      if (
        item.quantity < variant.minOrderQuantity ||
        (variant.maxPerOrder !== null && item.quantity > variant.maxPerOrder)
      ) {
        throw OrdersErrors.quantityOutOfRange(variant.id, variant.minOrderQuantity, variant.maxPerOrder);
      }
    }
    // Live units first, then stock: every path locks a buyer's count, then offers, then variants
    // and their products, each in variant order (docs/livestreams.md, "Locks").
    for (const item of items) {
      const offer = live.get(item.variantId);
      if (offer) await this.liveOffers.take(em, offer, buyerId, item.quantity);
    }
    for (const item of items) {
      if (!live.has(item.variantId) && !(await this.stock.take(em, item.variantId, item.quantity))) {
        throw OrdersErrors.outOfStock(item.variantId);
      }
    }

    const bySeller = new Map<string, Array<{ quantity: number } & PurchasableVariant>>();
    for (const item of items) {
      const entry = found.get(item.variantId)!;
      const sellerId = entry.product.sellerId;
      bySeller.set(sellerId, [...(bySeller.get(sellerId) ?? []), { ...entry, quantity: item.quantity }]);
    }
    const policies = await this.orders.shippingPolicies(em, [...bySeller.keys()]);

    const placed: Order[] = [];
    for (const [sellerId, lines] of [...bySeller.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const policy = policies.find((p) => p.sellerId === sellerId);
      if (!policy) throw OrdersErrors.shippingNotConfigured(sellerId);
      const needsColdChain = lines.some((l) => isColdChain(l));
      if (needsColdChain && !policy.coldChain) throw OrdersErrors.coldChainUnavailable(sellerId);
      const priced = lines.map((l) => {
        const offer = live.get(l.variant.id) ?? null;
        const regular = unitPriceFor(l.variant.priceFen, l.variant.priceTiers, l.quantity);
        // Never more than the regular price would be: a tier may undercut the live price.
        const unit = offer ? Math.min(offer.livePriceFen, regular) : regular;
        return { ...l, unit, lineTotal: unit * l.quantity, offer };
      });
      const liveOffer = priced.find((l) => l.offer)?.offer ?? null;
      const { status, expiresAt } = this.openingOf(input.paymentMethod, liveOffer !== null);
      const goods: Fen = sum(priced.map((l) => l.lineTotal));
      const weight = sum(priced.map((l) => (l.variant.netWeightGrams ?? 0) * l.quantity));
      const shipping = shippingFeeFor(policy, goods, weight, needsColdChain);
      const shipWithinHours = tightestShippingWindow(lines);
      const order = await this.orders.saveOrder(em, {
        groupId: group.id,
        buyerId,
        sellerId,
        status,
        goodsFen: goods,
        shippingFen: shipping,
        commissionFen: commissionFor(goods, this.config.orders.commissionRateBps),
        totalFen: goods + shipping,
        shippingAddress: input.shippingAddress,
        expiresAt,
        coldChain: needsColdChain,
        shipWithinHours,
        // Cash on delivery is confirmed now, so its shipping window opens now (a paid order's at payment).
        shipBy:
          status === 'confirmed' && shipWithinHours !== null
            ? new Date(Date.now() + shipWithinHours * 3_600_000)
            : null,
        liveSessionId: liveOffer?.sessionId ?? null,
        liveHostUserId: liveOffer?.hostUserId ?? null,
        liveCohortId: liveOffer?.cohortId ?? null,
        liveTrainerId: liveOffer?.trainerId ?? null,
      });
      await this.orders.insertLines(
        em,
        priced.map((l) => ({
          orderId: order.id,
          productId: l.product.id,
          variantId: l.variant.id,
          productTitle: l.product.content?.title ?? '',
          variantName: l.variant.name,
          quantity: l.quantity,
          unitPriceFen: l.unit,
          lineTotalFen: l.lineTotal,
          netWeightGrams: l.variant.netWeightGrams,
          liveOfferId: l.offer?.id ?? null,
        })),
      );
      await this.orders.recordStatus(em, {
        orderId: order.id,
        fromStatus: null,
        toStatus: order.status,
        actorId: buyerId,
      });
      await this.outbox.record(em, 'order.placed', { orderId: order.id, groupId: group.id, buyerId, sellerId });
      placed.push(order);
    }
    return placed;
  }

  /**
   * The live offers the checkout buys from: the session's pinned items selling now, by variant.
   * A variant not pinned (or a session not live) sells at its regular price. Live units wait
   * minutes for their money, never a bank transfer's days.
   */
  private async liveOffersOf(em: EntityManager, input: CheckoutDto, items: CheckoutDto['items']) {
    if (!input.liveSessionId) return new Map<string, LiveOffer>();
    const ids = items.map((i) => i.variantId);
    const offers = await this.liveOffers.sellingNow(em, input.liveSessionId, ids, new Date());
    if (offers.length > 0 && input.paymentMethod === 'bank_transfer') throw OrdersErrors.liveNeedsQuickPayment();
    return new Map(offers.map((o) => [o.variantId, o]));
  }

  /**
   * Cash on delivery is confirmed at once and never expires: it ships first and is paid at
   * the door. A transfer waits days for the bank; a card payment minutes, and fewer for units
   * bought live (LIVE_ORDER_PAYMENT_TIMEOUT_MINUTES), which go back to the stream if unpaid.
   */
  private openingOf(
    method: CheckoutDto['paymentMethod'],
    live: boolean,
  ): { status: OrderStatus; expiresAt: Date | null } {
    const { offlinePaymentTimeoutHours, paymentTimeoutMinutes, livePaymentTimeoutMinutes } = this.config.orders;
    if (method === 'cash_on_delivery') return { status: 'confirmed', expiresAt: null };
    if (method === 'bank_transfer') {
      return {
        status: 'awaiting_offline_payment',
        expiresAt: new Date(Date.now() + offlinePaymentTimeoutHours * 3_600_000),
      };
    }
    const minutes = live ? livePaymentTimeoutMinutes : paymentTimeoutMinutes;
    return { status: 'pending_payment', expiresAt: new Date(Date.now() + minutes * 60_000) };
  }

  /** Cash is paid to each farm on delivery (one payment per order); a transfer pays the whole group. */
  private async createPayments(
    em: EntityManager,
    group: OrderGroup,
    orders: Order[],
    payerId: string,
    total: Fen,
  ): Promise<Payment[]> {
    if (group.paymentMethod === 'cash_on_delivery') {
      const cash: Payment[] = [];
      for (const order of orders) {
        cash.push(
          await this.payments.create(em, {
            purpose: ORDER_PAYMENT,
            referenceId: order.id,
            payerId,
            method: 'cash_on_delivery',
            amountFen: order.totalFen,
          }),
        );
      }
      return cash;
    }
    const payment = {
      purpose: ORDER_GROUP_PAYMENT,
      referenceId: group.id,
      payerId,
      method: group.paymentMethod,
      amountFen: total,
    };
    return [await this.payments.create(em, payment)];
  }

  /** Where a bank transfer goes (null: bank transfer is not offered). */
  get bankTransferAccount() {
    return this.config.orders.bankTransferAccount ?? null;
  }

  /**
   * The payments of a checkout; one paid in the buyer's app carries the client secret the app
   * confirms. A fresh checkout answers with what it wrote: after its commit nothing waits for the
   * database again, so a busy pool never turns a placed order into an error.
   */
  async paymentsOf(result: CheckoutResult): Promise<Array<{ payment: Payment; clientSecret: string | null }>> {
    const payments = result.payments ?? [
      ...(await this.payments.forReference(ORDER_GROUP_PAYMENT, result.group.id)),
      ...(await Promise.all(result.orders.map((o) => this.payments.forReference(ORDER_PAYMENT, o.id)))).flat(),
    ];
    return Promise.all(
      payments.map(async (payment) => ({ payment, clientSecret: await this.payments.clientSecretFor(payment) })),
    );
  }
}

/** Perishable goods must leave the farm within their product's `shipsWithinHours` of payment. */
function tightestShippingWindow(lines: PurchasableVariant[]): number | null {
  const windows = lines.flatMap((l) =>
    l.product.content?.kind === 'produce' ? [l.product.content.attributes.shipsWithinHours] : [],
  );
  return windows.length > 0 ? Math.min(...windows) : null;
}

function isColdChain(line: PurchasableVariant): boolean {
  const content = line.product.content;
  return content?.kind === 'produce' && content.attributes.storageClass !== 'ambient';
}

function hashOf(input: CheckoutDto): string {
  const canonical = { ...input, items: [...input.items].sort((a, b) => a.variantId.localeCompare(b.variantId)) };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function throwInProgress(): never {
  throw OrdersErrors.checkoutInProgress();
}
