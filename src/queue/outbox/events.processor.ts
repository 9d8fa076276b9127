import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobPayload, QueueName } from '../queue-names';
import { OutboxDispatcher } from './outbox-dispatcher.service';

// A worker that dies mid-job holds its lock for at most lockDuration; then another worker
// takes the job again (at-least-once). Locks renew every lockDuration / 2 while a job runs.
@Processor(QueueName.events, { concurrency: 8, lockDuration: 10_000, stalledInterval: 5_000 })
export class EventsProcessor extends WorkerHost {
  constructor(private readonly dispatcher: OutboxDispatcher) {
    super();
  }

  async process(job: Job<JobPayload<'events', 'outbox.dispatch-event'>>): Promise<void> {
    await this.dispatcher.dispatch(job.data.eventId);
  }
}
