import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { JobName, QueueName } from '../../queue/queue-names';
import { LiveSessionTimers } from './live-session-timers.service';

const END_OVERDUE: JobName<'livestreams'> = 'livestreams.end-overdue';

/** Installs the repeating livestream timer once (a job scheduler runs once across all workers). */
@Injectable()
export class LiveSessionTimersScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.livestreams) private readonly livestreams: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.livestreams.timerSweepSeconds * 1000;
    await this.livestreams.upsertJobScheduler(END_OVERDUE, { every }, { name: END_OVERDUE, data: {} });
  }
}

@Processor(QueueName.livestreams)
export class LiveSessionTimersProcessor extends WorkerHost {
  constructor(private readonly timers: LiveSessionTimers) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name === END_OVERDUE) return this.timers.endOverdue();
    throw new Error(`unknown livestreams job ${job.name}`);
  }
}
