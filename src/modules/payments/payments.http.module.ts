import { Module } from '@nestjs/common';
import { SellersModule } from '../sellers/sellers.module';
import { FinancePaymentsController } from './finance-payments.controller';
import { FinancePayoutsController, SellerBalanceController } from './ledger/payouts.controller';
import { PaymentsModule } from './payments.module';
import { StripeWebhookController } from './stripe/stripe-webhook.controller';

@Module({
  imports: [PaymentsModule, SellersModule],
  controllers: [FinancePaymentsController, FinancePayoutsController, SellerBalanceController, StripeWebhookController],
})
export class PaymentsHttpModule {}
