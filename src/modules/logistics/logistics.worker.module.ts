import { Module } from '@nestjs/common';
import { LogisticsProcessor, TrackingPollScheduler, TrackingUpdatesListener } from './logistics.processor';
import { LogisticsModule } from './logistics.module';

@Module({ imports: [LogisticsModule], providers: [TrackingPollScheduler, LogisticsProcessor, TrackingUpdatesListener] })
export class LogisticsWorkerModule {}
