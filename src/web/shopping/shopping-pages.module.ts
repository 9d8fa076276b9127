import { Module, type Type } from '@nestjs/common';
import { LivestreamsModule } from '../../modules/livestreams/livestreams.module';
import { LogisticsModule } from '../../modules/logistics/logistics.module';
import { OrdersModule } from '../../modules/orders/orders.module';
import { PaymentsModule } from '../../modules/payments/payments.module';
import { SellersModule } from '../../modules/sellers/sellers.module';
import { RegionsPagesModule } from '../regions/regions-pages.module';
import { WebCoreModule } from '../web-core.module';
import { CartController } from './cart.controller';
import { CheckoutPageController } from './checkout.controller';
import { LiveCheckout } from './live-checkout';
import { OrdersPageController } from './orders.controller';

export const SHOPPING_CONTROLLERS: Type[] = [CartController, CheckoutPageController, OrdersPageController];

/**
 * What buyers do with what they chose: the cart, checkout (of the cart, or of one item bought
 * in a live session at its live price), their orders and parcels.
 */
@Module({
  imports: [
    WebCoreModule,
    RegionsPagesModule,
    OrdersModule,
    PaymentsModule,
    SellersModule,
    LogisticsModule,
    LivestreamsModule,
  ],
  controllers: SHOPPING_CONTROLLERS,
  providers: [LiveCheckout],
})
export class ShoppingPagesModule {}
