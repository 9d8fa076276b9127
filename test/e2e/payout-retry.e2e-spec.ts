import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { StripeJobsProcessor, StripeJobsScheduler } from '../../src/modules/payments/stripe/stripe-jobs.processor';
import { QueueName } from '../../src/queue/queue-names';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  Auth,
  confirmBankTransfer,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  openStore,
  placeOrder,
  startMarketplace,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';

/**
 * A Connect payout left pending by a Stripe outage is sent again within minutes by a repeating
 * job (not by the next nightly run, past Stripe's memory of the idempotency key), once.
 */
describe('Connect payouts retried after an outage', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let worker: TestWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let admin: Auth;
  let owner: Auth;
  let storeId: string;
  let mango: string;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace({
      ...fakeStripeEnvironment(stripe),
      PAYABLE_HOLD_DAYS: '0',
      PAYOUT_RETRY_MINUTES: '4',
    });
    ({ api, worker, admin } = market);
    ({ seller: owner, store: storeId } = await openStore(market, { shippingPolicy: { baseFeeFen: 800 } }));
    [mango] = await publishProduct(api, owner, admin, storeId, mangoProduct());
    await api
      .http()
      .put(`/api/v1/admin/sellers/${storeId}/stripe-account`)
      .set(admin)
      .send({ accountId: 'acct_1FurrowRetryCoop' })
      .expect(200);
  });

  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  /** A bank-transfer order, paid, shipped, received and released: money available to the store. */
  async function moneyAvailable() {
    const buyer = await market.newBuyer();
    const placed = await placeOrder(api, buyer, [{ variantId: mango, quantity: 1 }], 'bank_transfer');
    const orderId = placed.body.orders[0].id as string;
    await confirmBankTransfer(market, placed.body.bankTransfer.reference, 'ICBC-20261201-0100');
    await eventually(
      async () => (await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200)).body.status === 'paid',
      { what: 'the order paid' },
    );
    await api
      .http()
      .post(`/api/v1/seller/stores/${storeId}/orders/${orderId}/ship`)
      .set(owner)
      .send({ carrier: 'sf', trackingNumber: 'SF1234567890123' })
      .expect(201);
    await api.http().post(`/api/v1/orders/${orderId}/confirm-receipt`).set(buyer).expect(201);
    await drained(worker); // order.paid's listener holds the order; the release sweep skips it meanwhile
    expect(await worker.module.get(OrderTimersProcessor).releasePayables()).toBe(1);
  }

  it('schedules the retry at the configured interval', async () => {
    const payments = worker.module.get<Queue>(getQueueToken(QueueName.payments));
    await worker.module.get(StripeJobsScheduler).onApplicationBootstrap();
    expect((await payments.getJobScheduler('payments.send-payouts'))?.every).toBe(4 * 60_000);
  });

  it('pays once, with the same key, a payout an outage left pending', async () => {
    await moneyAvailable();
    stripe.failNextTransfers(10); // more than the SDK's own retries
    const run = await api.http().post('/api/v1/finance/payouts/run').set(admin).expect(201);
    const payout = run.body.items.find((p: { sellerId: string }) => p.sellerId === storeId);
    expect(payout).toMatchObject({ status: 'pending', bankReference: null });
    expect(stripe.transfers).toHaveLength(0);

    stripe.failNextTransfers(0);
    const jobs = worker.module.get(StripeJobsProcessor);
    expect(await jobs.process({ name: 'payments.send-payouts' } as never)).toBe(1);
    const detail = await api.http().get(`/api/v1/finance/payouts/${payout.id}`).set(admin).expect(200);
    expect(detail.body).toMatchObject({ status: 'paid', bankReference: stripe.transfers[0].id });
    expect(detail.body.history.map((h: { to: string }) => h.to)).toEqual(['pending', 'paid']);
    expect(await jobs.process({ name: 'payments.send-payouts' } as never)).toBe(0);
    expect(stripe.transfers).toEqual([
      expect.objectContaining({ amount: payout.amountFen, metadata: { payoutId: payout.id } }),
    ]);
    const keys = new Set(stripe.requests.filter((r) => r.path === '/v1/transfers').map((r) => r.idempotencyKey));
    expect([...keys]).toEqual([`furrow-payout-${payout.id}`]);
    expect((await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200)).body.totalFen).toBe(0);
  });

  it('does not fail a payout Stripe is still sending when a second sender races it', async () => {
    await moneyAvailable();
    const release = stripe.holdTransfers();
    const before = stripe.transfers.length;
    // The nightly run (here through finance) creates the payout and is mid-transfer at Stripe...
    const run = api
      .http()
      .post('/api/v1/finance/payouts/run')
      .set(admin)
      .expect(201)
      .then((r) => r);
    await eventually(async () => stripe.transfersInProgress.size === 1, { what: 'the transfer in progress' });
    // ...when the payout sender picks the same pending payout: Stripe answers 409 for the key in use.
    const jobs = worker.module.get(StripeJobsProcessor);
    await jobs.process({ name: 'payments.send-payouts' } as never);
    release();
    const payout = (await run).body.items.find((p: { sellerId: string }) => p.sellerId === storeId);
    const detail = await api.http().get(`/api/v1/finance/payouts/${payout.id}`).set(admin).expect(200);
    expect(detail.body.history.map((h: { to: string }) => h.to)).toEqual(['pending', 'paid']);
    // The money left once: nothing is available again for a second payout.
    await api.http().post('/api/v1/finance/payouts/run').set(admin).expect(201);
    expect(stripe.transfers.slice(before)).toEqual([
      expect.objectContaining({ amount: payout.amountFen, metadata: { payoutId: payout.id } }),
    ]);
    expect((await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200)).body.totalFen).toBe(0);
  });
});
