import { Module } from '@nestjs/common';
import { LogisticsModule } from './logistics.module';
import { ShipmentsController } from './shipments.controller';
import { TrackingWebhooksController } from './tracking-webhooks.controller';

@Module({ imports: [LogisticsModule], controllers: [ShipmentsController, TrackingWebhooksController] })
export class LogisticsHttpModule {}
