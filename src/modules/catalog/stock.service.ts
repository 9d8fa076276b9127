import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ProductVariant } from './entities/product-variant.entity';
import { Product } from './entities/product.entity';

export interface PurchasableVariant {
  variant: ProductVariant;
  product: Product;
  /** The product is active and its store verified. */
  purchasable: boolean;
}

/**
 * Stock moves for checkout, expiry and cancellation. Taking stock is one conditional
 * UPDATE, so concurrent buyers can never take more units than there are.
 */
@Injectable()
export class StockService {
  async forCheckout(em: EntityManager, variantIds: string[]): Promise<Map<string, PurchasableVariant>> {
    const variants = await em.getRepository(ProductVariant).findBy({ id: In(variantIds) });
    const productIds = [...new Set(variants.map((v) => v.productId))];
    const rows: Array<{ id: string; purchasable: boolean }> = productIds.length
      ? await em.query(
          `SELECT p.id, (p.status = 'active' AND s.status = 'verified') AS purchasable
             FROM products p JOIN sellers s ON s.id = p.seller_id WHERE p.id = ANY($1::uuid[])`,
          [productIds],
        )
      : [];
    const products = await em.getRepository(Product).findBy({ id: In(productIds) });
    const result = new Map<string, PurchasableVariant>();
    for (const variant of variants) {
      const product = products.find((p) => p.id === variant.productId)!;
      result.set(variant.id, {
        variant,
        product,
        purchasable: rows.find((r) => r.id === product.id)?.purchasable === true,
      });
    }
    return result;
  }

  /** Takes `quantity` units if they are there; false when they are not. */
  async take(em: EntityManager, variantId: string, quantity: number): Promise<boolean> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], a SELECT with rows.
    const taken: unknown[] = await em.query(
      `WITH taken AS (UPDATE product_variants SET stock = stock - $2 WHERE id = $1 AND stock >= $2 RETURNING id)
       SELECT id FROM taken`,
      [variantId, quantity],
    );
    if (taken.length === 0) return false;
    await this.refreshTotal(em, variantId);
    return true;
  }

  async giveBack(em: EntityManager, variantId: string, quantity: number): Promise<void> {
    await em.query(`UPDATE product_variants SET stock = stock + $2 WHERE id = $1`, [variantId, quantity]);
    await this.refreshTotal(em, variantId);
  }

  /** Units sold count towards the product's best-selling rank. */
  async recordSale(em: EntityManager, productId: string, quantity: number): Promise<void> {
    await em.query(`UPDATE products SET sales_count = sales_count + $2 WHERE id = $1`, [productId, quantity]);
  }

  private async refreshTotal(em: EntityManager, variantId: string): Promise<void> {
    await em.query(
      `UPDATE products p SET total_stock = (SELECT coalesce(sum(stock), 0) FROM product_variants v WHERE v.product_id = p.id)
        WHERE p.id = (SELECT product_id FROM product_variants WHERE id = $1)`,
      [variantId],
    );
  }
}
