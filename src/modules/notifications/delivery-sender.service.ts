import { Injectable, Logger } from '@nestjs/common';
import type { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { ChannelError } from './channels/channel-error';
import { EmailChannel } from './channels/email.channel';
import { SmsChannel } from './channels/sms.channel';
import type { Notification } from './entities/notification.entity';
import { ClaimedDelivery, NotificationsRepository } from './notifications.repository';

export type SendOutcome = 'sent' | 'already-done' | 'failed';

/**
 * Sends one SMS or e-mail delivery. Safe to run twice: a sent delivery is never sent again.
 *
 * The one duplicate we cannot rule out: an attempt that dies (worker killed, lock lost) after
 * the provider took the message but before we stored `sent`. The next attempt finds the
 * delivery still `sending` and sends again, because neither Aliyun's SendSms nor SMTP can tell
 * us whether the earlier call went through. Both copies carry our id (SMS OutId, e-mail
 * Message-ID = the delivery id), so the duplicate can be recognised.
 */
@Injectable()
export class DeliverySenderService {
  private readonly logger = new Logger(DeliverySenderService.name);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly users: UsersService,
    private readonly sms: SmsChannel,
    private readonly email: EmailChannel,
  ) {}

  /**
   * `finalAttempt`: the queue retries no more if this attempt fails, so the delivery becomes
   * `failed`. Throws a ChannelError (holding no phone number or address) when the queue should retry.
   */
  async send(deliveryId: string, finalAttempt: boolean): Promise<SendOutcome> {
    const delivery = await this.repository.claimDelivery(deliveryId);
    // Sent already, or the listener's transaction rolled back after it enqueued the job.
    if (!delivery) return 'already-done';
    if (delivery.previousStatus === 'sending') {
      this.logger.warn(
        { deliveryId, channel: delivery.channel, attempts: delivery.attempts },
        'resending a delivery whose previous attempt stopped mid-send: the person may get it twice',
      );
    }
    let providerMessageId: string | null;
    try {
      providerMessageId = await this.sendThrough(delivery);
    } catch (error) {
      if (!(error instanceof ChannelError)) {
        // Our own fault (a bug, the database): the stack is needed, and it holds no address.
        this.logger.error({ err: error, deliveryId }, 'notification delivery attempt crashed');
      }
      const failure =
        error instanceof ChannelError ? error : new ChannelError(`send failed: ${(error as Error)?.name ?? 'error'}`);
      const final = finalAttempt || failure.permanent;
      await this.repository.markAttemptFailed(deliveryId, failure.message, final);
      this.logger.warn(
        { deliveryId, channel: delivery.channel, attempts: delivery.attempts, final, error: failure.message },
        'notification delivery attempt failed',
      );
      if (failure.permanent) return 'failed';
      throw failure;
    }
    // Not in the try above: a failure to record `sent` must not record an error on a message that went out.
    await this.repository.markSent(deliveryId, providerMessageId);
    this.logger.log({ deliveryId, channel: delivery.channel }, 'notification delivery sent');
    return 'sent';
  }

  /** Re-reads the recipient now: numbers and addresses live in users only, never in the queue. */
  private async sendThrough(delivery: ClaimedDelivery): Promise<string | null> {
    const notification = await this.repository.findNotification(delivery.notificationId);
    const user = notification ? await this.users.findById(notification.recipientId) : null;
    if (!notification || !user) throw new ChannelError('the recipient no longer exists', true);
    return this.channelOf(delivery).send(delivery.id, notification, user);
  }

  private channelOf(delivery: ClaimedDelivery): {
    send(id: string, notification: Notification, user: User): Promise<string | null>;
  } {
    return delivery.channel === 'sms' ? this.sms : this.email;
  }
}
