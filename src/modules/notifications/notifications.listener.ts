import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { DeliveryQueueService } from './delivery-queue.service';
import { NotificationRequestsService } from './notification-requests.service';

/** Every module asks for notifications through the outbox; nobody imports this module. */
@Injectable()
export class NotificationsListener {
  constructor(
    private readonly requests: NotificationRequestsService,
    private readonly deliveries: DeliveryQueueService,
  ) {}

  /**
   * Runs once per event (the outbox records it in this same transaction). The SMS and e-mail
   * jobs are added here, before the commit, because a listener has no after-commit hook:
   * - added twice (a re-run of this listener after a crash): one job, its id is the delivery id;
   * - added, then the transaction rolls back: the job finds no delivery and does nothing;
   * - committed, but the job was lost (Redis flushed) or ran before the commit was visible:
   *   the delivery stays pending and the sweeper gives it a job again (DeliverySweeper).
   */
  @OnOutboxEvent('notification.requested')
  async requested(event: OutboxEnvelope<'notification.requested'>, em: EntityManager): Promise<void> {
    const pending = await this.requests.create(em, event, event.payload);
    await this.deliveries.enqueue(pending);
  }
}
