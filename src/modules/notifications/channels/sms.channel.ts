import { Injectable } from '@nestjs/common';
import type { User } from '../../users/entities/user.entity';
import { SmsError, SmsSender } from '../../sms/sms-sender';
import type { Notification } from '../entities/notification.entity';
import type { NotificationKind } from '../notification-kinds';
import { ChannelError } from './channel-error';
import { SmsTemplates } from './sms-templates';

/** Text messages through the SMS provider port (Aliyun in production). */
@Injectable()
export class SmsChannel {
  constructor(
    private readonly sms: SmsSender,
    private readonly templates: SmsTemplates,
  ) {}

  /** Only a person with a number, with SMS configured and an approved template for the kind. */
  reaches(user: User, kind: NotificationKind): boolean {
    return Boolean(user.phone) && this.sms.enabled && Boolean(this.templates.codeFor(kind));
  }

  /**
   * Sends with OutId = the delivery id, so the provider's receipts and its console lead back to
   * the delivery. Aliyun's SendSms has no idempotency key: a retry after a lost answer can send twice.
   */
  async send(deliveryId: string, notification: Notification, user: User): Promise<string | null> {
    const templateCode = this.templates.codeFor(notification.kind);
    if (!user.phone) throw new ChannelError('the recipient has no phone number any more', true);
    if (!this.sms.enabled || !templateCode) throw new ChannelError(`no SMS template for ${notification.kind}`, true);
    try {
      return await this.sms.send({
        phone: user.phone,
        templateCode,
        params: this.templates.paramsFor(notification.kind, notification.params),
        outId: deliveryId,
      });
    } catch (error) {
      // SmsError messages hold the provider's code only; anything else is reduced to its name.
      throw new ChannelError(error instanceof SmsError ? error.message : `SMS send failed: ${(error as Error).name}`);
    }
  }
}
