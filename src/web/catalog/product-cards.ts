import type { CardDetails } from '../../modules/catalog/catalog.module';
import type { Product } from '../../modules/catalog/entities/product.entity';

/** What the `catalog/product-card` partial shows of a product. */
export interface ProductCardView {
  id: string;
  title: string;
  kind: string;
  priceFen: number | null;
  /** Price and net weight of the cheapest variant when it is sold by weight (for ¥/斤). */
  perJin: { priceFen: number; grams: number } | null;
  countyName: string;
  inStock: boolean;
  preSale: boolean;
  cover: CardDetails['cover'];
}

export function toCardViews(products: Product[], details: Map<string, CardDetails>): ProductCardView[] {
  return products.map((product) => {
    const detail = details.get(product.id);
    const cheapest = detail?.cheapest;
    return {
      id: product.id,
      title: product.content?.title ?? '',
      kind: product.kind,
      priceFen: product.minPriceFen,
      perJin:
        cheapest?.netWeightGrams && cheapest.priceFen === product.minPriceFen
          ? { priceFen: cheapest.priceFen, grams: cheapest.netWeightGrams }
          : null,
      countyName: detail?.countyName ?? '',
      inStock: product.totalStock > 0,
      preSale: product.preSale,
      cover: detail?.cover ?? null,
    };
  });
}
