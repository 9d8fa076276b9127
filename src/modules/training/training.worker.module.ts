import { Module } from '@nestjs/common';
import { CohortNotificationsListener } from './cohort-notifications.listener';
import { TrainingModule } from './training.module';
import { TrainingTimersProcessor, TrainingTimersScheduler } from './training-timers.processor';

@Module({
  imports: [TrainingModule],
  providers: [CohortNotificationsListener, TrainingTimersScheduler, TrainingTimersProcessor],
})
export class TrainingWorkerModule {}
