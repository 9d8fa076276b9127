import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly deliveries: DeliveryQueueService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
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

  private schedule(): void {
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.running = this.sweep()
        .catch((error: unknown) => this.logger.error({ err: error }, 'notification delivery sweep failed'))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule();
        });
    }, this.config.outbox.sweepIntervalMs);
  }
}
