import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates.controller';
import { AssignmentsController } from './assignments.controller';
import { CohortsController } from './cohorts.controller';
import { ProgressController } from './progress.controller';
import { TrainerCohortsController } from './trainer-cohorts.controller';
import { TrainingModule } from './training.module';
import { EnrollmentsController } from './enrollments.controller';
import { FinanceSeatRefundsController } from './finance-seat-refunds.controller';
import { AttendanceController } from './attendance.controller';

@Module({
  imports: [TrainingModule],
  controllers: [
    CohortsController,
    EnrollmentsController,
    AttendanceController,
    AssignmentsController,
    ProgressController,
    CertificatesController,
    TrainerCohortsController,
    FinanceSeatRefundsController,
  ],
})
export class TrainingHttpModule {}
