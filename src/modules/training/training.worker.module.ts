import { Module } from '@nestjs/common';
import { TrainingModule } from './training.module';

@Module({
  imports: [TrainingModule],
  providers: [],
})
export class TrainingWorkerModule {}
