import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Fen, sum } from '../../common/money';
import { AppConfig } from '../../config/app-config';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { PurchasableVariant, StockService } from '../catalog/stock.service';
import { Payment } from '../payments/entities/payment.entity';
import { PaymentsErrors } from '../payments/payments.errors';
import { PaymentsService } from '../payments/payments.service';
import { RegionsService } from '../regions/regions.service';
import { CheckoutDto } from './dto/checkout.dto';
import { OrderGroup } from './entities/order-group.entity';
import { Order } from './entities/order.entity';
import { OrdersErrors } from './orders.errors';
import { OrdersRepository } from './orders.repository';
import { commissionFor, shippingFeeFor, unitPriceFor } from './pricing';
import './orders.events';

export const ORDER_GROUP_PAYMENT = 'order_group';
export const ORDER_PAYMENT = 'order';

export interface CheckoutResult {
  group: OrderGroup;
  orders: Order[];
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
  ) {}

  async checkout(buyerId: string, idempotencyKey: string, input: CheckoutDto): Promise<CheckoutResult> {
    const requestHash = hashOf(input);
    const earlier = await this.replay(buyerId, idempotencyKey, requestHash);
    if (earlier) return earlier;
    if (!this.payments.accepts(input.paymentMethod)) throw PaymentsErrors.methodUnavailable();
    await this.regions.requireCounty(input.shippingAddress.countyCode);

    const placed = await this.orders.transaction(async (em) => {
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
      await this.createPayments(em, group, orders, buyerId, total);
      return { group: { ...group, totalFen: total }, orders, replayed: false };
    });
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

    for (const item of items) {
      const { variant } = found.get(item.variantId)!;
      if (
        item.quantity < variant.minOrderQuantity ||
        (variant.maxPerOrder !== null && item.quantity > variant.maxPerOrder)
      ) {
        throw OrdersErrors.quantityOutOfRange(variant.id, variant.minOrderQuantity, variant.maxPerOrder);
      }
      if (!(await this.stock.take(em, variant.id, item.quantity))) throw OrdersErrors.outOfStock(variant.id);
    }

    const bySeller = new Map<string, Array<{ quantity: number } & PurchasableVariant>>();
    for (const item of items) {
      const entry = found.get(item.variantId)!;
      const sellerId = entry.product.sellerId;
      bySeller.set(sellerId, [...(bySeller.get(sellerId) ?? []), { ...entry, quantity: item.quantity }]);
    }
    const policies = await this.orders.shippingPolicies(em, [...bySeller.keys()]);
    const offline = input.paymentMethod !== 'stripe';
    const expiresAt = new Date(
      Date.now() +
        (offline
          ? this.config.orders.offlinePaymentTimeoutHours * 3_600_000
          : this.config.orders.paymentTimeoutMinutes * 60_000),
    );

    const placed: Order[] = [];
    for (const [sellerId, lines] of [...bySeller.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const policy = policies.find((p) => p.sellerId === sellerId);
      if (!policy) throw OrdersErrors.shippingNotConfigured(sellerId);
      const needsColdChain = lines.some((l) => isColdChain(l));
      if (needsColdChain && !policy.coldChain) throw OrdersErrors.coldChainUnavailable(sellerId);
      const priced = lines.map((l) => {
        const unit = unitPriceFor(l.variant.priceFen, l.variant.priceTiers, l.quantity);
        return { ...l, unit, lineTotal: unit * l.quantity };
      });
      const goods: Fen = sum(priced.map((l) => l.lineTotal));
      const weight = sum(priced.map((l) => (l.variant.netWeightGrams ?? 0) * l.quantity));
      const shipping = shippingFeeFor(policy, goods, weight, needsColdChain);
      const order = await this.orders.saveOrder(em, {
        groupId: group.id,
        buyerId,
        sellerId,
        status: offline ? 'awaiting_offline_payment' : 'pending_payment',
        goodsFen: goods,
        shippingFen: shipping,
        commissionFen: commissionFor(goods, this.config.orders.commissionRateBps),
        totalFen: goods + shipping,
        shippingAddress: input.shippingAddress,
        expiresAt,
        coldChain: needsColdChain,
        shipWithinHours: tightestShippingWindow(lines),
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

  /** Cash is paid to each farm on delivery (one payment per order); a transfer pays the whole group. */
  private async createPayments(em: EntityManager, group: OrderGroup, orders: Order[], payerId: string, total: Fen) {
    if (group.paymentMethod === 'cash_on_delivery') {
      for (const order of orders) {
        await this.payments.create(em, {
          purpose: ORDER_PAYMENT,
          referenceId: order.id,
          payerId,
          method: 'cash_on_delivery',
          amountFen: order.totalFen,
        });
      }
      return;
    }
    const payment = {
      purpose: ORDER_GROUP_PAYMENT,
      referenceId: group.id,
      payerId,
      method: group.paymentMethod,
      amountFen: total,
    };
    await this.payments.create(em, payment);
  }

  /** The payments of a checkout; one paid in the buyer's app carries the client secret the app confirms. */
  async paymentsOf(result: CheckoutResult): Promise<Array<{ payment: Payment; clientSecret: string | null }>> {
    const payments = [
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
