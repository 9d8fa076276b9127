import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { AuthHttpModule } from '../modules/auth/auth.http.module';
import { CatalogHttpModule } from '../modules/catalog/catalog.http.module';
import { MediaHttpModule } from '../modules/media/media.http.module';
import { NotificationsHttpModule } from '../modules/notifications/notifications.http.module';
import { LogisticsHttpModule } from '../modules/logistics/logistics.http.module';
import { OrdersHttpModule } from '../modules/orders/orders.http.module';
import { OperationsHttpModule } from '../modules/operations/operations.http.module';
import { QueueDashboardSessionHttpModule } from '../modules/operations/queue-dashboard-session.http.module';
import { PaymentsHttpModule } from '../modules/payments/payments.http.module';
import { HealthHttpModule } from '../modules/health/health.http.module';
import { RegionsHttpModule } from '../modules/regions/regions.http.module';
import { SellersHttpModule } from '../modules/sellers/sellers.http.module';
import { TrainingHttpModule } from '../modules/training/training.http.module';
import { LivestreamsHttpModule } from '../modules/livestreams/livestreams.http.module';
import { UsersHttpModule } from '../modules/users/users.http.module';
import { WebModule } from '../web/web.module';
import { CoreModule } from './core.module';
import { loggerParams } from './logger';

export const API_PREFIX = 'api/v1';

/** The JSON API's modules: their controllers answer under /api/v1 (RouterModule below). */
const API_MODULES = [
  AuthHttpModule,
  UsersHttpModule,
  RegionsHttpModule,
  SellersHttpModule,
  CatalogHttpModule,
  MediaHttpModule,
  OrdersHttpModule,
  PaymentsHttpModule,
  LogisticsHttpModule,
  TrainingHttpModule,
  LivestreamsHttpModule,
  NotificationsHttpModule,
  QueueDashboardSessionHttpModule,
];

/**
 * The api: the JSON API under /api/v1, and at the site's root the pages (WebModule),
 * /health, /metrics and the queue dashboard. The prefix goes on the API's modules rather than a global prefix
 * with exclusions, so a page may share its path with an API route (/orders/:id).
 */
@Module({
  imports: [
    CoreModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => loggerParams(c, 'api') }),
    HealthHttpModule,
    OperationsHttpModule,
    ...API_MODULES,
    RouterModule.register([{ path: API_PREFIX, children: API_MODULES }]),
    WebModule,
  ],
})
export class ApiModule {}
