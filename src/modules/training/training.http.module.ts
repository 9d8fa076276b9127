import { Module } from '@nestjs/common';
import { TrainingModule } from './training.module';

@Module({
  imports: [TrainingModule],
  controllers: [],
})
export class TrainingHttpModule {}
