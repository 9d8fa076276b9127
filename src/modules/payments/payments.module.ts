import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { LedgerService } from './ledger/ledger.service';
import { PayoutsService } from './ledger/payouts.service';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';
import { createStripeClient, STRIPE } from './stripe/stripe.client';
import { StripePaymentsService } from './stripe/stripe-payments.service';
import { StripeWebhookService } from './stripe/stripe-webhook.service';

@Module({
  providers: [
    PaymentsService,
    LedgerService,
    PayoutsService,
    RefundsService,
    StripePaymentsService,
    StripeWebhookService,
    { provide: STRIPE, inject: [AppConfig], useFactory: createStripeClient },
  ],
  exports: [
    PaymentsService,
    LedgerService,
    PayoutsService,
    RefundsService,
    StripePaymentsService,
    StripeWebhookService,
    STRIPE,
  ],
})
export class PaymentsModule {}

// What other modules may use besides the exported services (docs/dependency-rules.md).
export { PAYMENT_STATUSES } from './payment-state';
export { PaymentsErrors } from './payments.errors';
