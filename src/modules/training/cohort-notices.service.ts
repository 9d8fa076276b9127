import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { CohortsRepository, ReminderWindow } from './cohorts.repository';
import { CohortSession } from './entities/cohort-session.entity';

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
   * Tells everyone whose seat or place the cancellation withdrew, once each. The recipients are
   * read back from the withdrawals of that cancellation (their history rows), so a second run
   * finds exactly the same people; the outbox keeps one delivery per event and listener, and
   * notifications one notification per (event, recipient), so nobody hears it twice.
   */
  async tellCancelled(em: EntityManager, cohortId: string): Promise<number> {
    const cohort = await this.cohorts.findCohort(cohortId, em);
    if (!cohort || cohort.status !== 'cancelled') return 0;
    const trainees = await this.cohorts.traineesWithdrawnByCancellation(em, cohort.id);
    for (const recipientUserId of trainees) {
      await this.outbox.record(em, 'notification.requested', {
        kind: 'cohort.cancelled',
        recipientUserId,
        params: { cohortTitle: cohort.title, reason: cohort.cancelReason ?? '' },
      });
    }
    return trainees.length;
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
