import type { Payment, PaymentProvider } from '../entities/payment.entity';
import type { Refund } from '../entities/refund.entity';
import type { Payout, PayoutMethod } from '../ledger/payout.entity';
import type { PaymentStatus } from '../payment-state';

/** What the buyer's app needs to pay, once the provider knows of the payment. */
export interface StartedPayment {
  /** The provider's id of the payment (a PaymentIntent id), kept on our payment. */
  externalReference: string | null;
  /** What the buyer's app confirms the payment with; null when the buyer pays outside any app. */
  clientSecret: string | null;
}

export interface ProviderRefund {
  status: 'pending' | 'succeeded' | 'failed';
  externalReference: string;
}

export type ProviderTransfer = { status: 'paid'; reference: string } | { status: 'failed'; reason: string };

/** Where a seller can be paid, as the seller's record knows it. */
export interface PayoutAccounts {
  stripeAccountId: string | null;
}

/**
 * The payment-provider port (DESIGN §6). Payments, refunds and payouts reach a provider only
 * through this interface, chosen by the payment's `provider` (or the payout's method); nothing
 * outside an adapter's folder knows which provider it talks to. Every method is called
 * outside any database transaction and carries a key from our own ids, so a retry after a
 * crash or a timeout never moves money twice.
 *
 * Adapters: `stripe/` (PaymentIntents, refunds, Connect transfers) and `offline/` (cash on
 * delivery and bank transfer: a person confirms, gives back and sends the money). WeChat Pay
 * and Alipay come as `wechatpay/` and `alipay/` adapters implementing this interface, listed
 * in payments.module.ts, with their methods added to PROVIDER_OF_METHOD.
 */
export interface PaymentProviderAdapter {
  readonly provider: PaymentProvider;
  /** How this provider sends payouts (a payout records it). */
  readonly payoutMethod: PayoutMethod;
  /** Configured here: a disabled provider takes no payment. */
  readonly enabled: boolean;
  /** Whether the provider itself sends money back to buyers and on to sellers (false: a person does, and records it). */
  readonly sendsMoney: boolean;

  /** Tells the provider of a payment recorded in our database; safe to call again. */
  create(payment: Payment): Promise<StartedPayment>;
  /** Where the provider says the payment stands; null when only a person can tell (offline). */
  confirm(payment: Payment): Promise<PaymentStatus | null>;
  /** Gives a recorded refund back; null when a person gives it back and records it later. */
  refund(refund: Refund, payment: Payment): Promise<ProviderRefund | null>;
  /** Where this provider would pay a seller (destination null: finance knows), or null when it cannot. */
  payoutDestination(accounts: PayoutAccounts): { destination: string | null } | null;
  /** Sends a recorded payout; null when a person sends it and records it later. */
  transfer(payout: Payout): Promise<ProviderTransfer | null>;
}

export const PAYMENT_PROVIDER_ADAPTERS = Symbol('PAYMENT_PROVIDER_ADAPTERS');
