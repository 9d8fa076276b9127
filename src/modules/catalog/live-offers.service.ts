import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { Fen } from '../../common/money';
import { fenFromDatabase } from '../../database/fen-column';
import { isUniqueViolationOf } from '../../database/unique-violation';
import { LiveOffer } from './entities/live-offer.entity';
import { ProductVariant } from './entities/product-variant.entity';
import { StockService } from './stock.service';

/** A pinned offer as viewers see it: with what it is and its regular price. */
export interface LiveShowcaseItem {
  offer: LiveOffer;
  productTitle: string;
  variantName: string;
  saleUnit: string;
  regularPriceFen: Fen;
}

export interface NewLiveOffer {
  sessionId: string;
  sellerId: string;
  variantId: string;
  livePriceFen: Fen;
  allocation: number;
  perBuyerLimit: number;
  startsAt: Date | null;
  endsAt: Date | null;
  displayOrder: number;
  sellingOpen: boolean;
  hostUserId: string;
  cohortId: string | null;
  trainerId: string | null;
}

const ONE_PINNED_INDEX = 'live_offers_one_pinned_per_variant';

export const LiveOfferErrors = {
  priceAboveRegular: (regularPriceFen: Fen) =>
    new DomainError('validation', 'LIVE_PRICE_ABOVE_REGULAR', 'A live price is never above the regular price', {
      field: 'livePriceFen',
      regularPriceFen,
    }),
  allocationExceedsStock: (stock: number) =>
    new DomainError('conflict', 'LIVE_ALLOCATION_EXCEEDS_STOCK', 'Not enough stock to set aside for the stream', {
      field: 'allocation',
      stock,
    }),
  limitBelowMinimum: (minOrderQuantity: number) =>
    new DomainError(
      'validation',
      'LIVE_LIMIT_BELOW_MINIMUM',
      'The per-buyer limit is below the variant’s minimum order: nobody could buy it',
      { field: 'perBuyerLimit', minOrderQuantity },
    ),
  alreadyPinned: () =>
    new DomainError('conflict', 'LIVE_ITEM_ALREADY_PINNED', 'This variant is already pinned in the session'),
  notPurchasable: () =>
    new DomainError('conflict', 'PRODUCT_UNAVAILABLE', 'Only an active product of a verified store can be pinned'),
  exhausted: (variantId: string) =>
    new DomainError('conflict', 'LIVE_ALLOCATION_EXHAUSTED', 'The units set aside for the stream are sold out', {
      variantId,
    }),
  overLimit: (variantId: string, perBuyerLimit: number) =>
    new DomainError('conflict', 'LIVE_PURCHASE_LIMIT_EXCEEDED', 'Over the per-buyer limit of this live item', {
      variantId,
      perBuyerLimit,
    }),
};

/**
 * Live offers (entities/live-offer.entity.ts): units set aside from a variant's stock for a live
 * session, sold at the live price within a per-buyer limit. Every method runs in the caller's
 * transaction. Taking is two conditional statements (the buyer's count, then the offer's
 * remaining units), so concurrent buyers never take more than was set aside, and one buyer
 * never more than the limit.
 */
@Injectable()
export class LiveOffersService {
  constructor(
    private readonly stock: StockService,
    private readonly dataSource: DataSource,
  ) {}

  /** Sets units aside: they leave the variant's stock now and come back when unpinned. */
  async pin(em: EntityManager, input: NewLiveOffer): Promise<LiveOffer> {
    const variant = await em.getRepository(ProductVariant).findOneBy({ id: input.variantId });
    if (!variant || variant.sellerId !== input.sellerId) {
      throw new DomainError('not_found', 'VARIANT_NOT_FOUND', 'Variant not found', { field: 'variantId' });
    }
    const [{ purchasable }] = await em.query(
      `SELECT (p.status = 'active' AND s.status = 'verified') AS purchasable
         FROM products p JOIN sellers s ON s.id = p.seller_id WHERE p.id = $1`,
      [variant.productId],
    );
    if (!purchasable) throw LiveOfferErrors.notPurchasable();
    if (input.livePriceFen > variant.priceFen) throw LiveOfferErrors.priceAboveRegular(variant.priceFen);
    if (input.perBuyerLimit < variant.minOrderQuantity)
      throw LiveOfferErrors.limitBelowMinimum(variant.minOrderQuantity);
    if (!(await this.stock.take(em, variant.id, input.allocation))) {
      const fresh = await em.getRepository(ProductVariant).findOneByOrFail({ id: variant.id });
      throw LiveOfferErrors.allocationExceedsStock(fresh.stock);
    }
    const { allocation, ...rest } = input;
    try {
      return await em.getRepository(LiveOffer).save(
        em.getRepository(LiveOffer).create({
          ...rest,
          productId: variant.productId,
          allocated: allocation,
          remaining: allocation,
        }),
      );
    } catch (error) {
      if (isUniqueViolationOf(error, ONE_PINNED_INDEX)) throw LiveOfferErrors.alreadyPinned();
      throw error;
    }
  }

