import { Module, type Type } from '@nestjs/common';
import { TrainingModule } from '../../modules/training/training.module';
import { UsersModule } from '../../modules/users/users.module';
import { AssignmentPagesController } from './assignment-pages.controller';
import { WebCoreModule } from '../web-core.module';

export const TRAINING_CONTROLLERS: Type[] = [AssignmentPagesController];

/**
 * Training for everyone else: the public cohort pages with their enrol button, a trainee's
 * schedule, attendance, assignments and certificates, and the public certificate verification.
 */
@Module({
  imports: [WebCoreModule, TrainingModule, UsersModule],
  controllers: TRAINING_CONTROLLERS,
})
export class TrainingPagesModule {}
