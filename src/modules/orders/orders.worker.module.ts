import { Module } from '@nestjs/common';
import { OrderTimersProcessor, OrderTimersScheduler } from './order-timers.processor';
import { OrderPaymentsListener } from './order-payments.listener';
import { OrdersModule } from './orders.module';

@Module({ imports: [OrdersModule], providers: [OrderPaymentsListener, OrderTimersScheduler, OrderTimersProcessor] })
export class OrdersWorkerModule {}
