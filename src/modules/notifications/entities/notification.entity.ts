import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '../../users/entities/user.entity';
import type { NotificationCategory, NotificationKind } from '../notification-kinds';

/**
 * What Furrow told one person about one `notification.requested` event, rendered in their
 * language when it happened. It is their in-app inbox entry (unless they switched the inbox
 * off for its category) and the parent of its SMS and e-mail deliveries. One per
 * (event, recipient); with the deliveries' (notification, channel) key that makes one
 * message per (event, recipient, channel), however often the event is handled.
 */
@Entity('notifications')
@Index('notifications_event_recipient_key', ['eventId', 'recipientId'], { unique: true })
@Index('notifications_inbox_idx', ['recipientId', 'createdAt', 'id'], { where: 'in_inbox' })
@Index('notifications_unread_idx', ['recipientId'], { where: 'in_inbox AND read_at IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The `notification.requested` outbox event. */
  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  recipientId: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'text' })
  category: NotificationCategory;

  /** As the requesting module sent them: ids, order numbers, codes; never a phone number or address. */
  @Column({ type: 'jsonb' })
  params: Record<string, string | number>;

  /** The recipient's language when it was created; e-mail is rendered in it too. */
  @Column({ type: 'text' })
  locale: Locale;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** False when the recipient switched the in-app channel off for this category. */
  @Column({ type: 'boolean' })
  inInbox: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  /** When the event it tells of happened (the outbox event's time). Millisecond precision: it keys the inbox cursor. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
