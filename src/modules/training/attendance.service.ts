import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { CohortAccess } from './cohort-access.service';
import { CohortsRepository } from './cohorts.repository';
import type { SaveAttendanceDto } from './dto/attendance.dto';
import { contactShown } from './enrollment-views.service';
import type { AttendanceMark } from './enrollment-state';
import { EnrollmentsRepository } from './enrollments.repository';
import { CohortSession } from './entities/cohort-session.entity';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';
import { TrainingErrors } from './training.errors';

export interface AttendanceRow {
  enrollment: Enrollment;
  displayName: string | null;
  phoneMasked: string | null;
  mark: AttendanceMark | null;
  /** Sessions attended so far (present or late), across the cohort. */
  attendedCount: number;
}

export interface AttendanceSheet {
  cohort: Cohort;
  session: CohortSession;
  /** Whether marks may be saved now (the session started; the cohort open or running). */
  editable: boolean;
  rows: AttendanceRow[];
}

/** The trainer's attendance sheet: one mark per seat holder per session. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly access: CohortAccess,
  ) {}

  async sheet(actor: Actor, cohortId: string, sessionId: string): Promise<AttendanceSheet> {
    const cohort = await this.access.manage(actor, cohortId);
    const session = await this.cohorts.findSession(cohort.id, sessionId);
    if (!session) throw TrainingErrors.sessionNotFound();
    return this.sheetOf(this.cohorts.manager, cohort, session);
  }

  /**
   * Upserts the marks. Under the cohort lock, so no trainee withdraws between the check that
   * each is enrolled here and the write.
   */
  async save(actor: Actor, cohortId: string, sessionId: string, input: SaveAttendanceDto): Promise<AttendanceSheet> {
    return this.cohorts.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      const session = await this.cohorts.findSession(cohort.id, sessionId, em);
      if (!session) throw TrainingErrors.sessionNotFound();
      assertMarkable(cohort, session, new Date());
      const enrolled = new Set(
        (await this.enrollments.seatHoldersOf(cohort.id, em)).filter((e) => e.status === 'enrolled').map((e) => e.id),
      );
      const strangers = input.marks.map((m) => m.enrollmentId).filter((id) => !enrolled.has(id));
      if (strangers.length > 0) {
        throw new DomainError('validation', 'ENROLLMENT_NOT_IN_COHORT', 'Only trainees enrolled in this cohort', {
          enrollmentIds: strangers,
        });
      }
      await this.enrollments.upsertMarks(em, session.id, input.marks, actor.id);
      return this.sheetOf(em, cohort, session);
    });
  }

  private async sheetOf(em: EntityManager, cohort: Cohort, session: CohortSession): Promise<AttendanceSheet> {
    const holders = await this.enrollments.seatHoldersOf(cohort.id, em);
    const marks = new Map((await this.enrollments.marksOfSession(session.id, em)).map((a) => [a.enrollmentId, a.mark]));
    const attended = await this.enrollments.attendedCounts(
      holders.map((e) => e.id),
      em,
    );
    const contacts = await this.enrollments.contactsOf(holders.map((e) => e.traineeId));
    return {
      cohort,
      session,
      editable: markable(cohort, session, new Date()) === null,
      rows: holders.map((enrollment) => ({
        enrollment,
        ...contactShown(contacts.get(enrollment.traineeId)),
        mark: marks.get(enrollment.id) ?? null,
        attendedCount: attended.get(enrollment.id) ?? 0,
      })),
    };
  }
}

/** Why marks cannot be saved now, or null when they can. */
function markable(cohort: Cohort, session: CohortSession, now: Date): DomainError | null {
  if (cohort.status === 'finished' || cohort.status === 'cancelled') {
    return new DomainError('conflict', 'COHORT_CLOSED', `A ${cohort.status} cohort cannot change`, {
      status: cohort.status,
    });
  }
  if (cohort.status !== 'open' && cohort.status !== 'running') {
    return new DomainError('conflict', 'COHORT_NOT_OPEN', 'The cohort is not open yet', { status: cohort.status });
  }
  if (session.startsAt > now) {
    return new DomainError('conflict', 'SESSION_NOT_STARTED', 'Attendance is taken once the session starts', {
      startsAt: session.startsAt.toISOString(),
    });
  }
  return null;
}

function assertMarkable(cohort: Cohort, session: CohortSession, now: Date): void {
  const refusal = markable(cohort, session, now);
  if (refusal) throw refusal;
}
