import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { CohortsRepository, ReminderWindow } from './cohorts.repository';
import { CohortSession } from './entities/cohort-session.entity';
import { Cohort } from './entities/cohort.entity';

/**
 * The messages trainees get about a cohort as a whole: its cancellation and its sessions'
 * reminders. Each is a `notification.requested` recorded in the caller's transaction;
 * notifications applies the trainee's own channel choices (category `training`).
 */
@Injectable()
export class CohortNotices {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Tells each trainee the cancellation withdrew, in the cancellation's own transaction: the
   * message commits with the withdrawal, once, and nobody who had left before hears of it.
   */
  async tellCancelled(em: EntityManager, cohort: Cohort, traineeIds: string[]): Promise<void> {
    for (const recipientUserId of traineeIds) {
      await this.outbox.record(em, 'notification.requested', {
        kind: 'cohort.cancelled',
        recipientUserId,
        params: { cohortTitle: cohort.title, reason: cohort.cancelReason ?? '' },
      });
    }
  }

  /** Reminds each trainee holding a seat of a claimed session, and stamps it (the caller holds its row lock). */
  async remind(em: EntityManager, session: CohortSession, window: ReminderWindow): Promise<void> {
    const cohort = await this.cohorts.findCohort(session.cohortId, em);
    if (cohort) {
      for (const recipientUserId of await this.cohorts.enrolledTraineeIds(em, cohort.id)) {
        await this.outbox.record(em, 'notification.requested', {
          kind: 'cohort.session-reminder',
          recipientUserId,
          params: {
            cohortTitle: cohort.title,
            topic: session.topic,
            startsAt: session.startsAt.toISOString(),
            where: session.place ?? session.link ?? '',
          },
        });
      }
    }
    await this.cohorts.stampReminder(em, session.id, window);
  }
}
