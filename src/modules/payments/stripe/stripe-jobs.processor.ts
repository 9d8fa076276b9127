import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../../../config/app-config';
import { JobName, QueueName } from '../../../queue/queue-names';
import { STATUS_OF_INTENT } from './stripe.adapter';
import { STRIPE, type Stripe } from './stripe.client';
import { PayoutsService } from '../ledger/payouts.service';
import { RefundsService } from '../refunds.service';
import { StripeWebhookService } from './stripe-webhook.service';

const RECONCILE: JobName<'payments'> = 'payments.reconcile-stripe';
const SEND_REFUNDS: JobName<'payments'> = 'payments.send-refunds';
const SEND_REFUNDS_EVERY_MS = 30_000;
const RUN_PAYOUTS: JobName<'payments'> = 'payments.run-payouts';
const SEND_PAYOUTS: JobName<'payments'> = 'payments.send-payouts';
const EVERY_MS = 5 * 60_000;
const LOOK_BACK_SECONDS = 2 * 24 * 3600;

@Injectable()
export class StripeJobsScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.payments) private readonly queue: Queue,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Payouts run every night at two, China time, with or without Stripe.
    await this.queue.upsertJobScheduler(
      RUN_PAYOUTS,
      { pattern: '0 2 * * *', tz: 'Asia/Shanghai' },
      { name: RUN_PAYOUTS, data: {} },
    );
    if (!this.stripe) {
      await this.queue.removeJobScheduler(RECONCILE);
      await this.queue.removeJobScheduler(SEND_REFUNDS);
      await this.queue.removeJobScheduler(SEND_PAYOUTS);
      return;
    }
    await this.queue.upsertJobScheduler(RECONCILE, { every: EVERY_MS }, { name: RECONCILE, data: {} });
    await this.queue.upsertJobScheduler(
      SEND_REFUNDS,
      { every: SEND_REFUNDS_EVERY_MS },
      { name: SEND_REFUNDS, data: {} },
    );
    // A Connect transfer an outage left pending is sent again within minutes, with the same
    // idempotency key, while Stripe still remembers it.
    await this.queue.upsertJobScheduler(
      SEND_PAYOUTS,
      { every: this.config.payouts.retryMinutes * 60_000 },
      { name: SEND_PAYOUTS, data: {} },
    );
  }
}

/**
 * The payments queue: the reconciler reads the PaymentIntents of the last two days back from
 * Stripe and applies their state to our payments (whatever a lost or delayed webhook missed);
 * the refund sender sends refunds the worker recorded; the payout sender sends payouts left pending. Network calls happen outside any
 * transaction; each intent is applied in its own.
 */
@Processor(QueueName.payments)
export class StripeJobsProcessor extends WorkerHost {
  private readonly logger = new Logger(StripeJobsProcessor.name);

  constructor(
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    private readonly webhooks: StripeWebhookService,
    private readonly refunds: RefundsService,
    private readonly payouts: PayoutsService,
  ) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name === RECONCILE) return this.reconcile();
    if (job.name === SEND_REFUNDS) return this.refunds.sendPending();
    if (job.name === RUN_PAYOUTS) return (await this.payouts.run()).length;
    if (job.name === SEND_PAYOUTS) return this.payouts.sendTransfers();
    throw new Error(`unknown payments job ${job.name}`);
  }

  async reconcile(): Promise<number> {
    if (!this.stripe) return 0;
    let applied = 0;
    const since = Math.floor(Date.now() / 1000) - LOOK_BACK_SECONDS;
    for await (const intent of this.stripe.paymentIntents.list({ created: { gte: since }, limit: 100 })) {
      const to = STATUS_OF_INTENT[intent.status];
      if (!to || !intent.metadata?.paymentId) continue;
      const changed = await this.webhooks.reconcileIntent(intent, to);
      if (changed) applied++;
    }
    if (applied > 0) this.logger.warn({ applied }, 'reconciled payments a webhook had not updated');
    return applied;
  }
}
