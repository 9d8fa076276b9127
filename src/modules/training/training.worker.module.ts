import { Module } from '@nestjs/common';
import { AssignmentEventsListener } from './assignment-events.listener';
import { TrainingModule } from './training.module';

@Module({
  imports: [TrainingModule],
  providers: [AssignmentEventsListener],
})
export class TrainingWorkerModule {}
