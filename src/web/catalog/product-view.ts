import type { ImageDescription, ProductContent } from '../../modules/catalog/catalog.module';
import type { ProductVariant } from '../../modules/catalog/entities/product-variant.entity';

const GRAMS_BY_UNIT: Partial<Record<ProductVariant['saleUnit'], number>> = { jin: 500, kg: 1000 };

/** A variant as its row on the product page shows it, with what the add-to-cart form needs. */
export function toVariantView(variant: ProductVariant) {
  const limit = variant.maxPerOrder === null ? variant.stock : Math.min(variant.stock, variant.maxPerOrder);
  return {
    id: variant.id,
    name: variant.name,
    unit: `catalog:unit.${variant.saleUnit}`,
    priceFen: variant.priceFen,
    netWeightGrams: variant.netWeightGrams,
    // Sold by weight: a box of known net weight, or by the jin or kilogram itself.
    perJinGrams: variant.netWeightGrams ?? GRAMS_BY_UNIT[variant.saleUnit] ?? null,
    stock: variant.stock,
    available: variant.stock >= variant.minOrderQuantity && limit >= variant.minOrderQuantity,
    minQuantity: variant.minOrderQuantity,
    maxQuantity: limit,
    maxPerOrder: variant.maxPerOrder,
    tiers: variant.priceTiers,
  };
}

const percentOfBasisPoints = (bp: number) => (bp / 100).toFixed(2).replace(/\.?0+$/, '');

/**
 * The facts of a product's kind, with the label keys of its enumerations (the template
 * prints them with `t`), so the template stays one section per kind.
 */
export function toFactsView(content: ProductContent) {
  const certificates = content.traceability.certificates.map((c) => ({
    label: `catalog:certificate.${c.type}`,
    number: c.number,
  }));
  const traceability = { originVillage: content.traceability.originVillage, certificates };
  switch (content.kind) {
    case 'produce':
      return {
        traceability,
        produce: { ...content.attributes, storage: `catalog:storage.${content.attributes.storageClass}` },
      };
    case 'tea':
      return {
        traceability,
        tea: { ...content.attributes, season: `catalog:teaSeason.${content.attributes.harvestSeason}` },
      };
    case 'adoption': {
      const a = content.attributes;
      return {
        traceability,
        adoption: {
          ...a,
          species: `catalog:species.${a.species}`,
          buyBack:
            a.atTermEnd.type === 'buy_back'
              ? {
                  premiumPercent: percentOfBasisPoints(a.atTermEnd.premiumBasisPoints),
                  floorFen: a.atTermEnd.floorPricePerKgFen,
                }
              : null,
        },
      };
    }
    default:
      return { traceability };
  }
}

/** Photos: the first one is above the fold (eager), the others lazy. */
export function toPhotoViews(images: ImageDescription[]) {
  return images.map((image, index) => ({ ...image, number: index + 1, lazy: index > 0 }));
}
