import { Module } from '@nestjs/common';
import { CatalogModule } from '../../modules/catalog/catalog.module';
import { SellersModule } from '../../modules/sellers/sellers.module';
import { RegionsPagesModule } from '../regions/regions-pages.module';
import { WebCoreModule } from '../web-core.module';
import { HomeController } from './home.controller';
import { ProductPageController } from './product-page.controller';
import { SearchController } from './search.controller';
import { StorePageController } from './store-page.controller';

export const CATALOG_CONTROLLERS = [HomeController, SearchController, ProductPageController, StorePageController];

/** What buyers browse: home, search with filters, product pages, stores. */
@Module({
  imports: [WebCoreModule, CatalogModule, SellersModule, RegionsPagesModule],
  controllers: CATALOG_CONTROLLERS,
})
export class CatalogPagesModule {}
