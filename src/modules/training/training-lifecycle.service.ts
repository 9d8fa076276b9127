import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { assertCohortTransition, CohortStatus } from './cohort-state';
import { CohortsRepository } from './cohorts.repository';
import { Cohort } from './entities/cohort.entity';
import { EnrollmentStatusChange } from './entities/enrollment-status-change.entity';
import { Enrollment } from './entities/enrollment.entity';
import { assertEnrollmentTransition, EnrollmentStatus } from './enrollment-state';

/**
 * The one place cohorts and enrollments change status: checked against the transition table,
 * kept in the history, and announced through the outbox, all in the caller's transaction.
 */
@Injectable()
export class TrainingLifecycle {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly outbox: OutboxService,
  ) {}

  async moveCohort(
    em: EntityManager,
    cohort: Cohort,
    to: CohortStatus,
    actorId: string | null,
    reason: string | null = null,
  ): Promise<Cohort> {
    const from = cohort.status;
    assertCohortTransition(from, to);
    cohort.status = to;
    if (to === 'cancelled') cohort.cancelReason = reason;
    if (to === 'finished') cohort.finishedAt = new Date();
    const saved = await this.cohorts.saveCohort(em, cohort);
    await this.cohorts.recordStatusChange(em, { cohortId: cohort.id, fromStatus: from, toStatus: to, actorId, reason });
    await this.outbox.record(em, 'cohort.status-changed', { cohortId: cohort.id, from, to, actorId });
    return saved;
  }

  /** Records a new enrollment (enrolled or waitlisted) with its first history row. */
  async startEnrollment(em: EntityManager, enrollment: Partial<Enrollment>, actorId: string): Promise<Enrollment> {
    const saved = await em.getRepository(Enrollment).save(em.getRepository(Enrollment).create(enrollment));
    await this.recordEnrollment(em, saved, null, actorId, null);
    return saved;
  }

  async moveEnrollment(
    em: EntityManager,
    enrollment: Enrollment,
    to: EnrollmentStatus,
    actorId: string | null,
    reason: string | null = null,
  ): Promise<Enrollment> {
    const from = enrollment.status;
    assertEnrollmentTransition(from, to);
    enrollment.status = to;
    if (to !== 'waitlisted') enrollment.waitlistPosition = null;
    if (to === 'enrolled') enrollment.seatConfirmedAt = new Date();
    // A hold ends with the status that carried it (paid, released, or given up).
    if (to !== 'awaiting_payment') enrollment.seatHeldUntil = null;
    const saved = await em.getRepository(Enrollment).save(enrollment);
    await this.recordEnrollment(em, saved, from, actorId, reason);
    return saved;
  }

  private async recordEnrollment(
    em: EntityManager,
    enrollment: Enrollment,
    from: EnrollmentStatus | null,
    actorId: string | null,
    reason: string | null,
  ): Promise<void> {
    await em.getRepository(EnrollmentStatusChange).insert({
      enrollmentId: enrollment.id,
      fromStatus: from,
      toStatus: enrollment.status,
      actorId,
      reason,
    });
    const cohort = await this.cohorts.findCohort(enrollment.cohortId, em);
    await this.outbox.record(em, 'enrollment.status-changed', {
      enrollmentId: enrollment.id,
      cohortId: enrollment.cohortId,
      traineeId: enrollment.traineeId,
      trainerId: cohort!.trainerId,
      from,
      to: enrollment.status,
    });
  }
}
