import { Module } from '@nestjs/common';
import { PaymentsModule } from './payments.module';
import { StripeEventsListener } from './stripe/stripe-events.listener';
import { StripeReconcilerProcessor, StripeReconcilerScheduler } from './stripe/stripe-reconciler.processor';

@Module({
  imports: [PaymentsModule],
  providers: [StripeEventsListener, StripeReconcilerScheduler, StripeReconcilerProcessor],
})
export class PaymentsWorkerModule {}