  /** Unpins: the unsold units go back to the variant's stock; units in unpaid orders follow when they lapse. */
  async unpin(em: EntityManager, offer: LiveOffer): Promise<LiveOffer> {
    const locked = await this.lock(em, offer.id);
    if (!locked || locked.unpinnedAt !== null) return locked ?? offer;
    if (locked.remaining > 0) await this.stock.giveBack(em, locked.variantId, locked.remaining);
    locked.remaining = 0;
    locked.sellingOpen = false;
    locked.unpinnedAt = new Date();
    return em.getRepository(LiveOffer).save(locked);
  }

  /** The session went live: its pinned offers sell. */
  async openSelling(em: EntityManager, sessionId: string): Promise<void> {
    await em.getRepository(LiveOffer).update({ sessionId, unpinnedAt: IsNull() }, { sellingOpen: true });
  }

  /** The session ended (or was cancelled): every offer is unpinned, its rest back in stock, in variant order. */
  async closeSelling(em: EntityManager, sessionId: string): Promise<void> {
    const pinned = await em.getRepository(LiveOffer).find({
      where: { sessionId, unpinnedAt: IsNull() },
      order: { variantId: 'ASC' },
    });
    for (const offer of pinned) await this.unpin(em, offer);
  }

  /** The session's pinned offers, in display order. */
  pinnedOf(sessionId: string, em: EntityManager): Promise<LiveOffer[]> {
    return em.getRepository(LiveOffer).find({
      where: { sessionId, unpinnedAt: IsNull() },
      order: { displayOrder: 'ASC', pinnedAt: 'ASC' },
    });
  }

