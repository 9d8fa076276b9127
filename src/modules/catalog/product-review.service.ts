import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { createdKeyOf, Page, pageByCreated } from '../../common/http/pagination';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { RegionsService } from '../regions/regions.service';
import { SellersService } from '../sellers/sellers.service';
import { CatalogErrors } from './catalog.errors';
import { CatalogRepository } from './catalog.repository';
import { Product } from './entities/product.entity';
import { ProductContent } from './product-content';
import { assertProductTransition } from './product-state';
import { buildSearchText } from './search-text';

/** What admins do with products: approve or reject new products and revisions of live ones. */
@Injectable()
export class ProductReviewService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly regions: RegionsService,
    private readonly sellers: SellersService,
    private readonly outbox: OutboxService,
  ) {}

  async list(query: { awaiting?: 'review'; status?: string; cursor?: string; limit: number }): Promise<Page<Product>> {
    const rows = await this.catalog.listForAdmin(
      { status: query.status, awaitingReview: query.awaiting === 'review' },
      query.limit + 1,
      createdKeyOf(query.cursor, 'admin.products'),
    );
    return pageByCreated(rows, query.limit, 'admin.products');
  }

  async get(id: string) {
    const product = await this.catalog.findProduct(id);
    if (!product) throw CatalogErrors.productNotFound();
    return { product, variants: await this.catalog.variantsOf(id), history: await this.catalog.history(id) };
  }

  /** When a product of one of these stores was first approved (training's backfill of `first_product_approved`). */
  firstApprovalIn(sellerIds: string[], em?: EntityManager) {
    return this.catalog.firstApprovalIn(sellerIds, em);
  }

  /** Publishes what awaits review: a new product becomes active, or a revision replaces the live content. */
  approve(adminId: string, id: string): Promise<Product> {
    return this.catalog.transaction(async (em) => {
      const product = await this.lock(em, id);
      const draft = product.draft;
      if (!draft) throw CatalogErrors.nothingToReview();
      if (product.status === 'pending_review') {
        assertProductTransition(product.status, 'active');
        await this.publish(em, product, draft);
        product.status = 'active';
        await this.catalog.saveProduct(em, product);
        await this.recordReview(em, product, 'pending_review', 'active', adminId, null);
      } else if (product.revisionState === 'pending_review') {
        await this.publish(em, product, draft);
        product.revisionState = null;
        await this.catalog.saveProduct(em, product);
        await this.catalog.recordStatusChange(em, {
          productId: id,
          fromStatus: product.status,
          toStatus: 'revision_approved',
          actorId: adminId,
        });
      } else {
        throw CatalogErrors.nothingToReview();
      }
      return product;
    });
  }

  reject(adminId: string, id: string, reason: string): Promise<Product> {
    return this.catalog.transaction(async (em) => {
      const product = await this.lock(em, id);
      product.rejectionReason = reason;
      if (product.status === 'pending_review') {
        product.status = 'rejected';
        await this.catalog.saveProduct(em, product);
        await this.recordReview(em, product, 'pending_review', 'rejected', adminId, reason);
      } else if (product.revisionState === 'pending_review') {
        product.revisionState = 'rejected';
        await this.catalog.saveProduct(em, product);
        await this.catalog.recordStatusChange(em, {
          productId: id,
          fromStatus: product.status,
          toStatus: 'revision_rejected',
          actorId: adminId,
          reason,
        });
      } else {
        throw CatalogErrors.nothingToReview();
      }
      return product;
    });
  }

  private async lock(em: EntityManager, id: string): Promise<Product> {
    const product = await this.catalog.findProductForUpdate(em, id);
    if (!product) throw CatalogErrors.productNotFound();
    return product;
  }

  /** The approved content becomes what buyers see, with its search words. */
  private async publish(em: EntityManager, product: Product, content: ProductContent): Promise<void> {
    const seller = await this.sellers.getById(product.sellerId);
    const places = await this.regions.lineage(product.originCountyCode);
    product.content = content;
    product.draft = null;
    product.rejectionReason = null;
    product.preSale = content.kind === 'produce' && content.attributes.preSale !== null;
    product.searchText = buildSearchText([
      content.title,
      content.description,
      seller.displayName,
      content.traceability.originVillage,
      ...places.map((p) => p.name),
      ...Object.values(content.attributes).filter((v): v is string => typeof v === 'string'),
    ]);
  }

  private async recordReview(
    em: EntityManager,
    product: Product,
    from: string,
    to: string,
    adminId: string,
    reason: string | null,
  ) {
    await this.catalog.recordStatusChange(em, {
      productId: product.id,
      fromStatus: from,
      toStatus: to,
      actorId: adminId,
      reason,
    });
    await this.outbox.record(em, 'product.status-changed', {
      productId: product.id,
      sellerId: product.sellerId,
      from,
      to,
      actorId: adminId,
    });
  }
}
