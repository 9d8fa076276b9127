import { Injectable } from '@nestjs/common';
import { createdKeyOf, Page, pageByCreated } from '../../common/http/pagination';
import { Notification } from './entities/notification.entity';
import { NotificationsErrors } from './notifications.errors';
import { NotificationsRepository } from './notifications.repository';

/** A person's in-app notifications. */
@Injectable()
export class NotificationInboxService {
  constructor(private readonly repository: NotificationsRepository) {}

  async list(
    recipientId: string,
    query: { cursor?: string; limit: number; unread?: boolean },
  ): Promise<Page<Notification>> {
    const rows = await this.repository.inboxPage(
      recipientId,
      query.limit + 1,
      createdKeyOf(query.cursor, 'notifications.inbox'),
      query.unread === true,
    );
    return pageByCreated(rows, query.limit, 'notifications.inbox');
  }

  unreadCount(recipientId: string): Promise<number> {
    return this.repository.unreadCount(recipientId);
  }

  /** Idempotent: reading it again keeps the first read time. */
  async markRead(recipientId: string, id: string): Promise<Notification> {
    const notification = await this.repository.markRead(recipientId, id);
    if (!notification) throw NotificationsErrors.notFound();
    return notification;
  }

  /** Returns how many were unread. */
  markAllRead(recipientId: string): Promise<number> {
    return this.repository.markAllRead(recipientId);
  }
}
