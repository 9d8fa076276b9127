import { z } from 'zod';
import { patchSchema } from '../../../common/http/patch';
import { SALE_UNITS } from '../entities/product-variant.entity';
import { PRODUCT_KINDS, productContentSchema, traceabilitySchema } from '../product-content';
import { PRODUCT_STATUSES } from '../product-state';
import { regionCodeSchema } from '../../regions/dto/region.response';

const fen = z.number().int().positive().max(100_000_000_00).describe('Integer fen (1/100 yuan)');

const priceTiersSchema = z
  .array(z.strictObject({ minQuantity: z.number().int().min(2).max(1_000_000), priceFen: fen }))
  .max(10)
  .refine((tiers) => tiers.every((t, i) => i === 0 || t.minQuantity > tiers[i - 1].minQuantity), {
    message: 'tiers must be in ascending minQuantity',
  });

/** Price, stock and limits: the same rules for a new variant and a change to one. */
const variantFields = {
  priceFen: fen,
  stock: z.number().int().min(0).max(10_000_000),
  minOrderQuantity: z.number().int().min(1).max(100_000),
  maxPerOrder: z.number().int().min(1).max(100_000).nullable(),
  priceTiers: priceTiersSchema,
  sku: z.string().trim().min(1).max(64).nullable(),
};

const limitsConsistent = (v: { minOrderQuantity?: number; maxPerOrder?: number | null }) =>
  v.maxPerOrder == null || v.minOrderQuantity == null || v.maxPerOrder >= v.minOrderQuantity;
const limitsMessage = { message: 'maxPerOrder must be at least minOrderQuantity', path: ['maxPerOrder'] };

export const newVariantSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    saleUnit: z.enum(SALE_UNITS),
    netWeightGrams: z.number().int().positive().max(2_000_000).nullable().default(null),
    ...variantFields,
    minOrderQuantity: variantFields.minOrderQuantity.default(1),
    maxPerOrder: variantFields.maxPerOrder.default(null),
    priceTiers: priceTiersSchema.default([]),
    sku: variantFields.sku.default(null),
  })
  .refine(limitsConsistent, limitsMessage);
export type NewVariantDto = z.infer<typeof newVariantSchema>;

/** Price, stock and limits change at once, without review; fields not named keep their values. */
export const updateVariantSchema = patchSchema(variantFields).refine(limitsConsistent, limitsMessage);
export type UpdateVariantDto = z.infer<typeof updateVariantSchema>;

export const createProductSchema = z.strictObject({
  content: productContentSchema,
  variants: z.array(newVariantSchema).min(1).max(20),
});
export type CreateProductDto = z.infer<typeof createProductSchema>;

export const updateContentSchema = z.strictObject({ content: productContentSchema });

/**
 * A change to some of a product's content: the fields named replace the current draft's,
 * the others stay. `kind` cannot change; `attributes` is replaced as a whole and checked
 * against the product's kind once merged.
 */
export const patchContentSchema = patchSchema({
  title: z.string().trim().min(1).max(80),
  description: z.string().trim().max(5000),
  traceability: traceabilitySchema,
  imageIds: z.array(z.uuid()).max(9).describe('Uploaded through POST /api/v1/media/images'),
  attributes: z.record(z.string(), z.unknown()).describe("The whole attributes object of the product's kind"),
});
export type PatchContentDto = z.infer<typeof patchContentSchema>;
export const productStatusActionSchema = z.strictObject({ status: z.enum(['paused', 'active', 'archived']) });
export const reasonSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const storeParamSchema = z.strictObject({ sellerId: z.uuid() });
export const storeProductParamSchema = z.strictObject({ sellerId: z.uuid(), productId: z.uuid() });
export const storeVariantParamSchema = z.strictObject({ sellerId: z.uuid(), productId: z.uuid(), variantId: z.uuid() });
export const productIdParamSchema = z.strictObject({ id: z.uuid() });

export const BROWSE_SORTS = ['newest', 'price_asc', 'price_desc', 'best_selling', 'relevance'] as const;
export const browseQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(50).optional(),
  kind: z.enum(PRODUCT_KINDS).optional(),
  region: regionCodeSchema.optional().describe('A province, city or county code'),
  sellerId: z.uuid().optional(),
  minPriceFen: z.coerce.number().int().min(0).optional(),
  maxPriceFen: z.coerce.number().int().min(0).optional(),
  inStock: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  preSale: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(BROWSE_SORTS).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type BrowseQuery = z.infer<typeof browseQuerySchema>;

export const adminProductQuerySchema = z.strictObject({
  awaiting: z.enum(['review']).optional().describe('Only products or revisions awaiting review'),
  status: z.enum(PRODUCT_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
