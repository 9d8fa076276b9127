import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { CommonErrors } from '../../common/errors/domain-error';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { MediaService } from '../media/media.service';
import { ManagedSeller, SellerAccess } from '../sellers/seller-access.service';
import { CatalogErrors } from './catalog.errors';
import { CatalogRepository } from './catalog.repository';
import { CreateProductDto, NewVariantDto, PatchContentDto, UpdateVariantDto } from './dto/product.dto';
import { ProductVariant } from './entities/product-variant.entity';
import { Product } from './entities/product.entity';
import { assertNoInvestmentClaims, ProductContent, productContentSchema } from './product-content';
import { assertProductTransition, ProductStatus } from './product-state';
import './catalog.events';

export interface ProductWithVariants {
  product: Product;
  variants: ProductVariant[];
}

/**
 * A store's products as its members (or assisting trainer) manage them. Price, stock and
 * limits change at once; text and attributes wait for review while buyers keep seeing
 * the last approved version.
 */
@Injectable()
export class SellerProductsService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly access: SellerAccess,
    private readonly outbox: OutboxService,
    private readonly media: MediaService,
  ) {}

  async create(actor: Actor, sellerId: string, input: CreateProductDto): Promise<ProductWithVariants> {
    const [created] = await this.createMany(actor, sellerId, [input]);
    return created;
  }

  /** Creates drafts all together or not at all (the CSV import). */
  async createMany(actor: Actor, sellerId: string, inputs: CreateProductDto[]): Promise<ProductWithVariants[]> {
    const managed = await this.access.manage(actor, sellerId);
    if (managed.seller.status !== 'verified') throw CatalogErrors.storeNotVerified();
    for (const input of inputs) {
      assertNoInvestmentClaims(input.content);
      await this.media.assertUsable(input.content.imageIds, [actor.id, managed.seller.ownerId]);
    }
    return this.catalog.transaction(async (em) => {
      const created: ProductWithVariants[] = [];
      for (const input of inputs) {
        const product = await this.catalog.saveProduct(em, {
          sellerId,
          kind: input.content.kind,
          status: 'draft',
          draft: input.content,
          originCountyCode: managed.seller.originCountyCode,
        });
        for (const variant of input.variants) await this.insertVariant(em, product, variant);
        await this.catalog.refreshAggregates(em, product.id);
        await this.catalog.recordStatusChange(em, {
          productId: product.id,
          fromStatus: null,
          toStatus: 'draft',
          actorId: actor.id,
        });
        await this.access.audit(em, actor, managed, 'product.created', { productId: product.id });
        created.push(await this.load(em, product.id));
      }
      return created;
    });
  }

  async list(actor: Actor, sellerId: string): Promise<Product[]> {
    await this.access.manage(actor, sellerId);
    return this.catalog.productsOfSeller(sellerId);
  }

  async get(actor: Actor, sellerId: string, productId: string): Promise<ProductWithVariants> {
    await this.access.manage(actor, sellerId);
    const product = await this.catalog.findProduct(productId);
    if (!product || product.sellerId !== sellerId) throw CatalogErrors.productNotFound();
    return { product, variants: await this.catalog.variantsOf(product.id) };
  }

  /** New text or attributes: a draft is simply replaced; a live product gets a revision to review. */
  async updateContent(actor: Actor, sellerId: string, productId: string, content: ProductContent) {
    assertNoInvestmentClaims(content);
    return this.change(actor, sellerId, productId, 'product.content-updated', (em, product, managed) =>
      this.replaceDraft(em, actor, product, managed, content),
    );
  }

  /** Some fields of the content: merged over the current draft (or approved content), the rest kept. */
  async patchContent(actor: Actor, sellerId: string, productId: string, patch: PatchContentDto) {
    return this.change(actor, sellerId, productId, 'product.content-updated', async (em, product, managed) => {
      const current = product.draft ?? product.content;
      const merged = productContentSchema.safeParse({ ...current, kind: product.kind, ...patch });
      if (!merged.success) {
        throw CommonErrors.validation(
          merged.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
        );
      }
      assertNoInvestmentClaims(merged.data);
      await this.replaceDraft(em, actor, product, managed, merged.data);
    });
  }

  private async replaceDraft(
    em: EntityManager,
    actor: Actor,
    product: Product,
    managed: ManagedSeller,
    content: ProductContent,
  ): Promise<void> {
    if (content.kind !== product.kind) throw CatalogErrors.kindChange();
    await this.media.assertUsable(content.imageIds, [actor.id, managed.seller.ownerId]);
    if (product.status === 'pending_review') throw CatalogErrors.underReview();
    if (product.status === 'archived') throw CatalogErrors.archived();
    product.draft = content;
    product.rejectionReason = null;
    if (product.status === 'active' || product.status === 'paused') product.revisionState = 'pending_review';
    await this.catalog.saveProduct(em, product);
  }

  /** Sends a draft (or a rejected product, corrected) for review. */
  submit(actor: Actor, sellerId: string, productId: string) {
    return this.change(actor, sellerId, productId, 'product.submitted', async (em, product) => {
      await this.moveTo(em, actor, product, 'pending_review');
    });
  }

  /** Pause, resume or archive a live product. */
  setStatus(actor: Actor, sellerId: string, productId: string, status: 'paused' | 'active' | 'archived') {
    return this.change(actor, sellerId, productId, `product.${status}`, async (em, product) => {
      // Only a reviewer makes a product active for the first time.
      if (status === 'active' && product.status !== 'paused') throw CatalogErrors.onlyPausedResumes();
      await this.moveTo(em, actor, product, status);
    });
  }

  addVariant(actor: Actor, sellerId: string, productId: string, input: NewVariantDto) {
    return this.change(actor, sellerId, productId, 'variant.created', async (em, product) => {
      if (product.status === 'archived') throw CatalogErrors.archived();
      await this.insertVariant(em, product, input);
      await this.catalog.refreshAggregates(em, product.id);
    });
  }

  updateVariant(actor: Actor, sellerId: string, productId: string, variantId: string, patch: UpdateVariantDto) {
    return this.change(actor, sellerId, productId, 'variant.updated', async (em, product) => {
      if (product.status === 'archived') throw CatalogErrors.archived();
      const variant = await this.catalog.findVariant(em, product.id, variantId);
      if (!variant) throw CatalogErrors.variantNotFound();
      Object.assign(variant, patch);
      if (variant.maxPerOrder !== null && variant.maxPerOrder < variant.minOrderQuantity) {
        throw CatalogErrors.limitsInconsistent();
      }
      await this.saveVariantOrConflict(em, variant);
      await this.catalog.refreshAggregates(em, product.id);
    });
  }

  /** Runs one change to a product of a store the actor manages, audited when done for a trainee. */
  private async change(
    actor: Actor,
    sellerId: string,
    productId: string,
    action: string,
    work: (em: EntityManager, product: Product, managed: ManagedSeller) => Promise<void>,
  ): Promise<ProductWithVariants> {
    const managed = await this.access.manage(actor, sellerId);
    return this.catalog.transaction(async (em) => {
      const product = await this.catalog.findProductForUpdate(em, productId);
      if (!product || product.sellerId !== sellerId) throw CatalogErrors.productNotFound();
      await work(em, product, managed);
      await this.access.audit(em, actor, managed, action, { productId });
      return this.load(em, productId);
    });
  }

  private async moveTo(em: EntityManager, actor: Actor, product: Product, to: ProductStatus): Promise<void> {
    assertProductTransition(product.status, to);
    const from = product.status;
    product.status = to;
    if (to === 'pending_review') product.rejectionReason = null;
    await this.catalog.saveProduct(em, product);
    await this.catalog.recordStatusChange(em, {
      productId: product.id,
      fromStatus: from,
      toStatus: to,
      actorId: actor.id,
    });
    await this.outbox.record(em, 'product.status-changed', {
      productId: product.id,
      sellerId: product.sellerId,
      from,
      to,
      actorId: actor.id,
    });
  }

  private async insertVariant(em: EntityManager, product: Product, input: NewVariantDto): Promise<void> {
    await this.saveVariantOrConflict(em, {
      ...input,
      productId: product.id,
      sellerId: product.sellerId,
    });
  }

  private async saveVariantOrConflict(em: EntityManager, variant: Partial<ProductVariant>): Promise<void> {
    try {
      await this.catalog.saveVariant(em, variant);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw CatalogErrors.skuTaken();
      }
      throw error;
    }
  }

  private async load(em: EntityManager, productId: string): Promise<ProductWithVariants> {
    const product = await this.catalog.findProduct(productId, em);
    if (!product) throw CatalogErrors.productNotFound();
    return { product, variants: await this.catalog.variantsOf(productId, em) };
  }
}
