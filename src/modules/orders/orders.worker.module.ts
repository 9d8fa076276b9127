import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { OrderTimersProcessor, OrderTimersScheduler } from './order-timers.processor';
import { OrderNotificationsListener } from './order-notifications.listener';
import { OrderPaymentsListener } from './order-payments.listener';
import { OrderShippingDeadlines } from './order-shipping-deadlines.service';
import { OrdersModule } from './orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { SellersModule } from '../sellers/sellers.module';

@Module({
  imports: [OrdersModule, SellersModule, PaymentsModule, CatalogModule],
  providers: [
    OrderShippingDeadlines,
    OrderPaymentsListener,
    OrderNotificationsListener,
    OrderTimersScheduler,
    OrderTimersProcessor,
  ],
})
export class OrdersWorkerModule {}
