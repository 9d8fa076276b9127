import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { LogisticsWorkerModule } from '../modules/logistics/logistics.worker.module';
import { NotificationsWorkerModule } from '../modules/notifications/notifications.worker.module';
import { OrdersWorkerModule } from '../modules/orders/orders.worker.module';
import { PaymentsWorkerModule } from '../modules/payments/payments.worker.module';
import { TrainingWorkerModule } from '../modules/training/training.worker.module';
import { LivestreamsWorkerModule } from '../modules/livestreams/livestreams.worker.module';
import { OutboxWorkerModule } from '../queue/outbox/outbox.worker.module';
import { CoreModule } from './core.module';
import { loggerParams } from './logger';

@Module({
  imports: [
    CoreModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => loggerParams(c, 'worker') }),
    OutboxWorkerModule,
    OrdersWorkerModule,
    PaymentsWorkerModule,
    LogisticsWorkerModule,
    TrainingWorkerModule,
    LivestreamsWorkerModule,
    NotificationsWorkerModule,
  ],
})
export class WorkerModule {}
