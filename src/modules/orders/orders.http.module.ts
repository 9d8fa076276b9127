import { Module } from '@nestjs/common';
import { AdminOrdersController } from './admin-orders.controller';
import { CheckoutController } from './checkout.controller';
import { OrdersController } from './orders.controller';
import { OrdersModule } from './orders.module';
import { SellerOrdersController } from './seller-orders.controller';

@Module({
  imports: [OrdersModule],
  controllers: [CheckoutController, OrdersController, SellerOrdersController, AdminOrdersController],
})
export class OrdersHttpModule {}
