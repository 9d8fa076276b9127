import { Module } from '@nestjs/common';
import { AssignmentEventsListener } from './assignment-events.listener';
import { TrainingModule } from './training.module';
import { EnrollmentPromotionListener } from './enrollment-promotion.listener';

@Module({
  imports: [TrainingModule],
  providers: [EnrollmentPromotionListener, AssignmentEventsListener],
})
export class TrainingWorkerModule {}
