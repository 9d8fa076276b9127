import { Module } from '@nestjs/common';
import { LedgerService } from './ledger/ledger.service';
import { PayoutsService } from './ledger/payouts.service';
import { PaymentsService } from './payments.service';

@Module({
  providers: [PaymentsService, LedgerService, PayoutsService],
  exports: [PaymentsService, LedgerService, PayoutsService],
})
export class PaymentsModule {}
