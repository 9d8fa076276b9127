import { Module } from '@nestjs/common';
import { AccountPagesModule } from './account/account-pages.module';
import { CatalogPagesModule } from './catalog/catalog-pages.module';
import { LivePagesModule } from './live/live-pages.module';
import { RegionsPagesModule } from './regions/regions-pages.module';
import { OperatorsPagesModule } from './operators/operators-pages.module';
import { SellerPagesModule } from './seller/seller-pages.module';
import { SellerOrdersPagesModule } from './seller-orders/seller-orders-pages.module';
import { ShoppingPagesModule } from './shopping/shopping-pages.module';
import { TrainerPagesModule } from './trainer/trainer-pages.module';
import { TrainingPagesModule } from './training/training-pages.module';

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
    TrainerPagesModule,
    TrainingPagesModule,
    LivePagesModule,
  ],
})
export class WebModule {}
