import { randomUUID } from 'node:crypto';
import { verifiedSeller } from '../factories/seller.factory';
import { loginUser, registerUser, RegisteredUser } from '../factories/user.factory';
import { startFakeStripe, WEBHOOK_SECRET } from './fake-stripe';
import { startTestApi, TestApi } from './test-api';
import { createTestDatabase, TestDatabase } from './test-database';
import { useTestEnvironment } from './test-env';
import { startTestWorker, TestWorker } from './test-worker';

/** The header a signed-in caller sends. */
export type Auth = { authorization: string };
export const bearer = (token: string): Auth => ({ authorization: `Bearer ${token}` });

/** The superadmin the api creates at start from SUPERADMIN_EMAIL/PASSWORD. */
export const ROOT = { email: 'root@furrow.test', password: 'root-password-123' };
/** A delivery address in a county every test store ships to (Guangzhou, Tianhe). */
export const BUYER_ADDRESS = {
  recipient: '陈女士',
  phone: '13800138000',
  countyCode: '440106',
  detail: '天河路 385 号',
};

/** Configuration that points the api and worker at a fake Stripe (test/utils/fake-stripe.ts). */
export const fakeStripeEnvironment = (stripe: { url: string }): Record<string, string> => ({
  STRIPE_SECRET_KEY: 'sk_test_furrow',
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_API_BASE: stripe.url,
});

/** Configuration that points the api and worker at a fake Kuaidi100 (test/utils/fake-kuaidi100.ts). */
export const fakeKuaidi100Environment = (kuaidi100: {
  url: string;
  customer: string;
  key: string;
}): Record<string, string> => ({
  KUAIDI100_CUSTOMER: kuaidi100.customer,
  KUAIDI100_KEY: kuaidi100.key,
  KUAIDI100_API_BASE: kuaidi100.url,
});

export interface Marketplace {
  db: TestDatabase;
  api: TestApi;
  /** The superadmin, signed in. */
  admin: Auth;
  /** A newly registered buyer, signed in. */
  newBuyer(): Promise<Auth>;
  /** Stops whatever was started, the worker first (it holds connections to the database being dropped). */
  close(): Promise<void>;
}

/** The marketplace with its worker running (relay, sweeper, queue processors). */
export type MarketplaceWithWorker = Marketplace & { worker: TestWorker };

export interface StoreOptions {
  /** Who applies for the store; a newly registered user if not given. */
  seller?: Auth;
  originCountyCode?: string;
  /** The body of PUT shipping-policy. */
  shippingPolicy?: Record<string, unknown>;
}

export interface OpenStore {
  /** The registered owner (only when openStore registered them). */
  owner?: RegisteredUser;
  seller: Auth;
  store: string;
}

/**
 * One test file's marketplace: its own database, the environment (superadmin plus `env`), the api,
 * the worker unless `{ worker: false }`, and the superadmin signed in. Outside parties' fakes are
 * started by the caller first, since `env` names their addresses.
 */
export async function startMarketplace(
  env?: Record<string, string>,
  options?: { worker?: true },
): Promise<MarketplaceWithWorker>;
export async function startMarketplace(env: Record<string, string>, options: { worker: false }): Promise<Marketplace>;
export async function startMarketplace(
  env: Record<string, string> = {},
  options: { worker?: boolean } = {},
): Promise<Marketplace & { worker?: TestWorker }> {
  const started: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of started.splice(0).reverse()) await stop();
  };
  try {
    const db = await createTestDatabase();
    started.push(() => db.drop());
    useTestEnvironment(db, { SUPERADMIN_EMAIL: ROOT.email, SUPERADMIN_PASSWORD: ROOT.password, ...env });
    const api = await startTestApi();
    started.push(() => api.close());
    let worker: TestWorker | undefined;
    if (options.worker !== false) {
      const running = await startTestWorker();
      started.push(() => running.close());
      worker = running;
    }
    const admin = bearer((await loginUser(api, ROOT)).accessToken);
    const newBuyer = async () => bearer((await loginUser(api, await registerUser(api))).accessToken);
    return { db, api, worker, admin, newBuyer, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A verified store with a shipping policy (a flat ¥10 unless told), ready to publish products in. */
export async function openStore(market: Marketplace, options: StoreOptions = {}): Promise<OpenStore> {
  const { api, admin } = market;
  let owner: RegisteredUser | undefined;
  let seller = options.seller;
  if (!seller) {
    owner = await registerUser(api);
    seller = bearer((await loginUser(api, owner)).accessToken);
  }
  const store = await verifiedSeller(
    api,
    seller.authorization.slice(7),
    admin.authorization.slice(7),
    options.originCountyCode ? { originCountyCode: options.originCountyCode } : {},
  );
  await api
    .http()
    .put(`/api/v1/seller/stores/${store}/shipping-policy`)
    .set(seller)
    .send(options.shippingPolicy ?? { baseFeeFen: 1000 })
    .expect(200);
  return { owner, seller, store };
}

/** Stripe sends the api its signed webhook: event `type` about `object` (a PaymentIntent, a refund…). */
export async function stripeSends(
  api: TestApi,
  stripe: Awaited<ReturnType<typeof startFakeStripe>>,
  type: string,
  object: Parameters<Awaited<ReturnType<typeof startFakeStripe>>['webhook']>[1],
): Promise<void> {
  const { payload, signature } = stripe.webhook(type, object);
  await api
    .http()
    .post('/api/v1/payments/stripe/webhook')
    .set('content-type', 'application/json')
    .set('stripe-signature', signature)
    .send(payload)
    .expect(200);
}

/** Stripe tells the api, by its signed webhook, that the PaymentIntent `intentId` succeeded. */
export async function stripePaymentSucceeded(
  api: TestApi,
  stripe: Awaited<ReturnType<typeof startFakeStripe>>,
  intentId: string,
): Promise<void> {
  await stripeSends(api, stripe, 'payment_intent.succeeded', stripe.setStatus(intentId, 'succeeded'));
}

/** `buyer` checks out `items` to BUYER_ADDRESS, paying by `paymentMethod`; the api's answer (201). */
export const placeOrder = (
  api: TestApi,
  buyer: Auth,
  items: Array<{ variantId: string; quantity: number }>,
  paymentMethod: 'stripe' | 'bank_transfer' | 'cash_on_delivery',
) =>
  api
    .http()
    .post('/api/v1/checkout')
    .set(buyer)
    .set('idempotency-key', randomUUID())
    .send({ items, shippingAddress: BUYER_ADDRESS, paymentMethod })
    .expect(201);

/** Finance confirms, from the bank statement line `bankReference`, the transfer quoting `reference` (201). */
export const confirmBankTransfer = (
  market: Pick<Marketplace, 'api' | 'admin'>,
  reference: string,
  bankReference: string,
) =>
  market.api
    .http()
    .post('/api/v1/finance/bank-transfers/confirm')
    .set(market.admin)
    .send({ reference, bankReference })
    .expect(201);
