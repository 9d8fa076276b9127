import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { RepeatingTasks } from '../../common/repeating-tasks';
import { AppConfig } from '../../config/app-config';
import { DISPATCH_EVENT_JOB, QueueName } from '../queue-names';
import { OutboxRepository } from './outbox.repository';

const BATCH = 200;

/**
 * Worker-only. Moves outbox rows into the `events` queue (job id = event id, so a row
 * enqueued twice is one job) and re-enqueues rows whose job never finished: after a
 * Redis flush or a killed worker, nothing committed is lost. Safe with many workers:
 * rows are claimed with FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly loops = new RepeatingTasks(this.logger);
  private stopped = false;

  constructor(
    private readonly outbox: OutboxRepository,
    @InjectQueue(QueueName.events) private readonly events: Queue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loops.every(this.config.outbox.pollIntervalMs, 'outbox relay', () => this.relayPending());
    this.loops.every(this.config.outbox.sweepIntervalMs, 'outbox sweep', () => this.sweepStale());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loops.stop();
  }

  /** Enqueues undispatched events; returns how many. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.outbox.transaction(async (em) => {
        const rows = await this.outbox.claimUndispatched(em, BATCH);
        if (rows.length === 0) return 0;
        // Enqueued while the rows are locked: the lock is the claim. A crash here rolls back
        // and the rows are relayed again, which the job id makes harmless.
        await this.enqueue(rows.map((r) => r.id));
        await this.outbox.markDispatched(
          em,
          rows.map((r) => r.id),
        );
        return rows.length;
      });
      total += count;
      if (count < BATCH || this.stopped) return total;
    }
  }

  /** Re-enqueues events whose jobs were lost; returns how many. */
  async sweepStale(): Promise<number> {
    return this.outbox.transaction(async (em) => {
      const rows = await this.outbox.claimStale(em, this.config.outbox.redispatchAfterMs, BATCH);
      if (rows.length === 0) return 0;
      await this.enqueue(rows.map((r) => r.id));
      await this.outbox.markDispatched(
        em,
        rows.map((r) => r.id),
      );
      this.logger.warn({ count: rows.length }, 're-enqueued outbox events whose jobs never finished');
      return rows.length;
    });
  }

  private async enqueue(ids: string[]): Promise<void> {
    await this.events.addBulk(
      ids.map((id) => ({ name: DISPATCH_EVENT_JOB, data: { eventId: id }, opts: { jobId: id } })),
    );
  }
}
