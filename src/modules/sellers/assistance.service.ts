import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/auth.decorators';
import type { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { AssistanceConsent } from './entities/assistance-consent.entity';
import { SellersErrors } from './sellers.errors';
import { SellersRepository } from './sellers.repository';

export const CONSENT_STATEMENT =
  '我同意该培训师代我开设并管理我的店铺；其每一项操作都会被记录。我可以随时撤回同意。 / ' +
  'I agree that this trainer may open and manage my store for me; every action is recorded. I may withdraw at any time.';

/** A trainee's consent to assisted onboarding: given and withdrawn by the trainee only. */
@Injectable()
export class AssistanceService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly users: UsersService,
  ) {}

  async consent(traineeId: string, trainerId: string): Promise<AssistanceConsent> {
    const trainer = await this.users.getById(trainerId).catch(() => null);
    if (!trainer || !trainer.roles.includes('trainer')) throw SellersErrors.trainerNotFound();
    const consent = await this.sellers.insertConsent({ traineeId, trainerId, statement: CONSENT_STATEMENT });
    if (!consent) throw SellersErrors.consentExists();
    return consent;
  }

  /** The trainee's standing consent to this trainer, if any (what the trainee's page shows). */
  activeConsent(traineeId: string, trainerId: string): Promise<AssistanceConsent | null> {
    return this.sellers.activeConsent(traineeId, trainerId);
  }

  /**
   * The trainee a trainer is about to act for, once the same checks `SellersService.apply`
   * makes have passed: only then may the trainer's page name them.
   */
  async assistedTrainee(actor: Actor, traineeId: string): Promise<User> {
    if (!actor.roles.includes('trainer')) throw SellersErrors.notTrainer();
    if (!(await this.sellers.activeConsent(traineeId, actor.id))) throw SellersErrors.noConsent();
    return this.users.getById(traineeId);
  }

  async withdraw(traineeId: string, trainerId: string): Promise<void> {
    if (!(await this.sellers.revokeConsent(traineeId, trainerId))) throw SellersErrors.consentNotFound();
  }
}
