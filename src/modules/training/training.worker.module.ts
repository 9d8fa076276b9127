import { Module } from '@nestjs/common';
import { AssignmentEventsListener } from './assignment-events.listener';
import { TrainingModule } from './training.module';
import { EnrollmentPromotionListener } from './enrollment-promotion.listener';
import { CohortNotificationsListener } from './cohort-notifications.listener';
import { TrainingTimersProcessor, TrainingTimersScheduler } from './training-timers.processor';

@Module({
  imports: [TrainingModule],
  providers: [
    EnrollmentPromotionListener,
    AssignmentEventsListener,
    CohortNotificationsListener,
    TrainingTimersScheduler,
    TrainingTimersProcessor,
  ],
})
export class TrainingWorkerModule {}
