import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CreatedKey } from '../../common/http/pagination';
import type { SeatCounts } from './enrollment-state';
import { Attendance } from './entities/attendance.entity';
import { CohortSession } from './entities/cohort-session.entity';
import { CohortStatusChange } from './entities/cohort-status-change.entity';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';

const NO_SEATS: SeatCounts = { enrolled: 0, awaitingPayment: 0, waitlisted: 0 };

/** Keyset of the public list, soonest start first by (starts_at, id). */
export interface StartKey {
  startsAt: string;
  id: string;
}

/** Which reminder: a day ahead, or an hour ahead. */
export type ReminderWindow = 'day' | 'hour';

/** Cohorts, their sessions and their history. */
@Injectable()
export class CohortsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findCohort(id: string, em: EntityManager = this.dataSource.manager): Promise<Cohort | null> {
    return em.getRepository(Cohort).findOneBy({ id });
  }

  /** The cohort's row lock serialises everything that counts its seats (enrolment, withdrawal, promotion). */
  lockCohort(em: EntityManager, id: string): Promise<Cohort | null> {
    return em.getRepository(Cohort).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insertCohort(em: EntityManager, cohort: Partial<Cohort>): Promise<Cohort> {
    return em.getRepository(Cohort).save(em.getRepository(Cohort).create(cohort));
  }

  saveCohort(em: EntityManager, cohort: Cohort): Promise<Cohort> {
    return em.getRepository(Cohort).save(cohort);
  }

  async recordStatusChange(em: EntityManager, change: Partial<CohortStatusChange>): Promise<void> {
    await em.getRepository(CohortStatusChange).insert(change);
  }

  history(cohortId: string): Promise<CohortStatusChange[]> {
    return this.dataSource.getRepository(CohortStatusChange).find({ where: { cohortId }, order: { createdAt: 'ASC' } });
  }

  sessionsOf(cohortId: string, em: EntityManager = this.dataSource.manager): Promise<CohortSession[]> {
    return em.getRepository(CohortSession).find({ where: { cohortId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  findSession(cohortId: string, sessionId: string, em: EntityManager = this.dataSource.manager) {
    return em.getRepository(CohortSession).findOneBy({ id: sessionId, cohortId });
  }

  /** The session row locked in the caller's transaction (the reminder timer claims the same rows). */
  lockSession(em: EntityManager, cohortId: string, sessionId: string): Promise<CohortSession | null> {
    return em
      .getRepository(CohortSession)
      .findOne({ where: { id: sessionId, cohortId }, lock: { mode: 'pessimistic_write' } });
  }

  saveSession(em: EntityManager, session: CohortSession): Promise<CohortSession> {
    return em.getRepository(CohortSession).save(session);
  }

  async deleteSession(em: EntityManager, sessionId: string): Promise<void> {
    await em.getRepository(CohortSession).delete({ id: sessionId });
  }

  async hasAttendance(em: EntityManager, sessionId: string): Promise<boolean> {
    return em.getRepository(Attendance).exists({ where: { sessionId } });
  }

  /** Open and running cohorts, soonest start first (the partial index cohorts_public_idx). */
  listPublic(filter: { countyCode?: string; after?: StartKey; limit: number }): Promise<Cohort[]> {
    const qb = this.dataSource
      .getRepository(Cohort)
      .createQueryBuilder('c')
      .where(`c.status IN ('open', 'running')`)
      .orderBy('c.starts_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(filter.limit + 1);
    if (filter.countyCode) qb.andWhere('c.county_code = :countyCode', { countyCode: filter.countyCode });
    if (filter.after) qb.andWhere('(c.starts_at, c.id) > (:startsAt, :id)', filter.after);
    return qb.getMany();
  }

  /** A trainer's own cohorts, any status, newest first. */
  listByTrainer(trainerId: string, after: CreatedKey | undefined, limit: number): Promise<Cohort[]> {
    const qb = this.dataSource
      .getRepository(Cohort)
      .createQueryBuilder('c')
      .where('c.trainer_id = :trainerId', { trainerId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1);
    if (after) qb.andWhere('(c.created_at, c.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }

  /** Seats taken and places in the queue; exact only under the cohort's lock. */
  async seatCounts(cohortId: string, em: EntityManager = this.dataSource.manager): Promise<SeatCounts> {
    const counts = await this.seatCountsOf([cohortId], em);
    return counts.get(cohortId) ?? NO_SEATS;
  }

  async seatCountsOf(
    cohortIds: string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, SeatCounts>> {
    const counts = new Map<string, SeatCounts>();
    if (cohortIds.length === 0) return counts;
    const rows: Array<{ cohort_id: string; enrolled: number; awaiting: number; waitlisted: number }> = await em.query(
      `SELECT cohort_id,
              count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled,
              count(*) FILTER (WHERE status = 'awaiting_payment')::int AS awaiting,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
         FROM enrollments
        WHERE cohort_id = ANY($1) AND status IN ('awaiting_payment', 'enrolled', 'waitlisted')
        GROUP BY cohort_id`,
      [cohortIds],
    );
    for (const row of rows) {
      counts.set(row.cohort_id, { enrolled: row.enrolled, awaitingPayment: row.awaiting, waitlisted: row.waitlisted });
    }
    return counts;
  }

  /** Everyone holding a seat or a place in the queue, queue order last. */
  activeEnrollments(em: EntityManager, cohortId: string): Promise<Enrollment[]> {
    return em
      .getRepository(Enrollment)
      .createQueryBuilder('e')
      .where('e.cohort_id = :cohortId', { cohortId })
      .andWhere(`e.status IN ('awaiting_payment', 'enrolled', 'waitlisted')`)
      .orderBy('e.waitlist_position', 'ASC', 'NULLS FIRST')
      .addOrderBy('e.created_at', 'ASC')
      .getMany();
  }

  async enrolledTraineeIds(em: EntityManager, cohortId: string): Promise<string[]> {
    const rows: Array<{ trainee_id: string }> = await em.query(
      `SELECT trainee_id FROM enrollments WHERE cohort_id = $1 AND status = 'enrolled' ORDER BY trainee_id`,
      [cohortId],
    );
    return rows.map((r) => r.trainee_id);
  }

  /** Open cohorts whose start has come, locked; a cohort another worker (or a trainer) holds is left for the next sweep. */
  claimDueToStart(em: EntityManager, limit: number): Promise<Cohort[]> {
    return em
      .getRepository(Cohort)
      .createQueryBuilder('c')
      .where(`c.status = 'open'`)
      .andWhere('c.starts_at <= now()')
      .orderBy('c.starts_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /**
   * Sessions of open or running cohorts due for a reminder, locked (SKIP LOCKED: two workers
   * never take the same one). The hour reminder is due within the hour; the day reminder
   * between an hour and a day ahead, so a session set less than an hour ahead gets only the
   * hour one (which stamps both).
   */
  claimDueReminders(em: EntityManager, window: ReminderWindow, limit: number): Promise<CohortSession[]> {
    const qb = em
      .getRepository(CohortSession)
      .createQueryBuilder('s')
      .innerJoin(Cohort, 'c', 'c.id = s.cohort_id')
      .where(`c.status IN ('open', 'running')`)
      .andWhere('s.starts_at > now()')
      .orderBy('s.starts_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write', undefined, ['s'])
      .setOnLocked('skip_locked');
    if (window === 'hour') {
      qb.andWhere(`s.starts_at <= now() + interval '1 hour'`).andWhere('s.hour_reminder_sent_at IS NULL');
    } else {
      qb.andWhere(`s.starts_at > now() + interval '1 hour'`)
        .andWhere(`s.starts_at <= now() + interval '24 hours'`)
        .andWhere('s.day_reminder_sent_at IS NULL');
    }
    return qb.getMany();
  }

  /** Stamps a reminder as sent; the hour one also stamps the day one, which it makes pointless. */
  async stampReminder(em: EntityManager, sessionId: string, window: ReminderWindow): Promise<void> {
    const set =
      window === 'hour'
        ? 'hour_reminder_sent_at = now(), day_reminder_sent_at = coalesce(day_reminder_sent_at, now())'
        : 'day_reminder_sent_at = now()';
    await em.query(`UPDATE cohort_sessions SET ${set} WHERE id = $1`, [sessionId]);
  }
}
