import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { QueueName } from '../../queue/queue-names';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrdersRepository } from './orders.repository';

const EXPIRE_OVERDUE = 'orders.expire-overdue';
const BATCH = 100;

/** Installs the repeating expiry job once (a job scheduler runs once across all workers). */
@Injectable()
export class OrderExpiryScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.timers) private readonly timers: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.timers.upsertJobScheduler(
      EXPIRE_OVERDUE,
      { every: this.config.orders.expirySweepSeconds * 1000 },
      { name: EXPIRE_OVERDUE, data: {} },
    );
  }
}

/**
 * Expires unpaid orders past their deadline and gives their units back. Safe to run
 * twice or on several workers at once: orders are claimed with SKIP LOCKED and only an
 * unpaid order can expire.
 */
@Processor(QueueName.timers)
export class OrderTimersProcessor extends WorkerHost {
  private readonly logger = new Logger(OrderTimersProcessor.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
  ) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name !== EXPIRE_OVERDUE) throw new Error(`unknown timer job ${job.name}`);
    return this.expireOverdue();
  }

  async expireOverdue(): Promise<number> {
    let expired = 0;
    for (;;) {
      const count = await this.orders.transaction(async (em) => {
        const overdue = await this.orders.claimOverdue(em, BATCH);
        for (const order of overdue) await this.lifecycle.closeUnpaid(em, order, 'expired', null, 'PAYMENT_TIMEOUT');
        return overdue.length;
      });
      expired += count;
      if (count < BATCH) break;
    }
    if (expired > 0) this.logger.log({ expired }, 'expired unpaid orders');
    return expired;
  }
}
