import { Module } from '@nestjs/common';
import { PaymentsModule } from './payments.module';
import { StripeEventsListener } from './stripe/stripe-events.listener';
import { StripeJobsProcessor, StripeJobsScheduler } from './stripe/stripe-jobs.processor';

@Module({
  imports: [PaymentsModule],
  providers: [StripeEventsListener, StripeJobsScheduler, StripeJobsProcessor],
})
export class PaymentsWorkerModule {}
