import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, MoreThan, Not } from 'typeorm';
import { User } from '../users/entities/user.entity';
import {
  ACTIVE_ENROLLMENT,
  ATTENDED,
  SEAT_HOLDERS,
  type AttendanceMark,
  type EnrollmentStatus,
} from './enrollment-state';
import { Attendance } from './entities/attendance.entity';
import { CohortSession } from './entities/cohort-session.entity';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';

/** Who a trainee is, as the trainer's lists show them. */
export interface TraineeContact {
  displayName: string | null;
  phone: string | null;
}

/** Enrollments, the waitlist and attendance marks. */
@Injectable()
export class EnrollmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findEnrollment(id: string, em: EntityManager = this.dataSource.manager): Promise<Enrollment | null> {
    return em.getRepository(Enrollment).findOneBy({ id });
  }

  saveEnrollment(em: EntityManager, enrollment: Enrollment): Promise<Enrollment> {
    return em.getRepository(Enrollment).save(enrollment);
  }

  /** Seats of the cohort whose fee was paid and is still held for the store (whatever became of them). */
  paidSeatsUnreleased(em: EntityManager, cohortId: string): Promise<Enrollment[]> {
    return em.getRepository(Enrollment).find({
      where: { cohortId, seatPaymentId: Not(IsNull()), seatFeeReleasedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  /** Held seats whose time ran out: ids only, each released in its own transaction under its cohort's lock. */
  async expiredHolds(now: Date, limit: number): Promise<Array<{ id: string }>> {
    return this.dataSource.query(
      `SELECT id FROM enrollments WHERE status = 'awaiting_payment' AND seat_held_until <= $1
        ORDER BY seat_held_until, id LIMIT $2`,
      [now, limit],
    );
  }

  /** The trainee's held, enrolled or waitlisted enrollment in the cohort, if any. */
  activeOf(cohortId: string, traineeId: string, em: EntityManager = this.dataSource.manager) {
    return em.getRepository(Enrollment).findOneBy({ cohortId, traineeId, status: In([...ACTIVE_ENROLLMENT]) });
  }

  /** How many enrollments of the cohort are in each status (absent statuses count 0). */
  async countByStatus(
    cohortId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Record<EnrollmentStatus, number>> {
    const rows: Array<{ status: EnrollmentStatus; count: number }> = await em.query(
      `SELECT status, count(*)::int AS count FROM enrollments WHERE cohort_id = $1 GROUP BY status`,
      [cohortId],
    );
    const counts = { awaiting_payment: 0, enrolled: 0, waitlisted: 0, withdrawn: 0, completed: 0, not_completed: 0 };
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }

  /**
   * Moves everyone queued behind position `after` up by `by`. Positions pass through duplicates
   * mid-statement; `enrollments_waitlist_position_key` is deferred, so only the end state counts.
   */
  async shiftWaitlist(em: EntityManager, cohortId: string, after: number, by: number): Promise<void> {
    await em.query(
      `UPDATE enrollments SET waitlist_position = waitlist_position - $3, updated_at = now()
        WHERE cohort_id = $1 AND status = 'waitlisted' AND waitlist_position > $2`,
      [cohortId, after, by],
    );
  }

  /** The first `count` in the queue, position 1 first. */
  waitlistHead(em: EntityManager, cohortId: string, count: number): Promise<Enrollment[]> {
    return em.getRepository(Enrollment).find({
      where: { cohortId, status: 'waitlisted' },
      order: { waitlistPosition: 'ASC' },
      take: count,
    });
  }

  /** Every enrollment of a cohort: seats first (by when they were taken), then the queue, then the rest. */
  async rosterOf(cohortId: string): Promise<Enrollment[]> {
    return this.dataSource
      .getRepository(Enrollment)
      .createQueryBuilder('e')
      .where('e.cohort_id = :cohortId', { cohortId })
      .orderBy(
        `CASE WHEN e.status IN ('awaiting_payment', 'enrolled', 'completed', 'not_completed') THEN 0 WHEN e.status = 'waitlisted' THEN 1 ELSE 2 END`,
      )
      .addOrderBy('e.waitlist_position', 'ASC', 'NULLS LAST')
      .addOrderBy('e.seat_confirmed_at', 'ASC', 'NULLS LAST')
      .addOrderBy('e.updated_at', 'DESC')
      .addOrderBy('e.id')
      .getMany();
  }

  /** The seat holders of a cohort, in the order they took their seats. */
  seatHoldersOf(cohortId: string, em: EntityManager = this.dataSource.manager): Promise<Enrollment[]> {
    return em.getRepository(Enrollment).find({
      where: { cohortId, status: In([...SEAT_HOLDERS]) },
      order: { seatConfirmedAt: 'ASC', id: 'ASC' },
    });
  }

  /** A trainee's enrollments, newest first. */
  ofTrainee(traineeId: string): Promise<Enrollment[]> {
    return this.dataSource.getRepository(Enrollment).find({ where: { traineeId }, order: { createdAt: 'DESC' } });
  }

  cohortsByIds(ids: string[]): Promise<Cohort[]> {
    return ids.length ? this.dataSource.getRepository(Cohort).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** Each cohort's next session starting after `now`. */
  async nextSessions(cohortIds: string[], now: Date): Promise<Map<string, CohortSession>> {
    if (cohortIds.length === 0) return new Map();
    const sessions = await this.dataSource.getRepository(CohortSession).find({
      where: { cohortId: In(cohortIds), startsAt: MoreThan(now) },
      order: { startsAt: 'ASC' },
    });
    const next = new Map<string, CohortSession>();
    for (const session of sessions) if (!next.has(session.cohortId)) next.set(session.cohortId, session);
    return next;
  }

  /** Names and numbers of trainees, in one query. */
  async contactsOf(userIds: string[]): Promise<Map<string, TraineeContact>> {
    if (userIds.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ id: In([...new Set(userIds)]) });
    return new Map(users.map((u) => [u.id, { displayName: u.displayName, phone: u.phone }]));
  }

  marksOfSession(sessionId: string, em: EntityManager = this.dataSource.manager): Promise<Attendance[]> {
    return em.getRepository(Attendance).findBy({ sessionId });
  }

  marksOfEnrollment(enrollmentId: string): Promise<Attendance[]> {
    return this.dataSource.getRepository(Attendance).findBy({ enrollmentId });
  }

  /** Sessions attended (present or late) by each enrollment. */
  async attendedCounts(enrollmentIds: string[], em: EntityManager = this.dataSource.manager) {
    const counts = new Map<string, number>(enrollmentIds.map((id) => [id, 0]));
    if (enrollmentIds.length === 0) return counts;
    const rows: Array<{ enrollmentId: string; count: number }> = await em.query(
      `SELECT enrollment_id AS "enrollmentId", count(*)::int AS count FROM attendance
        WHERE enrollment_id = ANY($1::uuid[]) AND mark = ANY($2::text[]) GROUP BY enrollment_id`,
      [enrollmentIds, [...ATTENDED]],
    );
    for (const row of rows) counts.set(row.enrollmentId, row.count);
    return counts;
  }

  /** Sets each mark, replacing the one recorded before for the same session and trainee. */
  async upsertMarks(
    em: EntityManager,
    sessionId: string,
    marks: Array<{ enrollmentId: string; mark: AttendanceMark }>,
    recordedBy: string,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(Attendance)
      .values(marks.map((m) => ({ sessionId, enrollmentId: m.enrollmentId, mark: m.mark, recordedBy })))
      .orUpdate(['mark', 'recorded_by', 'recorded_at'], ['session_id', 'enrollment_id'])
      .execute();
  }
}
