import Stripe from 'stripe';
import { AppConfig } from '../../../config/app-config';

/** The Stripe SDK, or null when Stripe is not configured. Only this folder imports the SDK. */
export const STRIPE = Symbol('STRIPE');

export function createStripeClient(config: AppConfig): Stripe | null {
  if (!config.stripe) return null;
  const base = config.stripe.apiBase ? new URL(config.stripe.apiBase) : undefined;
  return new Stripe(config.stripe.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}

export { Stripe };
