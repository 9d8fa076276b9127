import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { UsersService } from '../users/users.service';
import { CohortAccess } from './cohort-access.service';
import type { CohortStatus } from './cohort-state';
import { CohortsRepository } from './cohorts.repository';
import type { EnrolDto } from './dto/enrollment.dto';
import { EnrollmentsRepository } from './enrollments.repository';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';
import { TrainingLifecycle } from './training-lifecycle.service';
import { TrainingErrors } from './training.errors';

/** Cohorts whose freed seats go to the waitlist: not before opening, not after the end. */
const SEATS_MOVE: readonly CohortStatus[] = ['open', 'running'];
/** Cohorts a stranger may see (and so enrol in when the window is open). */
const PUBLIC: readonly CohortStatus[] = ['open', 'running', 'finished'];

const ONE_ACTIVE_INDEX = 'enrollments_one_active_per_trainee';

export const EnrollmentErrors = {
  closed: (cohort: Cohort) =>
    new DomainError('conflict', 'ENROLMENT_CLOSED', 'Enrolment in this cohort is not open', {
      status: cohort.status,
      opensAt: cohort.enrolmentOpensAt.toISOString(),
      closesAt: cohort.enrolmentClosesAt.toISOString(),
    }),
  already: () => new DomainError('conflict', 'ALREADY_ENROLLED', 'Already enrolled or waitlisted in this cohort'),
  trainerCannotEnrol: () =>
    new DomainError('conflict', 'TRAINER_CANNOT_ENROL', 'A cohort’s own trainer cannot enrol in it'),
};

/**
 * Enrolment, withdrawal and promotion from the waitlist. Everything that counts seats or queue
 * positions runs under the cohort's row lock (CohortsRepository.lockCohort) in one transaction,
 * so concurrent enrolments see each other's seats and positions stay 1..n.
 */
