import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The channels that leave Furrow; the in-app channel is the notification row itself. */
export const DELIVERY_CHANNELS = ['sms', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * pending → sending → sent | failed. `sending` lasts one attempt; a failed attempt goes back to
 * `pending` with its error (or to `failed` after the last one), so a row found in `sending`
 * means the previous attempt died mid-call.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One message of a notification on an outside channel; one per (notification, channel). */
@Entity('notification_deliveries')
@Index('notification_deliveries_channel_key', ['notificationId', 'channel'], { unique: true })
@Index('notification_deliveries_unsent_idx', ['updatedAt'], { where: "status IN ('pending', 'sending')" })
@Check('notification_deliveries_channel_check', "channel IN ('sms', 'email')")
@Check('notification_deliveries_status_check', "status IN ('pending', 'sending', 'sent', 'failed')")
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  notificationId: string;

  @Column({ type: 'text' })
  channel: DeliveryChannel;

  @Column({ type: 'text', default: 'pending' })
  status: DeliveryStatus;

  /** Attempts started, crashed ones included. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** The provider's code when it refused; never the address or number. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The provider's id of the message (e-mail: its Message-ID); null where the provider gives none back. */
  @Column({ type: 'text', nullable: true })
  providerMessageId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
