import { Module } from '@nestjs/common';
import { DeliveryQueueService } from './delivery-queue.service';
import { DeliverySweeper } from './delivery-sweeper.service';
import { NotificationsListener } from './notifications.listener';
import { NotificationsModule } from './notifications.module';
import { NotificationsProcessor } from './notifications.processor';

@Module({
  imports: [NotificationsModule],
  providers: [DeliveryQueueService, NotificationsListener, NotificationsProcessor, DeliverySweeper],
})
export class NotificationsWorkerModule {}
