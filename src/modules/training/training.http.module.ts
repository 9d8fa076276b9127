import { Module } from '@nestjs/common';
import { AssignmentsController } from './assignments.controller';
import { CohortsController } from './cohorts.controller';
import { ProgressController } from './progress.controller';
import { TrainingModule } from './training.module';

@Module({
  imports: [TrainingModule],
  controllers: [CohortsController, AssignmentsController, ProgressController],
})
export class TrainingHttpModule {}
