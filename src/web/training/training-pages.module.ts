import { CohortListPagesController } from './cohort-list-pages.controller';
import { Module, type Type } from '@nestjs/common';
import { TrainingModule } from '../../modules/training/training.module';
import { RegionsModule } from '../../modules/regions/regions.module';
import { UsersModule } from '../../modules/users/users.module';
import { WebCoreModule } from '../web-core.module';

export const TRAINING_CONTROLLERS: Type[] = [CohortListPagesController];

/**
 * Training for everyone else: the public cohort pages with their enrol button, a trainee's
 * schedule, attendance, assignments and certificates, and the public certificate verification.
 */
@Module({
  imports: [WebCoreModule, TrainingModule, UsersModule, RegionsModule],
  controllers: TRAINING_CONTROLLERS,
})
export class TrainingPagesModule {}
