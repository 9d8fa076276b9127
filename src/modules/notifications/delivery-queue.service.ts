import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, JobPayload, QueueName } from '../../queue/queue-names';

const SEND_DELIVERY: JobName<'notifications'> = 'notifications.send-delivery';

/**
 * A short wait before the first attempt: the job is added just before the listener's
 * transaction commits, and an attempt that ran before the commit would find no row.
 */
const FIRST_ATTEMPT_DELAY_MS = 1_000;

/** Job states in which the delivery's job will still run. */
const LIVE_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/** The `notifications` queue: one job per delivery, job id = delivery id. Worker only. */
@Injectable()
export class DeliveryQueueService {
  constructor(@InjectQueue(QueueName.notifications) private readonly queue: Queue) {}

  /** Adding a delivery whose job exists is a no-op: the job id is the delivery id. */
  async enqueue(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: SEND_DELIVERY,
        data: { deliveryId } satisfies JobPayload<'notifications', typeof SEND_DELIVERY>,
        opts: { jobId: deliveryId, delay: FIRST_ATTEMPT_DELAY_MS },
      })),
    );
  }

  /**
   * Gives an unsent delivery a job again unless one is still waiting or running. A finished job
   * under its id (it ran before the row committed, or died on its last attempt) is replaced:
   * the queue would ignore a new job with the id of one it still keeps. True when it re-enqueued.
   */
  async requeue(deliveryId: string): Promise<boolean> {
    const state = await this.queue.getJobState(deliveryId);
    if (LIVE_STATES.has(state)) return false;
    if (state !== 'unknown') await this.queue.remove(deliveryId);
    await this.queue.add(SEND_DELIVERY, { deliveryId }, { jobId: deliveryId });
    return true;
  }
}
