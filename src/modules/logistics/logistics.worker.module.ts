import { Module } from '@nestjs/common';
import {
  LogisticsProcessor,
  OrderDeliveredListener,
  TrackingPollScheduler,
  TrackingUpdatesListener,
} from './logistics.processor';
import { LogisticsModule } from './logistics.module';

@Module({
  imports: [LogisticsModule],
  providers: [TrackingPollScheduler, LogisticsProcessor, TrackingUpdatesListener, OrderDeliveredListener],
})
export class LogisticsWorkerModule {}
