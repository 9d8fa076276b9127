import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module';
import { RegionsModule } from '../regions/regions.module';
import { SellersModule } from '../sellers/sellers.module';
import { CatalogBrowseService } from './catalog-browse.service';
import { CatalogRepository } from './catalog.repository';
import { ProductReviewService } from './product-review.service';
import { SellerProductsService } from './seller-products.service';
import { LiveOffersService } from './live-offers.service';
import { StockService } from './stock.service';

@Module({
  imports: [SellersModule, RegionsModule, MediaModule],
  providers: [
    CatalogRepository,
    SellerProductsService,
    ProductReviewService,
    CatalogBrowseService,
    StockService,
    LiveOffersService,
  ],
  exports: [SellerProductsService, ProductReviewService, CatalogBrowseService, StockService, LiveOffersService],
})
export class CatalogModule {}

// What other modules may use besides the exported services (docs/dependency-rules.md).
export { BROWSE_SORTS, browseQuerySchema, createProductSchema } from './dto/product.dto';
export type { BrowseQuery } from './dto/product.dto';
export {
  ADOPTION_SPECIES,
  CERTIFICATE_TYPES,
  PRODUCT_KINDS,
  produceAttributesSchema,
  TEA_SEASONS,
} from './product-content';
export type { ProductContent, ProductKind } from './product-content';
export { CSV_COLUMNS, parseProductCsv } from './product-csv';
export type { RowError } from './product-csv';
export type { CardDetails, ImageDescription } from './catalog-browse.service';
