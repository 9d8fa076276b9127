import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates.controller';
import { AssignmentsController } from './assignments.controller';
import { CohortsController } from './cohorts.controller';
import { ProgressController } from './progress.controller';
import { TrainingModule } from './training.module';

@Module({
  imports: [TrainingModule],
  controllers: [CohortsController, CertificatesController, AssignmentsController, ProgressController],
})
export class TrainingHttpModule {}
