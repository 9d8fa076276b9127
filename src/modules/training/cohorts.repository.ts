import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CohortSession } from './entities/cohort-session.entity';
import { CohortStatusChange } from './entities/cohort-status-change.entity';
import { Cohort } from './entities/cohort.entity';

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
}
