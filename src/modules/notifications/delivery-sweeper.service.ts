import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RepeatingTasks } from '../../common/repeating-tasks';
import { AppConfig } from '../../config/app-config';
import { DeliveryQueueService } from './delivery-queue.service';
import { NotificationsRepository } from './notifications.repository';

const BATCH = 200;

/**
 * Worker only. Deliveries live in PostgreSQL, their jobs in the queue store; this repairs the
 * gap: an unsent delivery untouched for OUTBOX_REDISPATCH_AFTER_MS (a minute by default) whose
 * job is gone or finished gets a job again. Runs every OUTBOX_SWEEP_INTERVAL_MS, like the
 * outbox's own sweeper; several workers share the rows (FOR UPDATE SKIP LOCKED).
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySweeper.name);
  private readonly loop = new RepeatingTasks(this.logger);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly deliveries: DeliveryQueueService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.every(this.config.outbox.sweepIntervalMs, 'notification delivery sweep', () => this.sweep());
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Returns how many deliveries got a job again. */
  async sweep(): Promise<number> {
    return this.repository.transaction(async (em) => {
      const stale = await this.repository.claimStale(em, this.config.outbox.redispatchAfterMs, BATCH);
      if (stale.length === 0) return 0;
      let requeued = 0;
      for (const { id } of stale) if (await this.deliveries.requeue(id)) requeued++;
      // Checked now: the next sweep looks at them again only after another quiet period.
      await this.repository.touch(
        em,
        stale.map((d) => d.id),
      );
      if (requeued > 0)
        this.logger.warn({ count: requeued }, 're-enqueued notification deliveries whose jobs were lost');
      return requeued;
    });
  }
}
