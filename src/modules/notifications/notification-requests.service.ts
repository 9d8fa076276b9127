import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EventPayload } from '../../queue/event-map';
import { UsersService } from '../users/users.service';
import { EmailChannel } from './channels/email.channel';
import { SmsChannel } from './channels/sms.channel';
import type { DeliveryChannel } from './entities/notification-delivery.entity';
import { NOTIFICATION_KINDS } from './notification-kinds';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsRepository } from './notifications.repository';
import { renderNotification } from './templates/notification-templates';

/** Turns a `notification.requested` event into the recipient's inbox entry and outside deliveries. */
@Injectable()
export class NotificationRequestsService {
  private readonly logger = new Logger(NotificationRequestsService.name);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly preferences: NotificationPreferencesService,
    private readonly users: UsersService,
    private readonly sms: SmsChannel,
    private readonly email: EmailChannel,
  ) {}

  /**
   * Inside `em` (the listener's transaction): the notification, rendered in the recipient's
   * language, and one delivery per outside channel that applies. Unique keys on (event,
   * recipient) and (notification, channel) keep it to one of each however often it runs.
   * Returns the ids of the deliveries still to send.
   */
  async create(
    em: EntityManager,
    event: { id: string; occurredAt: Date },
    request: EventPayload<'notification.requested'>,
  ): Promise<string[]> {
    const eventId = event.id;
    const definition = NOTIFICATION_KINDS[request.kind];
    if (!definition) {
      this.logger.warn({ eventId, kind: request.kind }, 'notification of an unknown kind ignored');
      return [];
    }
    const user = await this.users.findById(request.recipientUserId, em);
    if (!user) {
      this.logger.warn({ eventId, kind: request.kind }, 'notification for a user that does not exist ignored');
      return [];
    }
    const enabled = await this.preferences.effectiveFor(user.id, em);
    const category = definition.category;
    const inInbox = enabled(category, 'in_app');
    const channels: DeliveryChannel[] = [];
    if (enabled(category, 'sms') && this.sms.reaches(user, request.kind)) channels.push('sms');
    if (enabled(category, 'email') && this.email.reaches(user)) channels.push('email');
    if (!inInbox && channels.length === 0) return [];

    const { title, body } = renderNotification(request.kind, user.locale, request.params);
    const notification = await this.repository.insertNotification(em, {
      eventId,
      recipientId: user.id,
      kind: request.kind,
      category,
      params: request.params,
      locale: user.locale,
      title,
      body,
      inInbox,
      // The inbox reads in the order things happened, not the order the worker got to them.
      createdAt: event.occurredAt,
    });
    return this.repository.ensureDeliveries(em, notification.id, channels);
  }
}
