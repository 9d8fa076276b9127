import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SmsModule } from '../sms/sms.module';
import { UsersModule } from '../users/users.module';
import { EmailChannel } from './channels/email.channel';
import { DisabledEmailSender, EmailSender, SmtpEmailSender } from './channels/email-sender';
import { SmsChannel } from './channels/sms.channel';
import { SmsTemplates, smsTemplatesFrom } from './channels/sms-templates';
import { DeliverySenderService } from './delivery-sender.service';
import { NotificationInboxService } from './notification-inbox.service';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationRequestsService } from './notification-requests.service';
import { NotificationsRepository } from './notifications.repository';

/** Shared with notifications.http.module and notifications.worker.module only. */
const INTERNAL_PROVIDERS = [NotificationsRepository];

/**
 * Notifications (DESIGN.md §2, level L2): nobody imports it; modules write
 * `notification.requested` events. Loaded by the api (inbox, preferences) and the worker
 * (creation, sending), so both check SMS_TEMPLATES at boot.
 */
@Module({
  imports: [UsersModule, SmsModule],
  providers: [
    NotificationsRepository,
    NotificationPreferencesService,
    NotificationInboxService,
    NotificationRequestsService,
    DeliverySenderService,
    SmsChannel,
    EmailChannel,
    { provide: SmsTemplates, inject: [AppConfig], useFactory: smsTemplatesFrom },
    {
      provide: EmailSender,
      inject: [AppConfig],
      useFactory: (config: AppConfig): EmailSender =>
        config.notifications.smtp ? new SmtpEmailSender(config.notifications.smtp) : new DisabledEmailSender(),
    },
  ],
  exports: [
    ...INTERNAL_PROVIDERS,
    NotificationPreferencesService,
    NotificationInboxService,
    NotificationRequestsService,
    DeliverySenderService,
  ],
})
export class NotificationsModule {}
