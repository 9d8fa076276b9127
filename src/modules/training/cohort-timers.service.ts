import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CohortNotices } from './cohort-notices.service';
import { CohortsRepository, ReminderWindow } from './cohorts.repository';
import { EnrollmentsRepository } from './enrollments.repository';
import { EnrollmentsService } from './enrollments.service';
import { TrainingLifecycle } from './training-lifecycle.service';

const BATCH = 100;

/**
 * What the training timers do. Safe to run twice and on several workers at once: rows are
 * claimed FOR UPDATE SKIP LOCKED, a cohort starts only while open, and a reminder is stamped
 * in the transaction that records it, so each is sent once.
 */
@Injectable()
export class CohortTimers {
  private readonly logger = new Logger(CohortTimers.name);

  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly lifecycle: TrainingLifecycle,
    private readonly notices: CohortNotices,
    private readonly enrollments: EnrollmentsRepository,
    private readonly enrollmentService: EnrollmentsService,
  ) {}

  /** Open cohorts whose start has come begin running (no actor: the clock did it). */
  startDue(): Promise<number> {
    return this.inBatches(async (em) => {
      const due = await this.cohorts.claimDueToStart(em, BATCH);
      for (const cohort of due) await this.lifecycle.moveCohort(em, cohort, 'running', null);
      return due.length;
    }, 'started cohorts');
  }

  /** Day reminders between an hour and a day ahead, hour reminders within the hour (claimDueReminders). */
  async remindDue(): Promise<number> {
    let sent = 0;
    for (const window of ['hour', 'day'] as const satisfies readonly ReminderWindow[]) {
      sent += await this.inBatches(async (em) => {
        const due = await this.cohorts.claimDueReminders(em, window, BATCH);
        for (const session of due) await this.notices.remind(em, session, window);
        return due.length;
      }, `sent ${window} reminders of sessions`);
    }
    return sent;
  }

  /**
   * Held seats whose time ran out go back, each in its own transaction under its cohort's lock
   * (EnrollmentsService.releaseExpiredHold re-checks it there, so a payment that came first wins).
   */
  async releaseExpiredHolds(): Promise<number> {
    const now = new Date();
    let released = 0;
    for (;;) {
      const due = await this.enrollments.expiredHolds(now, BATCH);
      let round = 0;
      for (const { id } of due) if (await this.enrollmentService.releaseExpiredHold(id, now)) round += 1;
      released += round;
      // A full batch none of which could be released would come back the same: stop rather than spin.
      if (due.length < BATCH || round === 0) break;
    }
    if (released > 0) this.logger.log({ count: released }, 'released unpaid seats');
    return released;
  }

  private async inBatches(batch: (em: EntityManager) => Promise<number>, what: string): Promise<number> {
    let done = 0;
    for (;;) {
      const count = await this.cohorts.transaction(batch);
      done += count;
      if (count < BATCH) break;
    }
    if (done > 0) this.logger.log({ count: done }, what);
    return done;
  }
}
