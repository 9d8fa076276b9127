import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { cursorCount, cursorTimestamp, decodeCursor, encodeCursor, Page } from '../../common/http/pagination';
import { MediaService } from '../media/media.service';
import { RegionsService } from '../regions/regions.service';
import { SellersService } from '../sellers/sellers.service';
import { CatalogErrors } from './catalog.errors';
import { CatalogRepository } from './catalog.repository';
import { BrowseQuery } from './dto/product.dto';
import { ProductVariant } from './entities/product-variant.entity';
import { Product } from './entities/product.entity';
import { searchTokens } from './search-text';

/** How close a misspelt query must come to a product's words (pg_trgm word_similarity). */
const FUZZY_THRESHOLD = 0.4;

/** An image in the widths the media module stored (`urls` by width), for `srcset`. */
export type ImageDescription = Awaited<ReturnType<MediaService['describe']>>[number];

/** What a product card shows besides the product row: its cover, its county, its cheapest variant. */
export interface CardDetails {
  cover: ImageDescription | null;
  countyName: string;
  cheapest: { priceFen: number; netWeightGrams: number | null } | null;
}

/** Today's date where the farms are (harvest windows are dates in China). */
const todayInChina = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

type KeysetSort = { column: string; direction: 'ASC' | 'DESC' };
const KEYSET: Record<'newest' | 'price_asc' | 'price_desc' | 'best_selling', KeysetSort> = {
  newest: { column: 'p.created_at', direction: 'DESC' },
  price_asc: { column: 'p.min_price_fen', direction: 'ASC' },
  price_desc: { column: 'p.min_price_fen', direction: 'DESC' },
  best_selling: { column: 'p.sales_count', direction: 'DESC' },
};

/**
 * The public catalog: only active products of verified stores. Search segments Chinese
 * text into words (so 芒果 matches) and falls back to trigram similarity for misspellings.
 */
