import { Inject, Injectable } from '@nestjs/common';
import { PaymentMethod, PaymentProvider, PROVIDER_OF_METHOD } from '../entities/payment.entity';
import type { Payout } from '../ledger/payout.entity';
import { PaymentsErrors } from '../payments.errors';
import { PAYMENT_PROVIDER_ADAPTERS, PaymentProviderAdapter, PayoutAccounts } from './payment-provider.port';

/** The adapters of the payment-provider port, found by a payment's provider or a payout's method. */
@Injectable()
export class PaymentProviders {
  constructor(@Inject(PAYMENT_PROVIDER_ADAPTERS) private readonly adapters: readonly PaymentProviderAdapter[]) {}

  of(provider: PaymentProvider): PaymentProviderAdapter {
    const adapter = this.adapters.find((a) => a.provider === provider);
    if (!adapter) throw new Error(`no adapter for payment provider ${provider}`);
    return adapter;
  }

  /** The enabled adapter that takes payments made this way; refused when it is not configured here. */
  forMethod(method: PaymentMethod): PaymentProviderAdapter {
    const adapter = this.of(PROVIDER_OF_METHOD[method]);
    if (!adapter.enabled) throw PaymentsErrors.methodUnavailable();
    return adapter;
  }

  accepts(method: PaymentMethod): boolean {
    return this.of(PROVIDER_OF_METHOD[method]).enabled;
  }

  ofPayout(payout: Pick<Payout, 'method'>): PaymentProviderAdapter {
    const adapter = this.adapters.find((a) => a.payoutMethod === payout.method);
    if (!adapter) throw new Error(`no adapter sends ${payout.method} payouts`);
    return adapter;
  }

  /**
   * How a seller is paid: the first enabled adapter, in the order payments.module.ts lists
   * them, that can reach one of the seller's accounts (offline, a bank payout, always can).
   */
  payoutRoute(accounts: PayoutAccounts): { adapter: PaymentProviderAdapter; destination: string | null } {
    for (const adapter of this.adapters) {
      if (!adapter.enabled) continue;
      const route = adapter.payoutDestination(accounts);
      if (route) return { adapter, destination: route.destination };
    }
    throw new Error('no payment provider can pay this seller');
  }

  /** Providers that send refunds themselves (the refund sender picks up what they have not sent). */
  sendingRefunds(): PaymentProvider[] {
    return this.adapters.filter((a) => a.enabled && a.sendsMoney).map((a) => a.provider);
  }
}
