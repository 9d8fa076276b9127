import { Module, type Type } from '@nestjs/common';
import { LogisticsModule } from '../../modules/logistics/logistics.module';
import { OrdersModule } from '../../modules/orders/orders.module';
import { PaymentsModule } from '../../modules/payments/payments.module';
import { RegionsModule } from '../../modules/regions/regions.module';
import { SellersModule } from '../../modules/sellers/sellers.module';
import { UsersModule } from '../../modules/users/users.module';
import { WebCoreModule } from '../web-core.module';
import { StoreMoneyController } from './store-money.controller';
import { StoreOrdersController } from './store-orders.controller';
import { StoreShippingPolicyController } from './store-shipping-policy.controller';
import { StoreStaffController } from './store-staff.controller';

export const SELLER_ORDERS_CONTROLLERS: Type[] = [
  StoreOrdersController,
  StoreShippingPolicyController,
  StoreMoneyController,
  StoreStaffController,
];

/** A farmer's sales: orders to ship, cash collected, shipping policy, money owed and payouts, staff. */
@Module({
  imports: [WebCoreModule, OrdersModule, LogisticsModule, PaymentsModule, SellersModule, RegionsModule, UsersModule],
  controllers: SELLER_ORDERS_CONTROLLERS,
})
export class SellerOrdersPagesModule {}
