import { Injectable } from '@nestjs/common';
import { Fen, sum } from '../../common/money';
import { StockService } from '../catalog/stock.service';
import type { SaleUnit } from '../catalog/entities/product-variant.entity';
import { SellersService } from '../sellers/sellers.service';
import { CartRepository } from './cart.repository';
import { OrdersErrors } from './orders.errors';
import { unitPriceFor } from './pricing';

/** Different variants one cart may hold (a checkout takes at most 50 items). */
export const MAX_CART_LINES = 50;
/** Units of one variant one cart line may hold. */
export const MAX_CART_QUANTITY = 9_999;

export interface CartChoice {
  variantId: string;
  quantity: number;
}

/** Why a line cannot be ordered as it is. */
export type CartLineProblem = 'unavailable' | 'out_of_stock' | 'below_minimum' | 'above_maximum';

export interface CartItemView {
  variantId: string;
  productId: string;
  title: string;
  variantName: string;
  saleUnit: SaleUnit;
  quantity: number;
  unitPriceFen: Fen;
  lineTotalFen: Fen;
  stock: number;
  minOrderQuantity: number;
  problem: CartLineProblem | null;
}

export interface CartStoreView {
  sellerId: string;
  storeName: string;
  lines: CartItemView[];
  /** Goods of the lines that can be ordered; shipping is added at checkout. */
  subtotalFen: Fen;
}

export interface CartView {
  stores: CartStoreView[];
  totalFen: Fen;
  /** Lines in the cart (what the header badge shows). */
  count: number;
  /** Every line can be ordered as it is. */
  orderable: boolean;
}

/**
 * A signed-in buyer's cart across farms, kept on the server. Only variant and quantity are
 * stored; each view reads the current price (with its tiers), stock and store again.
 */
@Injectable()
export class CartService {
  constructor(
    private readonly carts: CartRepository,
    private readonly stock: StockService,
    private readonly sellers: SellersService,
  ) {}

  async choicesOf(userId: string): Promise<CartChoice[]> {
    return (await this.carts.linesOf(userId)).map((l) => ({ variantId: l.variantId, quantity: l.quantity }));
  }

  count(userId: string): Promise<number> {
    return this.carts.countOf(userId);
  }

  async viewFor(userId: string): Promise<CartView> {
    return this.view(await this.choicesOf(userId));
  }

  /** Adds units of a variant on sale (a guest's cart is checked the same way before it is kept). */
  async add(userId: string, variantId: string, quantity: number): Promise<void> {
    await this.requireOnSale(variantId);
    await this.carts.withCartLocked(userId, async (em) => {
      const lines = await this.carts.linesOf(userId, em);
      if (!lines.some((l) => l.variantId === variantId) && lines.length >= MAX_CART_LINES) {
        throw OrdersErrors.cartFull(MAX_CART_LINES);
      }
      await this.carts.add(userId, variantId, quantity, MAX_CART_QUANTITY, em);
    });
  }

  /** Sets a line's quantity; 0 removes it. */
  async update(userId: string, variantId: string, quantity: number): Promise<void> {
    if (quantity <= 0) return this.carts.remove(userId, [variantId]);
    const lines = await this.carts.linesOf(userId);
    if (!lines.some((l) => l.variantId === variantId)) return this.add(userId, variantId, quantity);
    await this.carts.setQuantity(userId, variantId, Math.min(quantity, MAX_CART_QUANTITY));
  }

  remove(userId: string, variantIds: string[]): Promise<void> {
    return this.carts.remove(userId, variantIds);
  }

  /**
   * A guest's cart joins the account's at sign-in: a line in both keeps the larger quantity
   * (so two sign-ins at once with the same cookie merge it once); what is gone is dropped.
   */
  async merge(userId: string, choices: CartChoice[]): Promise<void> {
    if (choices.length === 0) return;
    const found = await this.stock.forCheckout(
      this.carts.manager,
      choices.map((c) => c.variantId),
    );
    await this.carts.withCartLocked(userId, async (em) => {
      const lines = await this.carts.linesOf(userId, em);
      let room = MAX_CART_LINES - lines.length;
      for (const choice of choices) {
        if (!found.get(choice.variantId)?.purchasable) continue;
        const known = lines.some((l) => l.variantId === choice.variantId);
        if (!known && room <= 0) continue;
        if (!known) room--;
        await this.carts.keep(em, userId, choice.variantId, choice.quantity, MAX_CART_QUANTITY);
      }
    });
  }

  /** Any list of choices (a signed-in buyer's or a guest's) with today's prices, stock and stores. */
  async view(choices: CartChoice[]): Promise<CartView> {
    if (choices.length === 0) return { stores: [], totalFen: 0, count: 0, orderable: false };
    const found = await this.stock.forCheckout(
      this.carts.manager,
      choices.map((c) => c.variantId),
    );
    const bySeller = new Map<string, CartItemView[]>();
    for (const choice of choices) {
      const entry = found.get(choice.variantId);
      if (!entry) continue; // the variant was deleted: nothing left to show or order
      const { variant, product } = entry;
      const unit = unitPriceFor(variant.priceFen, variant.priceTiers, choice.quantity);
      const item: CartItemView = {
        variantId: variant.id,
        productId: product.id,
        title: product.content?.title ?? '',
        variantName: variant.name,
        saleUnit: variant.saleUnit,
        quantity: choice.quantity,
        unitPriceFen: unit,
        lineTotalFen: unit * choice.quantity,
        stock: variant.stock,
        minOrderQuantity: variant.minOrderQuantity,
        problem: problemOf(entry.purchasable, variant, choice.quantity),
      };
      bySeller.set(product.sellerId, [...(bySeller.get(product.sellerId) ?? []), item]);
    }
    const stores: CartStoreView[] = [];
    for (const [sellerId, lines] of bySeller) {
      const seller = await this.sellers.getById(sellerId).catch(() => null);
      stores.push({
        sellerId,
        storeName: seller?.displayName ?? '',
        lines,
        subtotalFen: sum(lines.filter((l) => l.problem === null).map((l) => l.lineTotalFen)),
      });
    }
    const all = stores.flatMap((s) => s.lines);
    return {
      stores,
      totalFen: sum(stores.map((s) => s.subtotalFen)),
      count: all.length,
      orderable: all.length > 0 && all.every((l) => l.problem === null),
    };
  }

  /** VARIANT_NOT_FOUND or PRODUCT_UNAVAILABLE unless the variant can be bought now. */
  async requireOnSale(variantId: string): Promise<void> {
    const entry = (await this.stock.forCheckout(this.carts.manager, [variantId])).get(variantId);
    if (!entry) throw OrdersErrors.variantNotFound([variantId]);
    if (!entry.purchasable) throw OrdersErrors.unavailable([variantId]);
  }
}

function problemOf(
  purchasable: boolean,
  variant: { stock: number; minOrderQuantity: number; maxPerOrder: number | null },
  quantity: number,
): CartLineProblem | null {
  if (!purchasable) return 'unavailable';
  if (variant.stock < quantity) return 'out_of_stock';
  if (quantity < variant.minOrderQuantity) return 'below_minimum';
  if (variant.maxPerOrder !== null && quantity > variant.maxPerOrder) return 'above_maximum';
  return null;
}