@Injectable()
export class EnrollmentsService {
  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly access: CohortAccess,
    private readonly lifecycle: TrainingLifecycle,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
  ) {}

  /** The caller enrols themself, or a manager enrols someone by phone number. */
  async enrol(actor: Actor, cohortId: string, input: EnrolDto): Promise<Enrollment> {
    try {
      return await this.enrollments.transaction(async (em) => {
        const cohort = await this.cohorts.lockCohort(em, cohortId);
        const manages = cohort !== null && this.access.mayManage(actor, cohort);
        if (!cohort || (!manages && (input.phone !== undefined || !PUBLIC.includes(cohort.status)))) {
          throw TrainingErrors.cohortNotFound();
        }
        assertEnrolmentOpen(cohort, new Date());
        const traineeId = input.phone ? await this.traineeByPhone(em, input.phone, input.displayName) : actor.id;
        if (traineeId === cohort.trainerId) throw EnrollmentErrors.trainerCannotEnrol();
        if (await this.enrollments.activeOf(cohort.id, traineeId, em)) throw EnrollmentErrors.already();
        return this.seatOrQueue(em, cohort, traineeId, actor.id);
      });
    } catch (error) {
      // Two enrolments of one trainee cannot both pass the check above under the lock; the index is the backstop.
      if (isViolationOf(error, ONE_ACTIVE_INDEX)) throw EnrollmentErrors.already();
      throw error;
    }
  }

  /** By the trainee or a manager of the cohort; a freed seat is filled by the promotion listener. */
  async withdraw(actor: Actor, enrollmentId: string, reason: string | null): Promise<Enrollment> {
    return this.enrollments.transaction(async (em) => {
      const found = await this.enrollments.findEnrollment(enrollmentId, em);
      if (!found) throw TrainingErrors.enrollmentNotFound();
      const cohort = await this.cohorts.lockCohort(em, found.cohortId);
      // Re-read under the lock: a withdrawal ahead of it may have moved its position while it waited.
      const enrollment = await this.enrollments.findEnrollment(enrollmentId, em);
      if (!cohort || !enrollment) throw TrainingErrors.enrollmentNotFound();
      if (enrollment.traineeId !== actor.id && !this.access.mayManage(actor, cohort)) {
        throw TrainingErrors.enrollmentNotFound();
      }
      const leftQueueAt = enrollment.status === 'waitlisted' ? enrollment.waitlistPosition : null;
      const withdrawn = await this.lifecycle.moveEnrollment(em, enrollment, 'withdrawn', actor.id, reason);
      if (leftQueueAt !== null) await this.enrollments.shiftWaitlist(em, cohort.id, leftQueueAt, 1);
      return withdrawn;
    });
  }

  /**
   * Fills the cohort's free seats from the head of the waitlist, in the caller's transaction
   * (the promotion listener's). A second run finds no free seat, or no one waiting, and does nothing.
   */
  async fillFreeSeats(em: EntityManager, cohortId: string): Promise<Enrollment[]> {
    const cohort = await this.cohorts.lockCohort(em, cohortId);
    if (!cohort || !SEATS_MOVE.includes(cohort.status)) return [];
    const { enrolled } = await this.enrollments.countByStatus(cohort.id, em);
    const free = cohort.capacity - enrolled;
    if (free <= 0) return [];
    const head = await this.enrollments.waitlistHead(em, cohort.id, free);
    if (head.length === 0) return [];
    const promoted: Enrollment[] = [];
    for (const enrollment of head) {
      promoted.push(
        await this.lifecycle.moveEnrollment(em, enrollment, 'enrolled', null, 'promoted from the waitlist'),
      );
      await this.outbox.record(em, 'notification.requested', {
        kind: 'cohort.promoted',
        recipientUserId: enrollment.traineeId,
        params: { cohortTitle: cohort.title, startsAt: cohort.startsAt.toISOString() },
      });
    }
    await this.enrollments.shiftWaitlist(em, cohort.id, head.length, head.length);
    return promoted;
  }

  /**
   * A seat while one is free and nobody waits for it, else the end of the queue; the trainee
   * hears which. A seat freed while people wait is theirs (the promotion listener gives it to the
   * head of the queue after the withdrawal commits), never a newcomer's.
   */
  private async seatOrQueue(em: EntityManager, cohort: Cohort, traineeId: string, actorId: string) {
    // Seats free while people wait (a promotion still on its way, or given up): theirs first.
    await this.fillFreeSeats(em, cohort.id);
    const counts = await this.enrollments.countByStatus(cohort.id, em);
    const seat = counts.enrolled < cohort.capacity && counts.waitlisted === 0;
    const enrollment = await this.lifecycle.startEnrollment(
      em,
      {
        cohortId: cohort.id,
        traineeId,
        enrolledBy: actorId,
        status: seat ? 'enrolled' : 'waitlisted',
        waitlistPosition: seat ? null : counts.waitlisted + 1,
        seatConfirmedAt: seat ? new Date() : null,
      },
      actorId,
    );
    await this.outbox.record(
      em,
      'notification.requested',
      seat
        ? {
            kind: 'cohort.enrolled',
            recipientUserId: traineeId,
            params: { cohortTitle: cohort.title, startsAt: cohort.startsAt.toISOString() },
          }
        : {
            kind: 'cohort.waitlisted',
            recipientUserId: traineeId,
            params: { cohortTitle: cohort.title, position: enrollment.waitlistPosition! },
          },
    );
    return enrollment;
  }

  /**
   * The account of a phone number, made when there is none: with no password, it signs in by
   * SMS code like any account first seen at the phone login.
   */
  private async traineeByPhone(em: EntityManager, phone: string, displayName?: string): Promise<string> {
    const existing = await this.users.findByLogin({ phone });
    if (existing) return existing.id;
    const created = await this.users.create(em, { phone, passwordHash: null, displayName }).catch(async (error) => {
      // Made at the same moment by a phone login or another enrolment: use that account.
      if (!(error instanceof DomainError) || error.code !== 'PHONE_TAKEN') throw error;
      const raced = await this.users.findByLogin({ phone });
      if (!raced) throw error;
      return raced;
    });
    return created.id;
  }
}

/** Cohorts taking enrolments inside their window: open, or already running (late joiners until the window ends). */
const ENROLLING: readonly CohortStatus[] = ['open', 'running'];

/** Open or running, and now inside [enrolmentOpensAt, enrolmentClosesAt). */
export function isEnrolmentOpen(cohort: Cohort, now: Date): boolean {
  return ENROLLING.includes(cohort.status) && now >= cohort.enrolmentOpensAt && now < cohort.enrolmentClosesAt;
}

function assertEnrolmentOpen(cohort: Cohort, now: Date): void {
  if (!isEnrolmentOpen(cohort, now)) throw EnrollmentErrors.closed(cohort);
}

function isViolationOf(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && driver.constraint === constraint;
}
