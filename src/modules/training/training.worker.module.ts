import { Module } from '@nestjs/common';
import { TrainingModule } from './training.module';
import { EnrollmentPromotionListener } from './enrollment-promotion.listener';

@Module({
  imports: [TrainingModule],
  providers: [EnrollmentPromotionListener],
})
export class TrainingWorkerModule {}
