import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { AuthHttpModule } from '../modules/auth/auth.http.module';
import { CatalogHttpModule } from '../modules/catalog/catalog.http.module';
import { MediaHttpModule } from '../modules/media/media.http.module';
import { NotificationsHttpModule } from '../modules/notifications/notifications.http.module';
import { LogisticsHttpModule } from '../modules/logistics/logistics.http.module';
import { OrdersHttpModule } from '../modules/orders/orders.http.module';
import { OperationsHttpModule } from '../modules/operations/operations.http.module';
import { PaymentsHttpModule } from '../modules/payments/payments.http.module';
import { HealthHttpModule } from '../modules/health/health.http.module';
import { RegionsHttpModule } from '../modules/regions/regions.http.module';
import { SellersHttpModule } from '../modules/sellers/sellers.http.module';
import { UsersHttpModule } from '../modules/users/users.http.module';
import { WebModule } from '../web/web.module';
import { CoreModule } from './core.module';
import { loggerParams } from './logger';

@Module({
  imports: [
    CoreModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => loggerParams(c, 'api') }),
    HealthHttpModule,
    AuthHttpModule,
    UsersHttpModule,
    RegionsHttpModule,
    SellersHttpModule,
    CatalogHttpModule,
    MediaHttpModule,
    OrdersHttpModule,
    PaymentsHttpModule,
    LogisticsHttpModule,
    NotificationsHttpModule,
    OperationsHttpModule,
    WebModule,
  ],
})
export class ApiModule {}
