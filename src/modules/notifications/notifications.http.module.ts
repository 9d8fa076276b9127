import { Module } from '@nestjs/common';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationsController } from './notifications.controller';
import { NotificationsModule } from './notifications.module';

@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController, NotificationPreferencesController],
})
export class NotificationsHttpModule {}
