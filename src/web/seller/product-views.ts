import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { PRODUCT_KINDS, type ProductKind } from '../../modules/catalog/catalog.module';
import type { ProductVariant } from '../../modules/catalog/entities/product-variant.entity';
import type { Product } from '../../modules/catalog/entities/product.entity';
import { SellerProductsService } from '../../modules/catalog/seller-products.service';
import { MediaService } from '../../modules/media/media.service';
import type { FormErrors } from '../forms/form';
import { WebPages } from '../render/web-pages.service';
import type { WebRequest, WebUser } from '../session/web-request';
import { productChoices } from './product-choices';
import { variantRowsOf } from './product-form';
import { actorOf } from './seller-web';
import { storeIdOf } from './store-form';

export const notFound = () => new DomainError('not_found', 'PRODUCT_NOT_FOUND', 'Product not found');
export const idOf = (value: string) => {
  if (!z.uuid().safeParse(value).success) throw notFound();
  return value;
};
export const kindOf = (value: string): ProductKind => {
  if (!(PRODUCT_KINDS as readonly string[]).includes(value)) throw notFound();
  return value as ProductKind;
};

/** Refusals of the catalog and media modules, next to the field they are about. */
export const PRODUCT_ERROR_FIELDS: Record<string, string> = {
  IMAGE_NOT_FOUND: 'photos',
  UNSUPPORTED_IMAGE: 'photos',
  IMAGE_TOO_LARGE: 'photos',
  SKU_TAKEN: 'variants.0.sku',
  PROHIBITED_INVESTMENT_CLAIM: 'content.description',
};

/** How the product pages draw a product, its form and its variant rows (shared by the product and variant controllers). */
@Injectable()
export class ProductViews {
  constructor(
    private readonly pages: WebPages,
    private readonly products: SellerProductsService,
    private readonly media: MediaService,
  ) {}

  async newForm(
    request: WebRequest,
    reply: FastifyReply,
    store: { id: string; status: string; displayName: string },
    kind: ProductKind,
    values: Record<string, unknown>,
    imageIds: string[],
    errors?: FormErrors,
  ) {
    return this.pages.render(
      request,
      reply,
      'seller/product-new',
      {
        store,
        kind,
        form: values,
        photos: await this.media.describe(imageIds),
        variantRows: variantRowsOf(values, errors),
        choices: productChoices,
        canList: store.status === 'verified',
      },
      { title: 'seller:productForm.newTitle', errors, status: errors ? 400 : 200 },
    );
  }

  async productPage(
    request: WebRequest,
    reply: FastifyReply,
    storeId: string,
    productId: string,
    values: Record<string, unknown>,
    imageIds: string[],
    errors?: FormErrors,
  ) {
    const actor = actorOf(request.web.user as WebUser);
    const { product, variants } = await this.products.get(actor, storeIdOf(storeId), productId);
    const editable =
      product.status !== 'pending_review' &&
      product.status !== 'archived' &&
      product.revisionState !== 'pending_review';
    return this.pages.render(
      request,
      reply,
      'seller/product',
      {
        storeId: product.sellerId,
        product,
        title: (product.draft ?? product.content)?.title ?? '',
        kind: product.kind,
        form: values,
        photos: await this.media.describe(imageIds),
        variants: variants.map((v) => ({ ...this.variantRow(product, v), back: 'product' })),
        choices: productChoices,
        editable,
        canSubmit: product.status === 'draft' || product.status === 'rejected',
        canAddVariant: product.status !== 'archived',
        canPause: product.status === 'active',
        canResume: product.status === 'paused',
        live: product.status === 'active' || product.status === 'paused',
        saved: (request.query as Record<string, unknown>)?.saved === '1',
      },
      { title: 'seller:product.title', errors, status: errors ? 400 : 200 },
    );
  }

  summary(product: Product, variants: ProductVariant[]) {
    return {
      id: product.id,
      sellerId: product.sellerId,
      title: (product.draft ?? product.content)?.title ?? '',
      kind: product.kind,
      status: product.status,
      revisionState: product.revisionState,
      rejectionReason: product.rejectionReason,
      totalStock: product.totalStock,
      minPriceFen: product.minPriceFen,
      variants: variants.map((v) => this.variantRow(product, v)),
    };
  }

  variantRow(product: Product, variant: ProductVariant, errors?: FormErrors, typed?: Record<string, unknown>) {
    return {
      id: variant.id,
      productId: product.id,
      storeId: product.sellerId,
      name: variant.name,
      netWeightGrams: variant.netWeightGrams,
      priceFen: variant.priceFen,
      stock: variant.stock,
      priceInput: typeof typed?.priceFen === 'string' ? typed.priceFen : undefined,
      stockInput: typeof typed?.stock === 'string' ? typed.stock : undefined,
      rowErrors: errors ? { priceFen: errors.priceFen?.[0], stock: errors.stock?.[0] ?? errors._form?.[0] } : undefined,
    };
  }
}
