import { Module } from '@nestjs/common';
import { PaymentsModule } from './payments.module';
import { StripeEventsListener } from './stripe/stripe-events.listener';

@Module({ imports: [PaymentsModule], providers: [StripeEventsListener] })
export class PaymentsWorkerModule {}
