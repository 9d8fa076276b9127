import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { CohortsRepository, ReminderWindow } from './cohorts.repository';
import { CohortSession } from './entities/cohort-session.entity';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';

/**
 * The messages trainees get about a cohort: its cancellation, its sessions' reminders, and
 * what became of their seat and its fee. Each is a `notification.requested` recorded in the caller's transaction;
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

  /** A seat is the trainee's: given free, or its fee paid. */
  async tellEnrolled(em: EntityManager, cohort: Cohort, recipientUserId: string): Promise<void> {
    await this.outbox.record(em, 'notification.requested', {
      kind: 'cohort.enrolled',
      recipientUserId,
      params: { cohortTitle: cohort.title, startsAt: cohort.startsAt.toISOString() },
    });
  }

  async tellPromoted(em: EntityManager, cohort: Cohort, recipientUserId: string): Promise<void> {
    await this.outbox.record(em, 'notification.requested', {
      kind: 'cohort.promoted',
      recipientUserId,
      params: { cohortTitle: cohort.title, startsAt: cohort.startsAt.toISOString() },
    });
  }

  async tellWaitlisted(em: EntityManager, cohort: Cohort, recipientUserId: string, position: number): Promise<void> {
    await this.outbox.record(em, 'notification.requested', {
      kind: 'cohort.waitlisted',
      recipientUserId,
      params: { cohortTitle: cohort.title, position },
    });
  }

  /** A seat is held for the trainee until they pay (on enrolment, or moved up from the waitlist). */
  async tellSeatHeld(em: EntityManager, cohort: Cohort, enrollment: Enrollment): Promise<void> {
    await this.outbox.record(em, 'notification.requested', {
      kind: 'cohort.seat-held',
      recipientUserId: enrollment.traineeId,
      params: {
        cohortTitle: cohort.title,
        amountFen: enrollment.seatFeeFen,
        heldUntil: enrollment.seatHeldUntil!.toISOString(),
      },
    });
  }

  async tellSeatExpired(em: EntityManager, cohort: Cohort, recipientUserId: string): Promise<void> {
    await this.outbox.record(em, 'notification.requested', {
      kind: 'cohort.seat-expired',
      recipientUserId,
      params: { cohortTitle: cohort.title },
    });
  }

  async tellSeatRefunded(em: EntityManager, cohort: Cohort, recipientUserId: string, amountFen: number): Promise<void> {
    await this.outbox.record(em, 'notification.requested', {
      kind: 'cohort.seat-refunded',
      recipientUserId,
      params: { cohortTitle: cohort.title, amountFen },
    });
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
