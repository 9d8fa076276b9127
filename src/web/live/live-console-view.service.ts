import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { CatalogBrowseService } from '../../modules/catalog/catalog-browse.service';
import type { LiveOffer } from '../../modules/catalog/entities/live-offer.entity';
import type { ProductVariant } from '../../modules/catalog/entities/product-variant.entity';
import type { Product } from '../../modules/catalog/entities/product.entity';
import { SellerProductsService } from '../../modules/catalog/seller-products.service';
import type { LiveSession } from '../../modules/livestreams/entities/live-session.entity';
import { LiveSessionViews } from '../../modules/livestreams/live-session-views.service';
import { LiveSessionsService } from '../../modules/livestreams/live-sessions.service';
import { SellersService } from '../../modules/sellers/sellers.service';
import { sessionView } from './live-views';

/** A store's products offered for pinning: the public catalog's page size, enough for a farm. */
const CHOICES_LIMIT = 100;

/** What an item is, for the pages that list it: its product and variant, and its regular price. */
export interface ItemName {
  title: string;
  variantName: string;
  regularPriceFen: number | null;
}

type Report = Awaited<ReturnType<LiveSessionsService['report']>>;

/**
 * What the host's console and the report draw: the session, its items with their names, the
 * sales (LiveSessionsService.report: paid orders only, refunds out) and the store's variants
 * that may be pinned. Names come from the public showcase for pinned items, else from the
 * catalog (the store's own product list when the person runs the store).
 */
@Injectable()
export class LiveConsoleView {
  constructor(
    private readonly sessions: LiveSessionsService,
    private readonly views: LiveSessionViews,
    private readonly catalog: CatalogBrowseService,
    private readonly products: SellerProductsService,
    private readonly sellers: SellersService,
  ) {}

  /** The live figures of the console (its self-refreshing part): totals, and each pinned item's units. */
  async stats(actor: Actor, sessionId: string) {
    const sold = await this.sessions.report(actor, sessionId);
    const names = await this.names(actor, sold.session, sold.items);
    return { ...this.figures(sold, names), session: sessionView(sold.session) };
  }

  /** The whole console: the figures, the pinned items, the store's variants to pin, the store's name. */
  async console(actor: Actor, sessionId: string) {
    const sold = await this.sessions.report(actor, sessionId);
    const { session } = sold;
    const [names, storeName] = await Promise.all([
      this.names(actor, session, sold.items),
      this.sellers.getById(session.sellerId).then((s) => s.displayName),
    ]);
    const figures = this.figures(sold, names);
    const pinnedVariants = new Set(figures.pinned.map((i) => i.variantId));
    const choices = session.status === 'scheduled' || session.status === 'live' ? await this.choices(session) : [];
    return {
      ...figures,
      session: { ...sessionView(session), storeName },
      choices: choices.filter((c) => !pinnedVariants.has(c.variantId)),
    };
  }

  /** The report: totals and every item the session ever pinned, with what each sold. */
  async report(actor: Actor, sessionId: string) {
    const sold = await this.sessions.report(actor, sessionId);
    const [names, storeName] = await Promise.all([
      this.names(actor, sold.session, sold.items),
      this.sellers.getById(sold.session.sellerId).then((s) => s.displayName),
    ]);
    const byOffer = new Map(sold.report.items.map((i) => [i.offerId, i]));
    const items = sold.items.map((offer) => {
      const line = byOffer.get(offer.id);
      return {
        ...this.itemOf(offer, names),
        orders: line?.orders ?? 0,
        unitsSold: line?.units ?? 0,
        goodsFen: line?.goodsFen ?? 0,
      };
    });
    return { session: { ...sessionView(sold.session), storeName }, report: sold.report, items };
  }

  private figures(sold: Report, names: Map<string, ItemName>) {
    const byOffer = new Map(sold.report.items.map((i) => [i.offerId, i]));
    const pinned = sold.items
      .filter((o) => o.unpinnedAt === null)
      .map((offer) => ({ ...this.itemOf(offer, names), paidUnits: byOffer.get(offer.id)?.units ?? 0 }));
    return { report: sold.report, pinned };
  }

  private itemOf(offer: LiveOffer, names: Map<string, ItemName>) {
    const name = names.get(offer.variantId);
    return {
      id: offer.id,
      variantId: offer.variantId,
      productId: offer.productId,
      title: name?.title ?? '',
      variantName: name?.variantName ?? '',
      regularPriceFen: name?.regularPriceFen ?? null,
      livePriceFen: offer.livePriceFen,
      allocated: offer.allocated,
      remaining: offer.remaining,
      /** Units taken by orders so far (paid or not) while the item is pinned. */
      claimed: offer.unpinnedAt === null ? offer.allocated - offer.remaining : null,
      perBuyerLimit: offer.perBuyerLimit,
      startsAt: offer.startsAt,
      endsAt: offer.endsAt,
      displayOrder: offer.displayOrder,
      pinned: offer.unpinnedAt === null,
      unpinnedAt: offer.unpinnedAt,
    };
  }

  /** The names of the session's items by variant: the showcase for pinned ones, the catalog for the rest. */
  private async names(actor: Actor, session: LiveSession, offers: LiveOffer[]): Promise<Map<string, ItemName>> {
    const names = new Map<string, ItemName>();
    if (offers.some((o) => o.unpinnedAt === null)) {
      for (const item of (await this.views.showcase(session.id)).items) {
        names.set(item.offer.variantId, {
          title: item.productTitle,
          variantName: item.variantName,
          regularPriceFen: item.regularPriceFen,
        });
      }
    }
    const missing = [...new Set(offers.filter((o) => !names.has(o.variantId)).map((o) => o.productId))];
    for (const productId of missing) {
      const found = await this.productOf(actor, session.sellerId, productId);
      for (const variant of found?.variants ?? []) {
        names.set(variant.id, {
          title: found!.product.content?.title ?? '',
          variantName: variant.name,
          regularPriceFen: variant.priceFen,
        });
      }
    }
    return names;
  }

  /** A product and its variants: from the public catalog, else the store's own list (paused, archived). */
  private async productOf(actor: Actor, sellerId: string, productId: string) {
    try {
      return await this.catalog.get(productId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
    }
    try {
      return await this.products.get(actor, sellerId, productId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      return null;
    }
  }

  /** The variants the host may pin: the store's active products (what checkout sells), with price and stock. */
  private async choices(session: LiveSession) {
    const page = await this.catalog.browse({ sellerId: session.sellerId, limit: CHOICES_LIMIT, sort: 'newest' });
    const products = await Promise.all(page.items.map((p) => this.catalog.get(p.id).catch(() => null)));
    return products
      .filter((p): p is { product: Product; variants: ProductVariant[] } => p !== null)
      .flatMap(({ product, variants }) =>
        variants.map((v) => ({
          variantId: v.id,
          title: product.content?.title ?? '',
          variantName: v.name,
          priceFen: v.priceFen,
          stock: v.stock,
          available: v.stock > 0,
        })),
      );
  }
}
