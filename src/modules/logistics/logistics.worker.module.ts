import { Module } from '@nestjs/common';
import {
  LogisticsProcessor,
  OrderDeliveredListener,
  TrackingPollScheduler,
  TrackingSubscriptionListener,
  TrackingUpdatesListener,
} from './logistics.processor';
import { LogisticsModule } from './logistics.module';

@Module({
  imports: [LogisticsModule],
  providers: [
    TrackingPollScheduler,
    LogisticsProcessor,
    TrackingUpdatesListener,
    OrderDeliveredListener,
    TrackingSubscriptionListener,
  ],
})
export class LogisticsWorkerModule {}
