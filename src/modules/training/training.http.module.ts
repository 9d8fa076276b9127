import { Module } from '@nestjs/common';
import { CohortsController } from './cohorts.controller';
import { TrainingModule } from './training.module';
import { EnrollmentsController } from './enrollments.controller';
import { AttendanceController } from './attendance.controller';

@Module({
  imports: [TrainingModule],
  controllers: [CohortsController, EnrollmentsController, AttendanceController],
})
export class TrainingHttpModule {}
