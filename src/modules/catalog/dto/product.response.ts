import { statusHistorySchema, toStatusHistory } from '../../../common/http/status-history';
import { z } from 'zod';
import { ProductStatusChange } from '../entities/product-status-change.entity';
import { ProductVariant, SALE_UNITS } from '../entities/product-variant.entity';
import { Product } from '../entities/product.entity';
import { PRODUCT_KINDS, productContentSchema } from '../product-content';
import { PRODUCT_STATUSES } from '../product-state';

export const variantResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  saleUnit: z.enum(SALE_UNITS),
  netWeightGrams: z.number().nullable(),
  priceFen: z.number().int(),
  stock: z.number().int(),
  minOrderQuantity: z.number().int(),
  maxPerOrder: z.number().int().nullable(),
  priceTiers: z.array(z.object({ minQuantity: z.number().int(), priceFen: z.number().int() })),
  sku: z.string().nullable(),
});

export const toVariantResponse = (v: ProductVariant): z.infer<typeof variantResponseSchema> => ({
  id: v.id,
  name: v.name,
  saleUnit: v.saleUnit,
  netWeightGrams: v.netWeightGrams,
  priceFen: v.priceFen,
  stock: v.stock,
  minOrderQuantity: v.minOrderQuantity,
  maxPerOrder: v.maxPerOrder,
  priceTiers: v.priceTiers,
  sku: v.sku,
});

const contentOut = productContentSchema;

/** A product as its store (and admins) see it: the live content and the pending draft. */
export const managedProductSchema = z.object({
  id: z.uuid(),
  sellerId: z.uuid(),
  kind: z.enum(PRODUCT_KINDS),
  status: z.enum(PRODUCT_STATUSES),
  content: contentOut.nullable().describe('What buyers see: the last approved version'),
  draft: contentOut.nullable().describe('Proposed text and attributes awaiting (or refused) review'),
  revisionState: z.enum(['pending_review', 'rejected']).nullable(),
  rejectionReason: z.string().nullable(),
  variants: z.array(variantResponseSchema),
  createdAt: z.string(),
});

export const toManagedProduct = (p: Product, variants: ProductVariant[]): z.infer<typeof managedProductSchema> => ({
  id: p.id,
  sellerId: p.sellerId,
  kind: p.kind,
  status: p.status,
  content: p.content,
  draft: p.draft,
  revisionState: p.revisionState,
  rejectionReason: p.rejectionReason,
  variants: variants.map(toVariantResponse),
  createdAt: p.createdAt.toISOString(),
});

export const managedProductSummarySchema = managedProductSchema
  .omit({ variants: true, content: true, draft: true })
  .extend({
    title: z.string(),
    minPriceFen: z.number().int().nullable(),
    totalStock: z.number().int(),
  });
export const toManagedProductSummary = (p: Product): z.infer<typeof managedProductSummarySchema> => ({
  id: p.id,
  sellerId: p.sellerId,
  kind: p.kind,
  status: p.status,
  revisionState: p.revisionState,
  rejectionReason: p.rejectionReason,
  createdAt: p.createdAt.toISOString(),
  title: (p.content ?? p.draft)?.title ?? '',
  minPriceFen: p.minPriceFen,
  totalStock: p.totalStock,
});

export const adminProductSchema = managedProductSchema.extend({
  history: statusHistorySchema,
});
export const toAdminProduct = (
  p: Product,
  variants: ProductVariant[],
  history: ProductStatusChange[],
): z.infer<typeof adminProductSchema> => ({
  ...toManagedProduct(p, variants),
  history: toStatusHistory(history),
});

/** A product in the public catalog list. */
export const productCardSchema = z.object({
  id: z.uuid(),
  kind: z.enum(PRODUCT_KINDS),
  title: z.string(),
  sellerId: z.uuid(),
  originCountyCode: z.string(),
  minPriceFen: z.number().int(),
  inStock: z.boolean(),
  preSale: z.boolean(),
  salesCount: z.number().int(),
  coverImageUrl: z.string().nullable(),
});
export const toProductCard = (p: Product, coverImageUrl: string | null = null): z.infer<typeof productCardSchema> => ({
  id: p.id,
  kind: p.kind,
  title: p.content?.title ?? '',
  sellerId: p.sellerId,
  originCountyCode: p.originCountyCode,
  minPriceFen: p.minPriceFen ?? 0,
  inStock: p.totalStock > 0,
  preSale: p.preSale,
  salesCount: p.salesCount,
  coverImageUrl,
});
export const productPageSchema = z.object({ items: z.array(productCardSchema), nextCursor: z.string().nullable() });

/** A product's public page. */
export const productDetailSchema = productCardSchema.extend({
  description: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  traceability: z.object({
    originVillage: z.string(),
    certificates: z.array(z.object({ type: z.string(), number: z.string() })),
  }),
  origin: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  seller: z.object({ id: z.uuid(), displayName: z.string(), kind: z.string() }),
  images: z.array(
    z.object({ id: z.uuid(), width: z.number(), height: z.number(), urls: z.record(z.string(), z.string()) }),
  ),
  variants: z.array(variantResponseSchema.omit({ sku: true })),
});
