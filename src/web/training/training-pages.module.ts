import { CohortListPagesController } from './cohort-list-pages.controller';
import { Module, type Type } from '@nestjs/common';
import { TrainingModule } from '../../modules/training/training.module';
import { RegionsModule } from '../../modules/regions/regions.module';
import { UsersModule } from '../../modules/users/users.module';
import { SellersModule } from '../../modules/sellers/sellers.module';
import { PaymentsModule } from '../../modules/payments/payments.module';
import { AssignmentPagesController } from './assignment-pages.controller';
import { WebCoreModule } from '../web-core.module';
import { CertificatePagesController } from './certificate-pages.controller';

import { CohortPagesController } from './cohort-pages.controller';
import { MyTrainingPagesController } from './my-training-pages.controller';
import { SeatPaymentPagesController } from './seat-payment-pages.controller';

export const TRAINING_CONTROLLERS: Type[] = [
  CohortListPagesController,
  CohortPagesController,
  MyTrainingPagesController,
  SeatPaymentPagesController,
  AssignmentPagesController,
  CertificatePagesController,
];

/**
 * Training for everyone else: the public cohort pages with their enrol button, a trainee's
 * schedule, attendance, paying a seat's fee, assignments and certificates, and the public
 * certificate verification. Payments gives the trainee's pages what was refunded of a fee.
 */
@Module({
  imports: [WebCoreModule, TrainingModule, UsersModule, SellersModule, RegionsModule, PaymentsModule],
  controllers: TRAINING_CONTROLLERS,
})
export class TrainingPagesModule {}
