import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { CohortsRepository } from './cohorts.repository';
import { Cohort } from './entities/cohort.entity';
import { SellersService } from '../sellers/sellers.service';
import { SeatFeeErrors, TrainingErrors } from './training.errors';

/**
 * Who may manage a cohort: its trainer, or an admin. Anyone else (other trainers included) gets
 * COHORT_NOT_FOUND (404), never a hint that it exists.
 */
@Injectable()
export class CohortAccess {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly sellers: SellersService,
  ) {}

  mayManage(actor: Actor, cohort: Cohort): boolean {
    return cohort.trainerId === actor.id || actor.roles.includes('admin');
  }

  async manage(actor: Actor, cohortId: string, em?: EntityManager): Promise<Cohort> {
    const cohort = await this.cohorts.findCohort(cohortId, em);
    if (!cohort || !this.mayManage(actor, cohort)) throw TrainingErrors.cohortNotFound();
    return cohort;
  }

  /** The same check on the locked row, inside the caller's transaction. */
  async manageLocked(actor: Actor, cohortId: string, em: EntityManager): Promise<Cohort> {
    const cohort = await this.cohorts.lockCohort(em, cohortId);
    if (!cohort || !this.mayManage(actor, cohort)) throw TrainingErrors.cohortNotFound();
    return cohort;
  }

  /**
   * A cohort's seat fees are collected by a verified store its trainer owns: that store is
   * paid them out, like its sales. A free cohort names none.
   */
  async assertFeeCollector(trainerId: string, fee: { seatFeeFen: number; feeSellerId: string | null }) {
    if (fee.seatFeeFen === 0) return;
    if (fee.feeSellerId === null) throw SeatFeeErrors.storeRequired();
    const owned = await this.sellers.storeIdsOwnedBy(trainerId);
    if (!owned.includes(fee.feeSellerId)) throw SeatFeeErrors.storeNotYours();
    const store = await this.sellers.getById(fee.feeSellerId);
    if (store.status !== 'verified') throw SeatFeeErrors.storeNotVerified(store.status);
  }

  /** Creating a cohort needs the trainer role (an admin may too). */
  assertTrainer(actor: Actor): void {
    if (!actor.roles.includes('trainer') && !actor.roles.includes('admin')) throw TrainingErrors.notTrainer();
  }
}
