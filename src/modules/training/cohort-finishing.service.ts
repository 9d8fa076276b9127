import { Injectable } from '@nestjs/common';
import { maskPhone } from '../../common/masking';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { OutboxService } from '../../queue/outbox/outbox.service';
import type { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { groupedCode, newCertificateCode } from './certificate-code';
import { judgeCertificate, type CertificateVerdict } from './certificate-rule';
import { CertificatesRepository } from './certificates.repository';
import { CohortAccess } from './cohort-access.service';
import { assertCohortTransition } from './cohort-state';
import { CohortsRepository } from './cohorts.repository';
import { Certificate } from './entities/certificate.entity';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';
import type { EnrollmentStatus } from './enrollment-state';
import { SeatFees } from './seat-fees.service';
import { TrainingLifecycle } from './training-lifecycle.service';

/** One enrolled trainee as the rule judges them. */
export interface TraineeVerdict {
  enrollment: Enrollment;
  /** The name a certificate would carry. */
  name: string;
  verdict: CertificateVerdict;
}

export interface FinishPreview {
  cohort: Cohort;
  sessions: number;
  trainees: TraineeVerdict[];
  /** Waitlisted ones and seats still unpaid, withdrawn when the cohort finishes. */
  waitlisted: number;
}

export interface FinishOutcome {
  cohort: Cohort;
  completed: number;
  notCompleted: number;
  withdrawn: number;
  certificates: Certificate[];
}

/** Why a waitlisted trainee's enrollment ended, in its history. */
export const COHORT_FINISHED = 'COHORT_FINISHED';

/** Enrollments without a seat of their own when the cohort finishes: the queue, and seats never paid. */
const LEFT_AT_FINISH: EnrollmentStatus[] = ['waitlisted', 'awaiting_payment'];

/**
 * Finishing a running cohort (docs/training.md, "Finishing and certificates"): every enrolled
 * trainee completes or not by the certificate rule, the waitlist (and any seat never paid) is
 * withdrawn, each one who completed gets a certificate and a message, and the seat fees go to
 * the collecting store's available balance, all in one transaction.
 */
@Injectable()
export class CohortFinishing {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly cohorts: CohortsRepository,
    private readonly access: CohortAccess,
    private readonly lifecycle: TrainingLifecycle,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    private readonly seatFees: SeatFees,
  ) {}

  /** Who would complete if the cohort finished now, and what each one lacks. Running cohorts only. */
  async preview(actor: Actor, cohortId: string): Promise<FinishPreview> {
    const em = this.cohorts.manager;
    const cohort = await this.access.manage(actor, cohortId, em);
    assertCohortTransition(cohort.status, 'finished');
    return this.judge(em, cohort);
  }

  /**
   * Running → finished. Under the cohort's lock, so no enrolment, withdrawal or promotion runs
   * between judging and moving; a second finish finds the cohort finished and is refused (409)
   * before anything changes.
   */
  async finish(actor: Actor, cohortId: string): Promise<FinishOutcome> {
    return this.certificates.transaction(async (em) => {
      const locked = await this.access.manageLocked(actor, cohortId, em);
      assertCohortTransition(locked.status, 'finished');
      const { trainees } = await this.judge(em, locked);
      const cohort = await this.lifecycle.moveCohort(em, locked, 'finished', actor.id);
      const waitlisted = await this.certificates.enrollmentsOf(em, cohort.id, LEFT_AT_FINISH);
      for (const enrollment of waitlisted) {
        await this.lifecycle.moveEnrollment(em, enrollment, 'withdrawn', actor.id, COHORT_FINISHED);
      }
      const issued: Certificate[] = [];
      for (const { enrollment, name, verdict } of trainees) {
        await this.lifecycle.moveEnrollment(
          em,
          enrollment,
          verdict.completed ? 'completed' : 'not_completed',
          actor.id,
        );
        if (verdict.completed) issued.push(await this.issue(em, cohort, enrollment, name));
      }
      await this.seatFees.releaseFees(em, cohort);
      return {
        cohort,
        completed: issued.length,
        notCompleted: trainees.length - issued.length,
        withdrawn: waitlisted.length,
        certificates: issued,
      };
    });
  }

  private async issue(em: EntityManager, cohort: Cohort, enrollment: Enrollment, holderName: string) {
    const certificate = await this.certificates.insertCertificate(em, {
      enrollmentId: enrollment.id,
      cohortId: cohort.id,
      traineeId: enrollment.traineeId,
      code: newCertificateCode(),
      holderName,
    });
    await this.outbox.record(em, 'notification.requested', {
      kind: 'certificate.issued',
      recipientUserId: enrollment.traineeId,
      params: { cohortTitle: cohort.title, code: groupedCode(certificate.code) },
    });
    return certificate;
  }

  /** Every enrolled trainee of the cohort with the rule's verdict, read in a handful of queries. */
  private async judge(em: EntityManager, cohort: Cohort): Promise<FinishPreview> {
    const enrolled = await this.certificates.enrollmentsOf(em, cohort.id, ['enrolled']);
    const ids = enrolled.map((e) => e.id);
    // One after another: inside a transaction they share one connection anyway.
    const sessions = await this.cohorts.sessionsOf(cohort.id, em);
    const marks = await this.certificates.marksOf(em, ids);
    const completions = await this.certificates.completionsOf(em, ids);
    const requiredCustom = await this.certificates.requiredCustomOf(em, cohort.id);
    const waitlisted = await this.certificates.enrollmentsOf(em, cohort.id, LEFT_AT_FINISH);
    const sessionIds = sessions.map((s) => s.id);
    const trainees: TraineeVerdict[] = [];
    for (const enrollment of enrolled) {
      const verdict = judgeCertificate({
        minSessionsAttended: cohort.minSessionsAttended,
        requiredAssignments: cohort.requiredAssignments,
        requiredCustom,
        sessionIds,
        marks: marks.filter((m) => m.enrollmentId === enrollment.id),
        completed: completions.filter((c) => c.enrollmentId === enrollment.id).map((c) => c.assignment),
      });
      const user = await this.users.findById(enrollment.traineeId, em);
      trainees.push({ enrollment, name: holderNameOf(user), verdict });
    }
    return { cohort, sessions: sessions.length, trainees, waitlisted: waitlisted.length };
  }
}

/**
 * The name a certificate carries: the trainee's display name; without one, their phone with
 * its middle hidden (138****8000), which names nobody to a stranger; else a neutral "学员".
 */
export function holderNameOf(user: Pick<User, 'displayName' | 'phone'> | null): string {
  const name = user?.displayName?.trim();
  if (name) return name;
  return user?.phone ? maskPhone(user.phone) : '学员';
}
