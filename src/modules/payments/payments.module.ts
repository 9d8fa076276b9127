import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { PayoutsRepository } from './ledger/payouts.repository';
import { PayoutsService } from './ledger/payouts.service';
import { OfflineAdapter } from './offline/offline.adapter';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';
import { PAYMENT_PROVIDER_ADAPTERS, PaymentProviderAdapter } from './providers/payment-provider.port';
import { PaymentProviders } from './providers/payment-providers';
import { RefundsRepository } from './refunds.repository';
import { RefundsService } from './refunds.service';
import { createStripeClient, STRIPE } from './stripe/stripe.client';
import { StripeAdapter } from './stripe/stripe.adapter';
import { StripeEventsRepository } from './stripe/stripe-events.repository';
import { StripeWebhookService } from './stripe/stripe-webhook.service';

@Module({
  providers: [
    PaymentsRepository,
    RefundsRepository,
    LedgerRepository,
    PayoutsRepository,
    PaymentsService,
    LedgerService,
    PayoutsService,
    RefundsService,
    StripeEventsRepository,
    StripeWebhookService,
    { provide: STRIPE, inject: [AppConfig], useFactory: createStripeClient },
    StripeAdapter,
    OfflineAdapter,
    // The payment-provider port's adapters, in the order a seller's payout route is chosen
    // (offline, a bank payout finance sends, last). WeChat Pay and Alipay adapters go here.
    {
      provide: PAYMENT_PROVIDER_ADAPTERS,
      inject: [StripeAdapter, OfflineAdapter],
      useFactory: (...adapters: PaymentProviderAdapter[]) => adapters,
    },
    PaymentProviders,
  ],
  exports: [PaymentsService, LedgerService, PayoutsService, RefundsService, StripeWebhookService, STRIPE],
})
export class PaymentsModule {}

// What other modules may use besides the exported services (docs/dependency-rules.md).
export { PAYMENT_STATUSES } from './payment-state';
export { PaymentsErrors } from './payments.errors';
export {
  bankTransferSchema,
  paymentSchema,
  toBankTransfer,
  toPaymentResponse,
  type BankTransferAccount,
} from './dto/payment.response';
