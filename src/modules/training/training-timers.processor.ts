import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { JobName, QueueName } from '../../queue/queue-names';
import { CohortTimers } from './cohort-timers.service';

const REMIND_SESSIONS: JobName<'training'> = 'training.remind-sessions';
const START_COHORTS: JobName<'training'> = 'training.start-cohorts';
const RELEASE_SEAT_HOLDS: JobName<'training'> = 'training.release-seat-holds';

/** Installs the repeating training timers once (a job scheduler runs once across all workers). */
@Injectable()
export class TrainingTimersScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.training) private readonly training: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.training.timerSweepSeconds * 1000;
    await this.training.upsertJobScheduler(START_COHORTS, { every }, { name: START_COHORTS, data: {} });
    await this.training.upsertJobScheduler(REMIND_SESSIONS, { every }, { name: REMIND_SESSIONS, data: {} });
    await this.training.upsertJobScheduler(RELEASE_SEAT_HOLDS, { every }, { name: RELEASE_SEAT_HOLDS, data: {} });
  }
}

/** The training timers: cohorts starting, sessions reminded, unpaid seats released (CohortTimers holds the rules). */
@Processor(QueueName.training)
export class TrainingTimersProcessor extends WorkerHost {
  constructor(private readonly timers: CohortTimers) {
    super();
  }

  async process(job: Job): Promise<number> {
    if (job.name === START_COHORTS) return this.timers.startDue();
    if (job.name === REMIND_SESSIONS) return this.timers.remindDue();
    if (job.name === RELEASE_SEAT_HOLDS) return this.timers.releaseExpiredHolds();
    throw new Error(`unknown training job ${job.name}`);
  }
}
