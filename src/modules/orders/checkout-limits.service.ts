import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { consumeOrThrow, RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory';
import { AppConfig } from '../../config/app-config';
import { OrdersRepository } from './orders.repository';

/**
 * Keeps one account from holding a farm's stock: a checkout rate per buyer, and caps on the
 * unpaid orders (cash on delivery not yet collected included) a buyer holds at once, in all
 * and per variant. The caps are counted inside the checkout's transaction under a lock on
 * the buyer, so parallel checkouts of one buyer cannot each see room for one more.
 */
@Injectable()
export class CheckoutLimits {
  private readonly rate: RateLimiterAbstract;

  constructor(
    private readonly orders: OrdersRepository,
    private readonly config: AppConfig,
    factory: RateLimiterFactory,
  ) {
    this.rate = factory.create({
      name: 'checkout:buyer',
      points: config.orders.maxCheckoutsPerBuyer,
      durationSeconds: config.orders.checkoutRateWindowSeconds,
    });
  }

  /** Counts one checkout attempt of the buyer (a replay with the same Idempotency-Key is not one). */
  async attempt(buyerId: string): Promise<void> {
    await consumeOrThrow(this.rate, buyerId, 'CHECKOUT_RATE_LIMITED');
  }

  /** Refuses the checkout when the orders it is about to add would pass a cap. */
  async assertRoomFor(em: EntityManager, buyerId: string, newOrders: number, variantIds: string[]): Promise<void> {
    const { maxUnpaidOrders, maxUnpaidOrdersPerVariant } = this.config.orders;
    await this.orders.lockBuyerForCheckout(em, buyerId);
    const held = await this.orders.unpaidHeldBy(em, buyerId, variantIds);
    if (held.orders + newOrders > maxUnpaidOrders) {
      throw await this.refusal(em, buyerId, 'TOO_MANY_UNPAID_ORDERS', { limit: maxUnpaidOrders });
    }
    const full = variantIds.filter((id) => (held.byVariant.get(id) ?? 0) + 1 > maxUnpaidOrdersPerVariant);
    if (full.length > 0) {
      throw await this.refusal(em, buyerId, 'TOO_MANY_UNPAID_ORDERS_FOR_VARIANT', {
        limit: maxUnpaidOrdersPerVariant,
        variantIds: full,
      });
    }
  }

  /**
   * Room comes back when an unpaid order expires (or is paid or cancelled, which cannot be
   * foreseen): the wait is until the first expiry, or a rate window when only cash-on-delivery
   * orders, which never expire, are held.
   */
  private async refusal(em: EntityManager, buyerId: string, code: string, details: object): Promise<DomainError> {
    const nextExpiry = await this.orders.nextUnpaidExpiry(em, buyerId);
    const retryAfterSeconds = nextExpiry
      ? Math.max(1, Math.ceil((nextExpiry.getTime() - Date.now()) / 1000))
      : this.config.orders.checkoutRateWindowSeconds;
    return new DomainError('rate_limited', code, 'You hold too many unpaid orders; pay or cancel some first', {
      ...details,
      retryAfterSeconds,
    });
  }
}
