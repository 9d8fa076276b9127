import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates.controller';
import { CohortsController } from './cohorts.controller';
import { TrainingModule } from './training.module';

@Module({
  imports: [TrainingModule],
  controllers: [CohortsController, CertificatesController],
})
export class TrainingHttpModule {}
