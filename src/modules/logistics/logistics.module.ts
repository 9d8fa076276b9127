import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { OrdersModule } from '../orders/orders.module';
import { SellersModule } from '../sellers/sellers.module';
import { Kuaidi100TrackingProvider } from './kuaidi100/kuaidi100.tracking-provider';
import { ShipmentTracking } from './shipment-tracking.service';
import { ShipmentsService } from './shipments.service';
import { DisabledTrackingProvider, TrackingProvider } from './tracking-provider';
import { TrackingPoller } from './tracking-poller.service';
import { TrackingSubscriptions } from './tracking-subscriptions.service';
import { TrackingWebhooks } from './tracking-webhooks.service';

@Module({
  imports: [OrdersModule, SellersModule],
  providers: [
    ShipmentTracking,
    ShipmentsService,
    TrackingWebhooks,
    TrackingPoller,
    TrackingSubscriptions,
    {
      provide: TrackingProvider,
      inject: [AppConfig],
      useFactory: (config: AppConfig): TrackingProvider =>
        config.logistics.kuaidi100
          ? new Kuaidi100TrackingProvider(config.logistics.kuaidi100)
          : new DisabledTrackingProvider(),
    },
  ],
  exports: [ShipmentsService, TrackingWebhooks, TrackingPoller, ShipmentTracking, TrackingSubscriptions],
})
export class LogisticsModule {}

// What other modules (and the pages) may use besides the exported services (docs/dependency-rules.md).
export { CARRIER_CODES, CARRIERS, type CarrierCode } from './carriers';
export { shipSchema } from './dto/shipment.dto';
