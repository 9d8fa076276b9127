import { Module } from '@nestjs/common';
import { SellersModule } from '../sellers/sellers.module';
import { FinanceBankTransfersController, FinancePaymentsController } from './finance-payments.controller';
import { FinanceRefundsController } from './finance-refunds.controller';
import { FinancePayoutsController, SellerBalanceController } from './ledger/payouts.controller';
import { PaymentsModule } from './payments.module';
import { StripeWebhookController } from './stripe/stripe-webhook.controller';

@Module({
  imports: [PaymentsModule, SellersModule],
  controllers: [
    FinancePaymentsController,
    FinanceBankTransfersController,
    FinanceRefundsController,
    FinancePayoutsController,
    SellerBalanceController,
    StripeWebhookController,
  ],
})
export class PaymentsHttpModule {}
