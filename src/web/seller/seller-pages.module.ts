import { Module, type Type } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { AppConfig } from '../../config/app-config';
import { CatalogModule } from '../../modules/catalog/catalog.module';
import { MediaModule } from '../../modules/media/media.module';
import { SellersModule } from '../../modules/sellers/sellers.module';
import { RegionsPagesModule } from '../regions/regions-pages.module';
import { WebCoreModule } from '../web-core.module';
import { ProductImportPagesController } from './product-import-pages.controller';
import { ProductPagesController } from './product-pages.controller';
import { ProductVariantPagesController } from './product-variant-pages.controller';
import { ProductViews } from './product-views';
import { MAX_PHOTOS } from './seller-web';
import { StorePagesController } from './store-pages.controller';

export const SELLER_CONTROLLERS: Type[] = [
  StorePagesController,
  ProductPagesController,
  ProductVariantPagesController,
  ProductImportPagesController,
];

/**
 * Multipart forms of these pages: text fields with up to nine photos (or one CSV file),
 * each file as large as the media module accepts.
 */
const pageUploads = MultipartModule.registerAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    limits: { fileSize: config.media.maxUploadBytes, files: MAX_PHOTOS, fields: 300, parts: 300 + MAX_PHOTOS },
  }),
});

/** A farmer's store: the application and its review, products with guided forms, photos, CSV import. */
@Module({
  imports: [WebCoreModule, SellersModule, CatalogModule, MediaModule, RegionsPagesModule, pageUploads],
  controllers: SELLER_CONTROLLERS,
  providers: [ProductViews],
})
export class SellerPagesModule {}
