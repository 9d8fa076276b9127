import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobPayload, QueueName } from '../queue-names';
import { OutboxDispatcher } from './outbox-dispatcher.service';

@Processor(QueueName.events, { concurrency: 8 })
export class EventsProcessor extends WorkerHost {
  constructor(private readonly dispatcher: OutboxDispatcher) {
    super();
  }

  async process(job: Job<JobPayload<'events', 'outbox.dispatch-event'>>): Promise<void> {
    await this.dispatcher.dispatch(job.data.eventId);
  }
}
