import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/auth.decorators';
import { maskPhone } from '../../common/masking';
import { CohortAccess } from './cohort-access.service';
import { CohortsRepository } from './cohorts.repository';
import { SEAT_HOLDERS, seatsLeft, type AttendanceMark } from './enrollment-state';
import { EnrollmentsRepository, type TraineeContact } from './enrollments.repository';
import { CohortSession } from './entities/cohort-session.entity';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';
import { TrainingErrors } from './training.errors';

/** A trainee as the cohort's trainer sees them: a name and a masked number, never the whole number. */
export interface RosterEntry {
  enrollment: Enrollment;
  displayName: string | null;
  phoneMasked: string | null;
}

export interface Roster {
  cohort: Cohort;
  /** Seats confirmed, seats held while their fee is paid, and people waiting. */
  enrolledCount: number;
  awaitingPaymentCount: number;
  waitlistLength: number;
  entries: RosterEntry[];
}

/** What anyone may know of a cohort's seats. */
export interface SeatSummary {
  capacity: number;
  enrolledCount: number;
  awaitingPaymentCount: number;
  seatsLeft: number;
  waitlistLength: number;
}

export interface MyEnrollment {
  enrollment: Enrollment;
  cohort: Cohort;
  nextSession: CohortSession | null;
}

export interface MyEnrollmentDetail {
  enrollment: Enrollment;
  cohort: Cohort;
  sessions: Array<{ session: CohortSession; mark: AttendanceMark | null }>;
  attendedCount: number;
}

export function contactShown(contact: TraineeContact | undefined) {
  return { displayName: contact?.displayName ?? null, phoneMasked: contact?.phone ? maskPhone(contact.phone) : null };
}

/** Reading enrollments: the trainer's roster, a cohort's seats, and a trainee's own schedule. */
@Injectable()
export class EnrollmentViews {
  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly access: CohortAccess,
  ) {}

  /** Everyone in the cohort, for its trainer (or an admin); anyone else gets COHORT_NOT_FOUND. */
  async roster(actor: Actor, cohortId: string): Promise<Roster> {
    const cohort = await this.access.manage(actor, cohortId);
    const entries = await this.enrollments.rosterOf(cohort.id);
    const contacts = await this.enrollments.contactsOf(entries.map((e) => e.traineeId));
    const counts = await this.enrollments.countByStatus(cohort.id);
    return {
      cohort,
      enrolledCount: counts.enrolled,
      awaitingPaymentCount: counts.awaiting_payment,
      waitlistLength: counts.waitlisted,
      entries: entries.map((enrollment) => ({ enrollment, ...contactShown(contacts.get(enrollment.traineeId)) })),
    };
  }

  async seats(cohort: Cohort): Promise<SeatSummary> {
    const counts = await this.enrollments.countByStatus(cohort.id);
    return {
      capacity: cohort.capacity,
      enrolledCount: counts.enrolled,
      awaitingPaymentCount: counts.awaiting_payment,
      seatsLeft: seatsLeft(cohort.capacity, {
        enrolled: counts.enrolled,
        awaitingPayment: counts.awaiting_payment,
        waitlisted: counts.waitlisted,
      }),
      waitlistLength: counts.waitlisted,
    };
  }

  /** The person's enrolled or waitlisted place in the cohort, if they have one. */
  activeOf(userId: string, cohortId: string): Promise<Enrollment | null> {
    return this.enrollments.activeOf(cohortId, userId);
  }

  /** The caller's enrollments, newest first, each with its cohort and the next session. */
  async mine(actor: Actor): Promise<MyEnrollment[]> {
    const enrollments = await this.enrollments.ofTrainee(actor.id);
    const cohortIds = [...new Set(enrollments.map((e) => e.cohortId))];
    const cohorts = new Map((await this.enrollments.cohortsByIds(cohortIds)).map((c) => [c.id, c]));
    const next = await this.enrollments.nextSessions(cohortIds, new Date());
    return enrollments
      .filter((e) => cohorts.has(e.cohortId))
      .map((enrollment) => ({
        enrollment,
        cohort: cohorts.get(enrollment.cohortId)!,
        nextSession: forTrainee(enrollment, next.get(enrollment.cohortId) ?? null),
      }));
  }

  /** One of the caller's own enrollments with the schedule and the caller's own marks; else ENROLLMENT_NOT_FOUND. */
  async mineDetail(actor: Actor, enrollmentId: string): Promise<MyEnrollmentDetail> {
    const enrollment = await this.enrollments.findEnrollment(enrollmentId);
    if (!enrollment || enrollment.traineeId !== actor.id) throw TrainingErrors.enrollmentNotFound();
    const cohort = await this.cohorts.findCohort(enrollment.cohortId);
    if (!cohort) throw TrainingErrors.enrollmentNotFound();
    const marks = new Map((await this.enrollments.marksOfEnrollment(enrollment.id)).map((a) => [a.sessionId, a.mark]));
    const sessions = (await this.cohorts.sessionsOf(cohort.id)).map((session) => ({
      session: forTrainee(enrollment, session)!,
      mark: marks.get(session.id) ?? null,
    }));
    const attended = await this.enrollments.attendedCounts([enrollment.id]);
    return { enrollment, cohort, sessions, attendedCount: attended.get(enrollment.id) ?? 0 };
  }
}

/** An online class's link is for those holding a seat: not for the waitlist or those who left. */
function forTrainee(enrollment: Enrollment, session: CohortSession | null): CohortSession | null {
  if (!session || SEAT_HOLDERS.includes(enrollment.status)) return session;
  return { ...session, link: null };
}
