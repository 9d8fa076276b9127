import { Injectable } from '@nestjs/common';
import type { Payment } from '../entities/payment.entity';
import type { PaymentProviderAdapter, StartedPayment } from '../providers/payment-provider.port';

/**
 * Cash on delivery and bank transfer: no provider to call. A person confirms the money came
 * (the store for cash, finance for a transfer), gives refunds back and sends bank payouts,
 * and records each with its reference (PaymentsService.confirmOffline,
 * RefundsService.markOfflinePaid, PayoutsService.markPaid).
 */
@Injectable()
export class OfflineAdapter implements PaymentProviderAdapter {
  readonly provider = 'offline' as const;
  readonly payoutMethod = 'bank' as const;
  readonly enabled = true;
  readonly sendsMoney = false;

  create(payment: Payment): Promise<StartedPayment> {
    return Promise.resolve({ externalReference: payment.externalReference, clientSecret: null });
  }

  confirm(): Promise<null> {
    return Promise.resolve(null);
  }

  refund(): Promise<null> {
    return Promise.resolve(null);
  }

  /** Every store can be paid by bank transfer; finance holds the account details. */
  payoutDestination(): { destination: null } {
    return { destination: null };
  }

  transfer(): Promise<null> {
    return Promise.resolve(null);
  }
}
