import { CohortPagesController } from './cohort-pages.controller';
import { Module, type Type } from '@nestjs/common';
import { TrainingModule } from '../../modules/training/training.module';
import { RegionsModule } from '../../modules/regions/regions.module';
import { RegionsPagesModule } from '../regions/regions-pages.module';
import { UsersModule } from '../../modules/users/users.module';
import { SellersModule } from '../../modules/sellers/sellers.module';
import { ProgressPagesController } from './progress-pages.controller';
import { WebCoreModule } from '../web-core.module';
import { FinishPagesController } from './finish-pages.controller';

import { AttendancePagesController } from './attendance-pages.controller';
import { EnrollmentPagesController } from './enrollment-pages.controller';
import { CohortFormView } from './cohort-form-view.service';

export const TRAINER_CONTROLLERS: Type[] = [
  CohortPagesController,
  EnrollmentPagesController,
  AttendancePagesController,
  ProgressPagesController,
  FinishPagesController,
];

/** A trainer's cohorts: sessions, trainees and the waitlist, the attendance sheet, the progress board, finishing. */
@Module({
  imports: [WebCoreModule, TrainingModule, UsersModule, SellersModule, RegionsModule, RegionsPagesModule],
  controllers: TRAINER_CONTROLLERS,
  providers: [CohortFormView],
})
export class TrainerPagesModule {}