  /** The session's pinned offers with their product's title and the variant's name and regular price, in one query. */
  async showcase(sessionId: string, em: EntityManager): Promise<LiveShowcaseItem[]> {
    const rows: Array<{ id: string; title: string | null; name: string; sale_unit: string; price_fen: string }> =
      await em.query(
        `SELECT o.id, p.content->>'title' AS title, v.name, v.sale_unit, v.price_fen
           FROM live_offers o
           JOIN product_variants v ON v.id = o.variant_id
           JOIN products p ON p.id = o.product_id
          WHERE o.session_id = $1 AND o.unpinned_at IS NULL`,
        [sessionId],
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return (await this.pinnedOf(sessionId, em)).flatMap((offer) => {
      const row = byId.get(offer.id);
      if (!row) return [];
      return [
        {
          offer,
          productTitle: row.title ?? '',
          variantName: row.name,
          saleUnit: row.sale_unit,
          regularPriceFen: fenFromDatabase(row.price_fen),
        },
      ];
    });
  }

  /** Every offer the session ever had (pinned or not), for its report. */
  allOf(sessionId: string, em: EntityManager): Promise<LiveOffer[]> {
    return em.getRepository(LiveOffer).find({ where: { sessionId }, order: { displayOrder: 'ASC', pinnedAt: 'ASC' } });
  }

  findOffer(id: string, em: EntityManager): Promise<LiveOffer | null> {
    return em.getRepository(LiveOffer).findOneBy({ id });
  }

  /** The offers of these variants a checkout in the session may buy from now (selling, and inside their window). */
  async sellingNow(em: EntityManager, sessionId: string, variantIds: string[], now: Date): Promise<LiveOffer[]> {
    const offers = await em
      .getRepository(LiveOffer)
      .createQueryBuilder('o')
      .where('o.session_id = :sessionId AND o.variant_id = ANY(:variantIds)', { sessionId, variantIds })
      .andWhere('o.unpinned_at IS NULL AND o.selling_open')
      .getMany();
    return offers.filter((o) => (o.startsAt === null || o.startsAt <= now) && (o.endsAt === null || o.endsAt > now));
  }

  /**
   * Refuses at once, before any transaction, a live checkout of units an offer no longer has:
   * a sold-out stream's tail of buyers never queues on its row. (Units an expiring order gives
   * back a moment later are missed by this read: the buyer is told sold out and may try again.)
   */
  async refuseSoldOut(sessionId: string, items: Array<{ variantId: string; quantity: number }>, now: Date) {
    const offers = await this.sellingNow(
      this.dataSource.manager,
      sessionId,
      items.map((i) => i.variantId),
      now,
    );
    for (const item of items) {
      const offer = offers.find((o) => o.variantId === item.variantId);
      if (offer && offer.remaining < item.quantity) throw LiveOfferErrors.exhausted(offer.variantId);
    }
  }

  /**
   * Takes `quantity` units of the offer for the buyer: first their count against the limit (one
   * row per buyer and offer, so their parallel checkouts queue there and not on the offer), then
   * the offer's remaining units. A refusal throws, rolling the count back with the caller's
   * transaction.
   */
  async take(em: EntityManager, offer: LiveOffer, buyerId: string, quantity: number): Promise<void> {
    if (quantity > offer.perBuyerLimit || !(await this.count(em, offer, buyerId, quantity))) {
      throw LiveOfferErrors.overLimit(offer.variantId, offer.perBuyerLimit);
    }
    const taken: unknown[] = await em.query(
      `WITH taken AS (
         UPDATE live_offers SET remaining = remaining - $2
          WHERE id = $1 AND remaining >= $2 AND selling_open AND unpinned_at IS NULL RETURNING id)
       SELECT id FROM taken`,
      [offer.id, quantity],
    );
    if (taken.length === 0) throw LiveOfferErrors.exhausted(offer.variantId);
  }

  /**
   * An order of the offer closed unpaid (expired, cancelled): its units go out of the buyer's
   * count and back to the offer while it is pinned, else to the variant's stock. The caller
   * calls this once per closed order (the order's own transition guarantees it). Locks in the
   * one order every path uses: the buyer's count, the offer, then the variant.
   */
  async giveBack(em: EntityManager, offerId: string, buyerId: string, quantity: number): Promise<void> {
    await em.query(
      `UPDATE live_offer_buyers SET units = GREATEST(units - $3, 0) WHERE offer_id = $1 AND buyer_id = $2`,
      [offerId, buyerId, quantity],
    );
    const toOffer: unknown[] = await em.query(
      `WITH back AS (UPDATE live_offers SET remaining = remaining + $2 WHERE id = $1 AND unpinned_at IS NULL RETURNING id)
       SELECT id FROM back`,
      [offerId, quantity],
    );
    if (toOffer.length > 0) return;
    const offer = await this.findOffer(offerId, em);
    if (offer) await this.stock.giveBack(em, offer.variantId, quantity);
  }

  /**
   * A lapsed order was paid after all: its units are taken again, within the buyer's limit,
   * from the offer while it is pinned, else from the variant's stock (where giveBack put them).
   * False when the limit or the units say no (the order is then cancelled and refunded).
   */
  async retake(em: EntityManager, offerId: string, buyerId: string, quantity: number): Promise<boolean> {
    const offer = await this.findOffer(offerId, em);
    if (!offer || quantity > offer.perBuyerLimit) return false;
    if (!(await this.count(em, offer, buyerId, quantity))) return false;
    const fromOffer: unknown[] = await em.query(
      `WITH taken AS (
         UPDATE live_offers SET remaining = remaining - $2
          WHERE id = $1 AND remaining >= $2 AND unpinned_at IS NULL RETURNING id)
       SELECT id FROM taken`,
      [offerId, quantity],
    );
    if (fromOffer.length > 0) return true;
    const stillPinned = (await this.findOffer(offerId, em))?.unpinnedAt === null;
    if (!stillPinned && (await this.stock.take(em, offer.variantId, quantity))) return true;
    await em.query(`UPDATE live_offer_buyers SET units = units - $3 WHERE offer_id = $1 AND buyer_id = $2`, [
      offerId,
      buyerId,
      quantity,
    ]);
    return false;
  }

  /** Counts `quantity` more units on the buyer's row if the limit allows; false when it does not. */
  private async count(em: EntityManager, offer: LiveOffer, buyerId: string, quantity: number): Promise<boolean> {
    const counted: unknown[] = await em.query(
      `INSERT INTO live_offer_buyers (offer_id, buyer_id, units) VALUES ($1, $2, $3)
       ON CONFLICT (offer_id, buyer_id) DO UPDATE SET units = live_offer_buyers.units + EXCLUDED.units
        WHERE live_offer_buyers.units + EXCLUDED.units <= $4
       RETURNING units`,
      [offer.id, buyerId, quantity, offer.perBuyerLimit],
    );
    return counted.length > 0;
  }

  private lock(em: EntityManager, id: string): Promise<LiveOffer | null> {
    return em.getRepository(LiveOffer).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
