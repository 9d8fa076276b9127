import { Module } from '@nestjs/common';
import { FinancePaymentsController } from './finance-payments.controller';
import { PaymentsModule } from './payments.module';

@Module({ imports: [PaymentsModule], controllers: [FinancePaymentsController] })
export class PaymentsHttpModule {}
