import { Module } from '@nestjs/common';
import { CohortsController } from './cohorts.controller';
import { TrainerCohortsController } from './trainer-cohorts.controller';
import { TrainingModule } from './training.module';

@Module({
  imports: [TrainingModule],
  controllers: [CohortsController, TrainerCohortsController],
})
export class TrainingHttpModule {}
