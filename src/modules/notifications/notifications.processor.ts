import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobPayload, QueueName } from '../../queue/queue-names';
import { DeliverySenderService, SendOutcome } from './delivery-sender.service';

/**
 * Sends SMS and e-mail deliveries. A thrown error is retried by the queue with exponential
 * backoff (8 attempts, queue defaults); the last one leaves the delivery `failed`.
 */
@Processor(QueueName.notifications, { concurrency: 8 })
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly sender: DeliverySenderService) {
    super();
  }

  async process(job: Job<JobPayload<'notifications', 'notifications.send-delivery'>>): Promise<SendOutcome> {
    if (job.name !== 'notifications.send-delivery') throw new Error(`unknown notifications job ${job.name}`);
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.sender.send(job.data.deliveryId, finalAttempt);
  }
}
