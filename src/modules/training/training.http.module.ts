import { Module } from '@nestjs/common';
import { CohortsController } from './cohorts.controller';
import { TrainingModule } from './training.module';

@Module({
  imports: [TrainingModule],
  controllers: [CohortsController],
})
export class TrainingHttpModule {}
