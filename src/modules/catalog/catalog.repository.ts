import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder, EntityManager } from 'typeorm';
import { ProductStatusChange } from './entities/product-status-change.entity';
import { ProductVariant } from './entities/product-variant.entity';
import { Product } from './entities/product.entity';

/** Queries of the seller's and the admin's side of the catalog (browsing has its own). */
@Injectable()
export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findProduct(id: string, em: EntityManager = this.dataSource.manager): Promise<Product | null> {
    return em.getRepository(Product).findOneBy({ id });
  }

  findProductForUpdate(em: EntityManager, id: string): Promise<Product | null> {
    return em.getRepository(Product).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveProduct(em: EntityManager, product: Partial<Product>): Promise<Product> {
    return em.getRepository(Product).save(product as Product);
  }

  variantsOf(productId: string, em: EntityManager = this.dataSource.manager): Promise<ProductVariant[]> {
    return em.getRepository(ProductVariant).find({ where: { productId }, order: { createdAt: 'ASC' } });
  }

  findVariant(em: EntityManager, productId: string, id: string): Promise<ProductVariant | null> {
    return em.getRepository(ProductVariant).findOne({ where: { id, productId }, lock: { mode: 'pessimistic_write' } });
  }

  saveVariant(em: EntityManager, variant: Partial<ProductVariant>): Promise<ProductVariant> {
    return em.getRepository(ProductVariant).save(variant as ProductVariant);
  }

  productsOfSeller(sellerId: string): Promise<Product[]> {
    return this.dataSource.getRepository(Product).find({ where: { sellerId }, order: { createdAt: 'DESC' } });
  }

  /** Keeps the lowest price and the stock on the product row, for browsing. */
  async refreshAggregates(em: EntityManager, productId: string): Promise<void> {
    await em.query(
      `UPDATE products p SET
         min_price_fen = v.min_price, total_stock = v.stock
       FROM (SELECT min(price_fen) AS min_price, coalesce(sum(stock), 0)::int AS stock
               FROM product_variants WHERE product_id = $1) v
       WHERE p.id = $1`,
      [productId],
    );
  }

  async recordStatusChange(em: EntityManager, change: Partial<ProductStatusChange>): Promise<void> {
    await em.getRepository(ProductStatusChange).insert(change);
  }

  /** The earliest approval of a new product (review → active) in any of these stores. */
  async firstApprovalIn(
    sellerIds: string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ productId: string; sellerId: string; at: Date } | null> {
    if (sellerIds.length === 0) return null;
    const row = await em
      .getRepository(ProductStatusChange)
      .createQueryBuilder('c')
      .innerJoin(Product, 'p', 'p.id = c.product_id')
      .select(['c.product_id AS "productId"', 'p.seller_id AS "sellerId"', 'c.created_at AS "at"'])
      .where("c.from_status = 'pending_review' AND c.to_status = 'active'")
      .andWhere('p.seller_id IN (:...sellerIds)', { sellerIds })
      .orderBy('c.created_at', 'ASC')
      .limit(1)
      .getRawOne<{ productId: string; sellerId: string; at: Date }>();
    return row ?? null;
  }

  history(productId: string): Promise<ProductStatusChange[]> {
    return this.dataSource
      .getRepository(ProductStatusChange)
      .find({ where: { productId }, order: { createdAt: 'ASC' } });
  }

  /** Newest first; `awaitingReview` selects new products and revisions waiting for a reviewer. */
  listForAdmin(
    filter: { status?: string; awaitingReview?: boolean },
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<Product[]> {
    const qb = this.dataSource
      .getRepository(Product)
      .createQueryBuilder('p')
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit);
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.awaitingReview) qb.andWhere(`(p.status = 'pending_review' OR p.revision_state = 'pending_review')`);
    if (after) qb.andWhere('(p.created_at, p.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }

  /** Public products (active, of a verified store) whose harvest window covers `today` (YYYY-MM-DD), newest first. */
  inSeason(today: string, limit: number): Promise<Product[]> {
    return this.publicProducts()
      .andWhere(`p.content -> 'attributes' -> 'harvestWindow' ->> 'from' <= :today`, { today })
      .andWhere(`p.content -> 'attributes' -> 'harvestWindow' ->> 'to' >= :today`)
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** The counties public products come from, with how many each. */
  async publicCounties(): Promise<Array<{ code: string; products: number }>> {
    const rows: Array<{ code: string; products: number }> = await this.publicProducts()
      .select('p.origin_county_code', 'code')
      .addSelect('count(*)::int', 'products')
      .groupBy('p.origin_county_code')
      .orderBy('products', 'DESC')
      .addOrderBy('code', 'ASC')
      .getRawMany();
    return rows;
  }

  /** The cheapest variant of each product, in one query (what a product card's price is of). */
  cheapestVariants(productIds: string[]): Promise<ProductVariant[]> {
    if (productIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ProductVariant)
      .createQueryBuilder('v')
      .distinctOn(['v.product_id'])
      .where('v.product_id IN (:...productIds)', { productIds })
      .orderBy('v.product_id')
      .addOrderBy('v.price_fen', 'ASC')
      .addOrderBy('v.created_at', 'ASC')
      .getMany();
  }

  /** What the public may see: active products of verified stores (browse, search, product pages). */
  publicProducts(): SelectQueryBuilder<Product> {
    return this.dataSource
      .getRepository(Product)
      .createQueryBuilder('p')
      .innerJoin('p.seller', 's')
      .where(`p.status = 'active'`)
      .andWhere(`s.status = 'verified'`);
  }
}
