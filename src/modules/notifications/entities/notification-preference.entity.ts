import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NotificationCategory, NotificationChannel } from '../notification-kinds';

/** A person's choice for one category on one channel; only choices that differ from the default (on) are stored. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  category: NotificationCategory;

  @PrimaryColumn({ type: 'text' })
  channel: NotificationChannel;

  @Column({ type: 'boolean' })
  enabled: boolean;
}
