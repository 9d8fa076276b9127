import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUniqueViolationOf } from '../../database/unique-violation';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { UsersService } from '../users/users.service';
import { CohortAccess } from './cohort-access.service';
import { CohortNotices } from './cohort-notices.service';
import type { CohortStatus } from './cohort-state';
import { CohortsRepository } from './cohorts.repository';
import type { EnrolDto } from './dto/enrollment.dto';
import { EnrollmentsRepository } from './enrollments.repository';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';
import { seatsTaken } from './enrollment-state';
import { SeatFees } from './seat-fees.service';
import { TrainingLifecycle } from './training-lifecycle.service';
import { TrainingErrors } from './training.errors';

/** Cohorts whose freed seats go to the waitlist: not before opening, not after the end. */
const SEATS_MOVE: readonly CohortStatus[] = ['open', 'running'];
/** Cohorts a stranger may see (and so enrol in when the window is open). */
const PUBLIC: readonly CohortStatus[] = ['open', 'running', 'finished'];

const ONE_ACTIVE_INDEX = 'enrollments_one_active_per_trainee';

/** Why a paid seat's fee went back on a withdrawal (refunds.reason). */
const SEAT_GIVEN_UP = 'SEAT_GIVEN_UP_BEFORE_START';
const SEAT_TAKEN_BY_TRAINER = 'SEAT_WITHDRAWN_BY_TRAINER';

export const EnrollmentErrors = {
  closed: (cohort: Cohort) =>
    new DomainError('conflict', 'ENROLMENT_CLOSED', 'Enrolment in this cohort is not open', {
      status: cohort.status,
      opensAt: cohort.enrolmentOpensAt.toISOString(),
      closesAt: cohort.enrolmentClosesAt.toISOString(),
    }),
  already: () =>
    new DomainError('conflict', 'ALREADY_ENROLLED', 'Already enrolled, holding a seat or waitlisted in this cohort'),
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
    private readonly notices: CohortNotices,
    private readonly seatFees: SeatFees,
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
        const active = await this.enrollments.activeOf(cohort.id, traineeId, em);
        // A held seat whose time ran out goes back now rather than at the timer's next sweep, so
        // enrolling again works at once (at the end of the queue, if anyone waits).
        if (active && !(await this.seatFees.endHold(em, cohort, active, new Date()))) throw EnrollmentErrors.already();
        return this.seatOrQueue(em, cohort, traineeId, actor.id);
      });
    } catch (error) {
      // Two enrolments of one trainee cannot both pass the check above under the lock; the index is the backstop.
      if (isUniqueViolationOf(error, ONE_ACTIVE_INDEX)) throw EnrollmentErrors.already();
      throw error;
    }
  }

  /**
   * By the trainee or a manager of the cohort; a freed seat is filled by the promotion listener.
   * A paid seat's fee goes back when the trainee leaves before the cohort starts, or whenever
   * the trainer takes the seat away (docs/training.md, "Seat fees").
   */
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
      const byTrainer = enrollment.traineeId !== actor.id;
      // By the clock, not the status: a trainer starting the cohort early takes no refund away.
      if (byTrainer || new Date() < cohort.startsAt) {
        await this.seatFees.refundSeat(em, withdrawn, byTrainer ? SEAT_TAKEN_BY_TRAINER : SEAT_GIVEN_UP, actor.id);
      }
      return withdrawn;
    });
  }

  /**
   * Fills the cohort's free seats from the head of the waitlist, in the caller's transaction
   * (the promotion listener's): a seat, or in a cohort with a seat fee a seat held while they
   * pay. A second run finds no free seat, or no one waiting, and does nothing.
   */
  async fillFreeSeats(em: EntityManager, cohortId: string): Promise<Enrollment[]> {
    const cohort = await this.cohorts.lockCohort(em, cohortId);
    if (!cohort || !SEATS_MOVE.includes(cohort.status)) return [];
    const free = cohort.capacity - seatsTaken(await this.cohorts.seatCounts(cohort.id, em));
    if (free <= 0) return [];
    const head = await this.enrollments.waitlistHead(em, cohort.id, free);
    if (head.length === 0) return [];
    const promoted: Enrollment[] = [];
    const now = new Date();
    for (const enrollment of head) {
      const seat = this.seatFees.seatFor(cohort, now);
      Object.assign(enrollment, { seatFeeFen: seat.seatFeeFen, seatHeldUntil: seat.seatHeldUntil });
      const moved = await this.lifecycle.moveEnrollment(
        em,
        enrollment,
        seat.status,
        null,
        'promoted from the waitlist',
      );
      promoted.push(moved);
      if (moved.status === 'awaiting_payment') await this.notices.tellSeatHeld(em, cohort, moved);
      else await this.notices.tellPromoted(em, cohort, moved.traineeId);
    }
    await this.enrollments.shiftWaitlist(em, cohort.id, head.length, head.length);
    return promoted;
  }

  /**
   * A held seat whose time ran out goes back (the promotion listener gives it to the queue),
   * unless its money came in time (SeatFees.endHold). Run by the timer, one enrollment per
   * transaction under its cohort's lock; a second run finds nothing to release.
   */
  async releaseExpiredHold(enrollmentId: string, now: Date): Promise<boolean> {
    return this.enrollments.transaction(async (em) => {
      const found = await this.enrollments.findEnrollment(enrollmentId, em);
      const cohort = found && (await this.cohorts.lockCohort(em, found.cohortId));
      const enrollment = cohort && (await this.enrollments.findEnrollment(enrollmentId, em));
      if (!cohort || !enrollment || enrollment.status !== 'awaiting_payment') return false;
      return this.seatFees.endHold(em, cohort, enrollment, now);
    });
  }

  /**
   * A seat while one is free and nobody waits for it (held while its fee is paid, in a cohort
   * with one), else the end of the queue; the trainee hears which. A seat freed while people
   * wait is theirs (the promotion listener gives it to the head of the queue after the
   * withdrawal commits), never a newcomer's.
   */
  private async seatOrQueue(em: EntityManager, cohort: Cohort, traineeId: string, actorId: string) {
    // Seats free while people wait (a promotion still on its way, or given up): theirs first.
    await this.fillFreeSeats(em, cohort.id);
    const counts = await this.cohorts.seatCounts(cohort.id, em);
    const free = seatsTaken(counts) < cohort.capacity && counts.waitlisted === 0;
    const now = new Date();
    const seat = free ? this.seatFees.seatFor(cohort, now) : null;
    const enrollment = await this.lifecycle.startEnrollment(
      em,
      {
        cohortId: cohort.id,
        traineeId,
        enrolledBy: actorId,
        status: seat ? seat.status : 'waitlisted',
        waitlistPosition: seat ? null : counts.waitlisted + 1,
        seatConfirmedAt: seat?.status === 'enrolled' ? now : null,
        seatFeeFen: seat?.seatFeeFen ?? 0,
        seatHeldUntil: seat?.seatHeldUntil ?? null,
      },
      actorId,
    );
    if (enrollment.status === 'enrolled') await this.notices.tellEnrolled(em, cohort, traineeId);
    else if (enrollment.status === 'awaiting_payment') await this.notices.tellSeatHeld(em, cohort, enrollment);
    else await this.notices.tellWaitlisted(em, cohort, traineeId, enrollment.waitlistPosition!);
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
