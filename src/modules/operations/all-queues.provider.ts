import { getQueueToken } from '@nestjs/bullmq';
import { Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../queue/queue-names';

/** Every queue of QueueName, as the queue module registered them (Redis or PostgreSQL backend). */
export const ALL_QUEUES = Symbol('ALL_QUEUES');

export const allQueuesProvider: Provider = {
  provide: ALL_QUEUES,
  inject: Object.values(QueueName).map((name) => getQueueToken(name)),
  useFactory: (...queues: Queue[]) => queues,
};
