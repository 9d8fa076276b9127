import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { OutboxEnvelope } from '../../queue/event-map';
import { OnOutboxEvent } from '../../queue/outbox/on-outbox-event.decorator';
import { JobName, QueueName } from '../../queue/queue-names';
import { ShipmentTracking } from './shipment-tracking.service';
import { TrackingPoller } from './tracking-poller.service';
import { TrackingWebhooks } from './tracking-webhooks.service';

const POLL_TRACKING: JobName<'logistics'> = 'logistics.poll-tracking';

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
  constructor(private readonly poller: TrackingPoller) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name === POLL_TRACKING) return this.poller.pollDue();
    throw new Error(`unknown logistics job ${job.name}`);
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
