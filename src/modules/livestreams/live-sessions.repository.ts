import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CreatedKey } from '../../common/http/pagination';
import { LiveSessionStatusChange } from './entities/live-session-status-change.entity';
import { LiveSession } from './entities/live-session.entity';
import { PracticeRoomSeat } from './entities/practice-room-seat.entity';

/** Live sessions, their history, and the practice-room seats copied from training. */
@Injectable()
export class LiveSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findSession(id: string, em: EntityManager = this.dataSource.manager): Promise<LiveSession | null> {
    return em.getRepository(LiveSession).findOneBy({ id });
  }

  /** The session's row lock serialises its status changes and its pins. */
  lockSession(em: EntityManager, id: string): Promise<LiveSession | null> {
    return em.getRepository(LiveSession).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveSession(em: EntityManager, session: Partial<LiveSession>): Promise<LiveSession> {
    return em.getRepository(LiveSession).save(em.getRepository(LiveSession).create(session));
  }

  async recordStatus(em: EntityManager, change: Partial<LiveSessionStatusChange>): Promise<void> {
    await em.getRepository(LiveSessionStatusChange).insert(change);
  }

  history(sessionId: string): Promise<LiveSessionStatusChange[]> {
    return this.dataSource
      .getRepository(LiveSessionStatusChange)
      .find({ where: { sessionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Sessions of these stores, or co-managed by this trainer, newest scheduled first. */
  listManaged(sellerIds: string[], trainerId: string, after: CreatedKey | undefined, limit: number) {
    const qb = this.dataSource
      .getRepository(LiveSession)
      .createQueryBuilder('s')
      .where('(s.seller_id = ANY(:sellerIds) OR s.trainer_id = :trainerId)', { sellerIds, trainerId })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit + 1);
    if (after) qb.andWhere('(s.created_at, s.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }

  /** Live or never-started sessions past their scheduled end plus the overrun, claimed so two workers never close one twice. */
  claimOverdue(em: EntityManager, before: Date, limit: number): Promise<LiveSession[]> {
    return em
      .getRepository(LiveSession)
      .createQueryBuilder('s')
      .where("s.status IN ('live', 'scheduled') AND s.scheduled_end_at < :before", { before })
      .orderBy('s.scheduled_end_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  findSeat(cohortId: string, traineeId: string, em: EntityManager = this.dataSource.manager) {
    return em.getRepository(PracticeRoomSeat).findOneBy({ cohortId, traineeId });
  }

  /** Applies a seat change unless a later one was applied already (events may arrive out of order). */
  async upsertSeat(em: EntityManager, seat: Omit<PracticeRoomSeat, 'updatedAt'>): Promise<void> {
    await em.query(
      `INSERT INTO practice_room_seats (cohort_id, trainee_id, trainer_id, seated, changed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (cohort_id, trainee_id) DO UPDATE
         SET trainer_id = EXCLUDED.trainer_id, seated = EXCLUDED.seated, changed_at = EXCLUDED.changed_at, updated_at = now()
       WHERE practice_room_seats.changed_at <= EXCLUDED.changed_at`,
      [seat.cohortId, seat.traineeId, seat.trainerId, seat.seated, seat.changedAt],
    );
  }
}
