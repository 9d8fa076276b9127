import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { JobName, QueueName } from '../../queue/queue-names';
import { Order } from './entities/order.entity';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderShippingDeadlines } from './order-shipping-deadlines.service';
import { OrdersRepository } from './orders.repository';

const EXPIRE_OVERDUE: JobName<'timers'> = 'orders.expire-overdue';
const RELEASE_PAYABLES: JobName<'timers'> = 'orders.release-payables';
const AUTO_COMPLETE: JobName<'timers'> = 'orders.auto-complete';
const REMIND_UNCOLLECTED_CASH: JobName<'timers'> = 'orders.remind-uncollected-cash';
const SHIPPING_DEADLINES: JobName<'timers'> = 'orders.enforce-shipping-deadlines';
const BATCH = 100;

/** Installs the repeating order timers once (a job scheduler runs once across all workers). */
@Injectable()
export class OrderTimersScheduler implements OnApplicationBootstrap {
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
    await this.timers.upsertJobScheduler(
      RELEASE_PAYABLES,
      { every: this.config.orders.payableReleaseSweepMinutes * 60_000 },
      { name: RELEASE_PAYABLES, data: {} },
    );
    await this.timers.upsertJobScheduler(
      AUTO_COMPLETE,
      { every: this.config.orders.autoCompleteSweepMinutes * 60_000 },
      { name: AUTO_COMPLETE, data: {} },
    );
    // Delivered orders awaiting cash are looked at as often as delivered orders awaiting completion.
    await this.timers.upsertJobScheduler(
      REMIND_UNCOLLECTED_CASH,
      { every: this.config.orders.autoCompleteSweepMinutes * 60_000 },
      { name: REMIND_UNCOLLECTED_CASH, data: {} },
    );
    await this.timers.upsertJobScheduler(
      SHIPPING_DEADLINES,
      { every: this.config.orders.expirySweepSeconds * 1000 },
      { name: SHIPPING_DEADLINES, data: {} },
    );
  }
}

/**
 * The order timers. Both are safe to run twice or on several workers at once: orders are
 * claimed with SKIP LOCKED, only an unpaid order can expire, and a payable is released once.
 */
@Processor(QueueName.timers)
export class OrderTimersProcessor extends WorkerHost {
  private readonly logger = new Logger(OrderTimersProcessor.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly deadlines: OrderShippingDeadlines,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name === EXPIRE_OVERDUE) return this.expireOverdue();
    if (job.name === RELEASE_PAYABLES) return this.releasePayables();
    if (job.name === AUTO_COMPLETE) return this.autoComplete();
    if (job.name === REMIND_UNCOLLECTED_CASH) return this.remindUncollectedCash();
    if (job.name === SHIPPING_DEADLINES) return this.enforceShippingDeadlines();
    throw new Error(`unknown timer job ${job.name}`);
  }

  /**
   * Expires unpaid orders past their deadline and gives their units back, one order per
   * transaction: a live order's units go back to a hot offer row, which must be held for one
   * order's give-back only (and never while another buyer's row is taken after it).
   */
  async expireOverdue(): Promise<number> {
    let done = 0;
    for (;;) {
      const expired = await this.orders.transaction(async (em) => {
        const [order] = await this.orders.claimOverdue(em, 1);
        if (order) await this.lifecycle.closeUnpaid(em, order, 'expired', null, 'PAYMENT_TIMEOUT');
        return order !== undefined;
      });
      if (!expired) break;
      done += 1;
    }
    if (done > 0) this.logger.log({ count: done }, 'expired unpaid orders');
    return done;
  }

  /** Moves the payables of completed orders from held to available once delivery plus the hold period has passed. */
  releasePayables(): Promise<number> {
    return this.inBatches(
      (em) => this.orders.claimReleasable(em, this.config.orders.payableHoldDays, BATCH),
      (em, order) => this.lifecycle.releasePayable(em, order),
      'released payables',
    );
  }

  /** Completes delivered orders the buyer did not confirm in time. */
  autoComplete(): Promise<number> {
    return this.inBatches(
      (em) => this.orders.claimUnconfirmed(em, this.config.orders.autoCompleteDays, BATCH),
      (em, order) => this.lifecycle.move(em, order, 'completed', null, 'AUTO_COMPLETED'),
      'auto-completed orders',
    );
  }

  /**
   * Reminds the store of a delivered cash-on-delivery order whose cash it has not recorded
   * COD_CASH_REMINDER_DAYS after delivery: such an order stays delivered (never completed, never
   * paid out) until the cash is in. Once: the reminder is stamped in the claiming transaction.
   */
  remindUncollectedCash(): Promise<number> {
    return this.inBatches(
      (em) => this.orders.claimDueForCashReminder(em, this.config.orders.cashReminderDays, BATCH),
      (em, order) => this.deadlines.remindCashUncollected(em, order),
      'reminded stores of cash on delivery not recorded',
    );
  }

  /** Reminds stores at half a perishable order's shipping window; cancels and refunds it past the deadline. */
  async enforceShippingDeadlines(): Promise<number> {
    const cancelled = await this.inBatches(
      (em) => this.orders.claimPastShippingDeadline(em, this.config.orders.shippingDeadlineGraceHours, BATCH),
      (em, order) => this.deadlines.cancelMissed(em, order),
      'cancelled orders that missed their shipping deadline',
    );
    const reminded = await this.inBatches(
      (em) => this.orders.claimDueForShippingReminder(em, BATCH),
      (em, order) => this.deadlines.remind(em, order),
      'reminded stores of shipping deadlines',
    );
    return cancelled + reminded;
  }

  private async inBatches(
    claim: (em: EntityManager) => Promise<Order[]>,
    handle: (em: EntityManager, order: Order) => Promise<void>,
    what: string,
  ): Promise<number> {
    let done = 0;
    for (;;) {
      const count = await this.orders.transaction(async (em) => {
        const claimed = await claim(em);
        for (const order of claimed) await handle(em, order);
        return claimed.length;
      });
      done += count;
      if (count < BATCH) break;
    }
    if (done > 0) this.logger.log({ count: done }, what);
    return done;
  }
}
