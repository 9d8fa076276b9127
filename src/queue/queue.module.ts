import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutboxService } from './outbox/outbox.service';
import { queueRootOptions } from './queue-connection';
import { QueueName } from './queue-names';

/** Defaults for every job: bounded retries with exponential backoff; failed jobs are kept. */
const defaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

/** Queues for both processes, and the outbox writer every module uses. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...queueRootOptions(config), defaultJobOptions }) as never,
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [OutboxService],
  exports: [OutboxService, BullModule],
})
export class QueueModule {}
