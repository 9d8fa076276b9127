import { Module } from '@nestjs/common';
import { OrderExpiryScheduler, OrderTimersProcessor } from './order-expiry.processor';
import { OrderPaymentsListener } from './order-payments.listener';
import { OrdersModule } from './orders.module';

@Module({ imports: [OrdersModule], providers: [OrderPaymentsListener, OrderExpiryScheduler, OrderTimersProcessor] })
export class OrdersWorkerModule {}