@Injectable()
export class CatalogBrowseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
    private readonly sellers: SellersService,
    private readonly media: MediaService,
    private readonly catalog: CatalogRepository,
  ) {}

  async browse(query: BrowseQuery): Promise<Page<Product>> {
    const qb = this.catalog.publicProducts();
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.sellerId) qb.andWhere('p.seller_id = :sellerId', { sellerId: query.sellerId });
    if (query.region)
      qb.andWhere('p.origin_county_code LIKE :region', { region: `${await this.regions.prefixOf(query.region)}%` });
    if (query.minPriceFen !== undefined) qb.andWhere('p.min_price_fen >= :minPrice', { minPrice: query.minPriceFen });
    if (query.maxPriceFen !== undefined) qb.andWhere('p.min_price_fen <= :maxPrice', { maxPrice: query.maxPriceFen });
    if (query.inStock !== undefined) qb.andWhere(query.inStock ? 'p.total_stock > 0' : 'p.total_stock = 0');
    if (query.preSale !== undefined) qb.andWhere('p.pre_sale = :preSale', { preSale: query.preSale });
    if (query.q) this.matchText(qb, query.q);

    const sort = query.sort ?? (query.q ? 'relevance' : 'newest');
    // Relevance ranks by the words searched for: without them there is nothing to rank by.
    if (sort === 'relevance' && !query.q) throw CatalogErrors.relevanceNeedsQuery();
    if (sort === 'relevance') return this.pageByOffset(qb, query);
    return this.pageByKeyset(qb, sort, query);
  }

  async get(id: string): Promise<{ product: Product; variants: ProductVariant[] }> {
    const product = await this.catalog.publicProducts().andWhere('p.id = :id', { id }).getOne();
    if (!product) throw CatalogErrors.productNotFound();
    const variants = await this.dataSource
      .getRepository(ProductVariant)
      .find({ where: { productId: id }, order: { createdAt: 'ASC' } });
    return { product, variants };
  }

  sellerOf(product: Product) {
    return this.sellers.getPublic(product.sellerId);
  }

  images(imageIds: string[]) {
    return this.media.describe(imageIds);
  }

  /** The first image's URL of each product, by product id, in one query. */
  async covers(products: Product[]): Promise<Map<string, string>> {
    const images = await this.coverImages(products);
    return new Map([...images].map(([id, image]) => [id, Object.values(image.urls)[0]]));
  }

  /** The first image of each product in every stored width, by product id, in one query. */
  async coverImages(products: Product[]): Promise<Map<string, ImageDescription>> {
    const firstIds = products.map((p) => p.content?.imageIds[0]).filter((id): id is string => Boolean(id));
    const images = await this.media.describe(firstIds);
    const covers = new Map<string, ImageDescription>();
    for (const p of products) {
      const image = images.find((i) => i.id === p.content?.imageIds[0]);
      if (image) covers.set(p.id, image);
    }
    return covers;
  }

  /** Covers, county names and cheapest variants of a list of products: three queries for any number. */
  async cardDetails(products: Product[]): Promise<Map<string, CardDetails>> {
    const [covers, names, cheapest] = await Promise.all([
      this.coverImages(products),
      this.regions.names(products.map((p) => p.originCountyCode)),
      this.catalog.cheapestVariants(products.map((p) => p.id)),
    ]);
    const details = new Map<string, CardDetails>();
    for (const p of products) {
      const variant = cheapest.find((v) => v.productId === p.id);
      details.set(p.id, {
        cover: covers.get(p.id) ?? null,
        countyName: names.get(p.originCountyCode) ?? '',
        cheapest: variant ? { priceFen: variant.priceFen, netWeightGrams: variant.netWeightGrams } : null,
      });
    }
    return details;
  }

  /** What is in season today (harvest window covers it); when nothing is, the newest products. */
  async inSeason(limit: number): Promise<{ inSeason: boolean; items: Product[] }> {
    const items = await this.catalog.inSeason(todayInChina(), limit);
    if (items.length > 0) return { inSeason: true, items };
    return { inSeason: false, items: (await this.browse({ limit, sort: 'newest' })).items };
  }

  /** The counties public products come from, named, with how many products each. */
  async counties(): Promise<Array<{ code: string; name: string; products: number }>> {
    const counties = await this.catalog.publicCounties();
    const names = await this.regions.names(counties.map((c) => c.code));
    return counties.map((c) => ({ ...c, name: names.get(c.code) ?? c.code }));
  }

  regionNames(code: string) {
    return this.regions.lineage(code);
  }

  private matchText(qb: SelectQueryBuilder<Product>, q: string): void {
    const words = searchTokens(q).join(' ');
    qb.andWhere(
      `(to_tsvector('simple', p.search_text) @@ plainto_tsquery('simple', :words)
        OR p.search_text ILIKE :like
        OR word_similarity(:q, p.search_text) >= :fuzzy)`,
      { words, like: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, q, fuzzy: FUZZY_THRESHOLD },
    );
    qb.addSelect(
      `ts_rank(to_tsvector('simple', p.search_text), plainto_tsquery('simple', :words)) + word_similarity(:q, p.search_text)`,
      'relevance',
    );
  }

  private async pageByKeyset(
    qb: SelectQueryBuilder<Product>,
    sortName: keyof typeof KEYSET,
    query: BrowseQuery,
  ): Promise<Page<Product>> {
    const sort = KEYSET[sortName];
    // A cursor belongs to one sort order: its value is a timestamp or a number accordingly.
    const list = `products.${sortName}`;
    const op = sort.direction === 'DESC' ? '<' : '>';
    if (query.cursor) {
      const shape = { v: sort.column === 'p.created_at' ? cursorTimestamp : cursorCount, id: z.uuid() };
      const after = decodeCursor(query.cursor, list, shape);
      qb.andWhere(`(${sort.column}, p.id) ${op} (:afterV, :afterId)`, { afterV: after.v, afterId: after.id });
    }
    const rows = await qb
      .orderBy(sort.column, sort.direction, sort.direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
      .addOrderBy('p.id', sort.direction)
      .limit(query.limit + 1)
      .getMany();
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const valueOf = (p: Product) =>
      sort.column === 'p.created_at'
        ? p.createdAt.toISOString()
        : String(sort.column === 'p.sales_count' ? p.salesCount : p.minPriceFen);
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor(list, { v: valueOf(last), id: last.id }) : null,
    };
  }

  private async pageByOffset(qb: SelectQueryBuilder<Product>, query: BrowseQuery): Promise<Page<Product>> {
    const offset = query.cursor
      ? Number(decodeCursor(query.cursor, 'products.relevance', { offset: cursorCount }).offset)
      : 0;
    const rows = await qb
      .orderBy('relevance', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .offset(offset)
      .limit(query.limit + 1)
      .getMany();
    const items = rows.slice(0, query.limit);
    return {
      items,
      nextCursor:
        rows.length > query.limit ? encodeCursor('products.relevance', { offset: String(offset + query.limit) }) : null,
    };
  }
}
