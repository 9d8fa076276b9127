import { Injectable } from '@nestjs/common';
import type { User } from '../../users/entities/user.entity';
import type { Notification } from '../entities/notification.entity';
import { renderEmail } from '../templates/email-layout';
import { ChannelError } from './channel-error';
import { EmailSender } from './email-sender';

/** E-mail through SMTP, in the language the notification was written in. */
@Injectable()
export class EmailChannel {
  constructor(private readonly email: EmailSender) {}

  reaches(user: User): boolean {
    return Boolean(user.email) && this.email.enabled;
  }

  /**
   * The Message-ID comes from the delivery id: a message sent again after a crash carries the
   * same one, which lets mail clients and our own logs recognise the duplicate.
   */
  async send(deliveryId: string, notification: Notification, user: User): Promise<string> {
    if (!user.email) throw new ChannelError('the recipient has no e-mail address any more', true);
    const messageId = `<${deliveryId}@${this.email.domain}>`;
    await this.email.send({
      to: user.email,
      messageId,
      ...renderEmail(notification.locale, notification),
    });
    return messageId;
  }
}
