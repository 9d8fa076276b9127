import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { JobName, JobPayload, QueueName } from '../../queue/queue-names';
import { ShipmentTracking } from './shipment-tracking.service';
import { TrackingPoller } from './tracking-poller.service';
import { TrackingSubscriptions } from './tracking-subscriptions.service';
import { TrackingWebhooks } from './tracking-webhooks.service';

const POLL_TRACKING: JobName<'logistics'> = 'logistics.poll-tracking';
const SUBSCRIBE_TRACKING: JobName<'logistics'> = 'logistics.subscribe-tracking';

/** Installs the repeating tracking poll once (a job scheduler runs once across all workers). */
@Injectable()
export class TrackingPollScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.logistics) private readonly logistics: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.logistics.upsertJobScheduler(
      POLL_TRACKING,
      { every: this.config.logistics.pollIntervalMinutes * 60_000 },
      { name: POLL_TRACKING, data: {} },
    );
  }
}

@Processor(QueueName.logistics)
export class LogisticsProcessor extends WorkerHost {
  constructor(
    private readonly poller: TrackingPoller,
    private readonly subscriptions: TrackingSubscriptions,
  ) {
    super();
  }

  async process(job: Job): Promise<number | boolean> {
    if (job.name === POLL_TRACKING) return this.poller.pollDue();
    if (job.name === SUBSCRIBE_TRACKING) {
      return this.subscriptions.subscribe(
        (job.data as JobPayload<'logistics', 'logistics.subscribe-tracking'>).orderId,
      );
    }
    throw new Error(`unknown logistics job ${job.name}`);
  }
}

/**
 * A shipped order's parcel is subscribed at the tracking provider by a job (the call must not run
 * inside this delivery's transaction); the job id is the order's, so a re-delivery adds nothing.
 */
@Injectable()
export class TrackingSubscriptionListener {
  constructor(@InjectQueue(QueueName.logistics) private readonly logistics: Queue) {}

  @OnOutboxEvent('order.shipped')
  async subscribe(event: OutboxEnvelope<'order.shipped'>): Promise<void> {
    const data: JobPayload<'logistics', typeof SUBSCRIBE_TRACKING> = { orderId: event.payload.orderId };
    await this.logistics.add(SUBSCRIBE_TRACKING, data, { jobId: `subscribe-tracking-${event.payload.orderId}` });
  }
}

/** Pushed tracking updates are applied from the outbox: exactly once, in one transaction. */
@Injectable()
export class TrackingUpdatesListener {
  constructor(private readonly webhooks: TrackingWebhooks) {}

  @OnOutboxEvent('tracking.update-received')
  async apply(event: OutboxEnvelope<'tracking.update-received'>, em: EntityManager): Promise<void> {
    await this.webhooks.apply(em, event.payload.trackingUpdateId);
  }
}

/** An order delivered on the buyer's word brings its parcel along (see ShipmentTracking.deliveredPerBuyer). */
@Injectable()
export class OrderDeliveredListener {
  constructor(private readonly tracking: ShipmentTracking) {}

  @OnOutboxEvent('order.delivered')
  async delivered(event: OutboxEnvelope<'order.delivered'>, em: EntityManager): Promise<void> {
    await this.tracking.deliveredPerBuyer(em, event.payload.orderId, event.occurredAt);
  }
}
