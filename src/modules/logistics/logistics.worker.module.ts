import { Module } from '@nestjs/common';
import {
  LogisticsProcessor,
  TrackingPollScheduler,
  TrackingSubscriptionListener,
  TrackingUpdatesListener,
} from './logistics.processor';
import { LogisticsModule } from './logistics.module';

@Module({
  imports: [LogisticsModule],
  providers: [TrackingPollScheduler, LogisticsProcessor, TrackingUpdatesListener, TrackingSubscriptionListener],
})
export class LogisticsWorkerModule {}
