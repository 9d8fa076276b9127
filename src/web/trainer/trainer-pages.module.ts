import { CohortPagesController } from './cohort-pages.controller';
import { Module, type Type } from '@nestjs/common';
import { TrainingModule } from '../../modules/training/training.module';
import { RegionsModule } from '../../modules/regions/regions.module';
import { RegionsPagesModule } from '../regions/regions-pages.module';
import { UsersModule } from '../../modules/users/users.module';
import { WebCoreModule } from '../web-core.module';

export const TRAINER_CONTROLLERS: Type[] = [CohortPagesController];

/** A trainer's cohorts: sessions, trainees and the waitlist, the attendance sheet, the progress board, finishing. */
@Module({
  imports: [WebCoreModule, TrainingModule, UsersModule, RegionsModule, RegionsPagesModule],
  controllers: TRAINER_CONTROLLERS,
})
export class TrainerPagesModule {}
