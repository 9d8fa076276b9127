import { Module } from '@nestjs/common';
import { ACCOUNT_CONTROLLERS, AccountPagesModule } from './account/account-pages.module';
import { CATALOG_CONTROLLERS, CatalogPagesModule } from './catalog/catalog-pages.module';
import { REGIONS_CONTROLLERS, RegionsPagesModule } from './regions/regions-pages.module';
import { OPERATORS_CONTROLLERS, OperatorsPagesModule } from './operators/operators-pages.module';
import { SELLER_CONTROLLERS, SellerPagesModule } from './seller/seller-pages.module';
import { SELLER_ORDERS_CONTROLLERS, SellerOrdersPagesModule } from './seller-orders/seller-orders-pages.module';
import { SHOPPING_CONTROLLERS, ShoppingPagesModule } from './shopping/shopping-pages.module';

/** Every controller of the pages, so their paths stay out of the API's prefix (mount-web.ts). */
export const WEB_CONTROLLERS = [
  ...REGIONS_CONTROLLERS,
  ...ACCOUNT_CONTROLLERS,
  ...CATALOG_CONTROLLERS,
  ...SHOPPING_CONTROLLERS,
  ...SELLER_CONTROLLERS,
  ...SELLER_ORDERS_CONTROLLERS,
  ...OPERATORS_CONTROLLERS,
];

/** The pages people use, by who uses them. Loaded by the api only; nothing imports it. */
@Module({
  imports: [
    RegionsPagesModule,
    AccountPagesModule,
    CatalogPagesModule,
    ShoppingPagesModule,
    SellerPagesModule,
    SellerOrdersPagesModule,
    OperatorsPagesModule,
  ],
})
export class WebModule {}
