import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CreatedKey } from '../../common/http/pagination';
import { DeliveryChannel, DeliveryStatus, NotificationDelivery } from './entities/notification-delivery.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { Notification } from './entities/notification.entity';
import type { NotificationCategory, NotificationChannel } from './notification-kinds';

/** A delivery claimed for one attempt, and the state it was claimed from. */
export interface ClaimedDelivery {
  id: string;
  notificationId: string;
  channel: DeliveryChannel;
  attempts: number;
  previousStatus: DeliveryStatus;
}

/** Every query of notifications, their deliveries and preferences. Writes take the caller's transaction. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // --- creation (in the outbox listener's transaction) ---

  /** Inserts the notification unless this (event, recipient) has one; returns the one that exists either way. */
  async insertNotification(em: EntityManager, values: Partial<Notification>): Promise<Notification> {
    await em.createQueryBuilder().insert().into(Notification).values(values).orIgnore().execute();
    return em.getRepository(Notification).findOneByOrFail({ eventId: values.eventId, recipientId: values.recipientId });
  }

  /** Adds the missing deliveries and returns the ids of those not yet sent (new or left pending). */
  async ensureDeliveries(em: EntityManager, notificationId: string, channels: DeliveryChannel[]): Promise<string[]> {
    if (channels.length > 0) {
      await em
        .createQueryBuilder()
        .insert()
        .into(NotificationDelivery)
        .values(channels.map((channel) => ({ notificationId, channel })))
        .orIgnore()
        .execute();
    }
    const rows = await em.getRepository(NotificationDelivery).find({
      select: { id: true },
      where: { notificationId, status: 'pending' },
    });
    return rows.map((r) => r.id);
  }

  // --- preferences ---

  preferencesOf(userId: string, em: EntityManager = this.dataSource.manager): Promise<NotificationPreference[]> {
    return em.getRepository(NotificationPreference).findBy({ userId });
  }

  async upsertPreferences(em: EntityManager, rows: NotificationPreference[]): Promise<void> {
    if (rows.length === 0) return;
    await em.getRepository(NotificationPreference).upsert(rows, ['userId', 'category', 'channel']);
  }

  async deletePreferences(
    em: EntityManager,
    userId: string,
    keys: Array<{ category: NotificationCategory; channel: NotificationChannel }>,
  ): Promise<void> {
    for (const key of keys) await em.getRepository(NotificationPreference).delete({ userId, ...key });
  }

  // --- inbox ---

  /** Newest first, keyed on (created_at, id). */
  inboxPage(recipientId: string, limit: number, after: CreatedKey | undefined, unreadOnly: boolean) {
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.recipient_id = :recipientId AND n.in_inbox', { recipientId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit);
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (after) qb.andWhere('(n.created_at, n.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }

  unreadCount(recipientId: string): Promise<number> {
    return this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.recipient_id = :recipientId AND n.in_inbox AND n.read_at IS NULL', { recipientId })
      .getCount();
  }

  /** Marks one of the recipient's inbox entries read (keeping the first read time); null when it is not theirs. */
  async markRead(recipientId: string, id: string): Promise<Notification | null> {
    await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where('id = :id AND recipient_id = :recipientId AND in_inbox', { id, recipientId })
      .execute();
    return this.dataSource.getRepository(Notification).findOneBy({ id, recipientId, inInbox: true });
  }

  async markAllRead(recipientId: string): Promise<number> {
    const result = await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('recipient_id = :recipientId AND in_inbox AND read_at IS NULL', { recipientId })
      .execute();
    return result.affected ?? 0;
  }

  // --- sending ---

  findNotification(id: string): Promise<Notification | null> {
    return this.dataSource.getRepository(Notification).findOneBy({ id });
  }

  /**
   * Takes a delivery for one attempt (`sending`, attempts + 1) unless it was sent; null when it
   * was sent or does not exist (its transaction rolled back). `previousStatus` tells a crashed
   * attempt (`sending`) from a planned retry (`pending`); a `failed` one is being retried by an
   * operator from the queue dashboard.
   */
  async claimDelivery(id: string): Promise<ClaimedDelivery | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH previous AS (
         SELECT id, status FROM notification_deliveries WHERE id = $1 AND status <> 'sent' FOR UPDATE
       ), claimed AS (
         UPDATE notification_deliveries d
            SET status = 'sending', attempts = d.attempts + 1, updated_at = now()
           FROM previous
          WHERE d.id = previous.id
        RETURNING d.id, d.notification_id, d.channel, d.attempts, previous.status AS previous_status
       )
       SELECT * FROM claimed`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id as string,
      notificationId: row.notification_id as string,
      channel: row.channel as DeliveryChannel,
      attempts: Number(row.attempts),
      previousStatus: row.previous_status as DeliveryStatus,
    };
  }

  async markSent(id: string, providerMessageId: string | null): Promise<void> {
    await this.dataSource
      .getRepository(NotificationDelivery)
      .update({ id, status: 'sending' }, { status: 'sent', sentAt: () => 'now()', providerMessageId, lastError: null });
  }

  /** Records a failed attempt: `pending` for the next retry, or `failed` when no retry is left. */
  async markAttemptFailed(id: string, error: string, final: boolean): Promise<void> {
    await this.dataSource
      .getRepository(NotificationDelivery)
      .update({ id, status: 'sending' }, { status: final ? 'failed' : 'pending', lastError: error });
  }

  /**
   * Deliveries not sent and not touched for `olderThanMs`: their job was lost (a Redis flush),
   * ran before the row committed, or died on its last attempt. Locked so sweepers share them.
   */
  claimStale(em: EntityManager, olderThanMs: number, limit: number): Promise<Array<{ id: string }>> {
    return em.query(
      `SELECT id FROM notification_deliveries
        WHERE status IN ('pending', 'sending')
          AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY updated_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [olderThanMs, limit],
    );
  }

  async touch(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(`UPDATE notification_deliveries SET updated_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }
}
