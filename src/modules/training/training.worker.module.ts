import { Module } from '@nestjs/common';
import { AssignmentEventsListener } from './assignment-events.listener';
import { SeatPaymentsListener } from './seat-payments.listener';
import { TrainingModule } from './training.module';
import { EnrollmentPromotionListener } from './enrollment-promotion.listener';
import { TrainingTimersProcessor, TrainingTimersScheduler } from './training-timers.processor';

@Module({
  imports: [TrainingModule],
  providers: [
    EnrollmentPromotionListener,
    AssignmentEventsListener,
    SeatPaymentsListener,
    TrainingTimersScheduler,
    TrainingTimersProcessor,
  ],
})
export class TrainingWorkerModule {}
