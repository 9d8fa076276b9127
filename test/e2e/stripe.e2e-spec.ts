import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { OrderTimersProcessor, OrderTimersScheduler } from '../../src/modules/orders/order-timers.processor';
import { StripeJobsProcessor } from '../../src/modules/payments/stripe/stripe-jobs.processor';
import { QueueName } from '../../src/queue/queue-names';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { loginUser } from '../factories/user.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  bearer,
  BUYER_ADDRESS as address,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  openStore,
  startMarketplace,
  stripeSends,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';

describe('paying through Stripe', () => {
  let api: TestApi;
  let worker: TestWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let variantId: string;
  let storeId: string;
  let sellerAuth: { authorization: string };
  let adminAuth: { authorization: string };
  let market: MarketplaceWithWorker;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace({
      ...fakeStripeEnvironment(stripe),
      PAYABLE_HOLD_DAYS: '0',
      PAYABLE_RELEASE_SWEEP_MINUTES: '3',
      ORDER_AUTO_COMPLETE_SWEEP_MINUTES: '7',
    });
    ({ api, worker, admin: adminAuth } = market);
    const { seller, store } = await openStore(market);
    [variantId] = await publishProduct(api, seller, adminAuth, store, mangoProduct());
    storeId = store;
    sellerAuth = seller;
  });

  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  async function buy(key = randomUUID()) {
    const buyer = await market.newBuyer();
    const body = { items: [{ variantId, quantity: 1 }], shippingAddress: address, paymentMethod: 'stripe' };
    const res = await api.http().post('/api/v1/checkout').set(buyer).set('idempotency-key', key).send(body).expect(201);
    const payment = res.body.payments[0] as { id: string; clientSecret: string; amountFen: number };
    const intentId = payment.clientSecret.split('_secret_')[0];
    return { buyer, body, key, res, payment, intentId, orderId: res.body.orders[0].id as string };
  }

  const webhook = (type: string, intentId: string, status: string, eventId?: string) => {
    const { payload, signature } = stripe.webhook(type, stripe.setStatus(intentId, status), eventId);
    return api
      .http()
      .post('/api/v1/payments/stripe/webhook')
      .set('content-type', 'application/json')
      .set('stripe-signature', signature)
      .send(payload);
  };

  const orderStatus = async (buyer: { authorization: string }, orderId: string) =>
    (await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200)).body.status as string;

  it('creates one PaymentIntent per checkout, keyed by our payment id, and hands back its client secret', async () => {
    const { buyer, body, key, res, payment, intentId } = await buy();
    expect(res.body.orders[0].status).toBe('pending_payment');
    expect(payment).toMatchObject({ amountFen: 5990 + 1000, clientSecret: expect.stringMatching(/^pi_/) });
    expect(stripe.intents.get(intentId)).toMatchObject({
      amount: 6990,
      currency: 'cny',
      metadata: { paymentId: payment.id },
    });
    const creates = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(creates.at(-1)?.idempotencyKey).toBe(`furrow-payment-${payment.id}`);

    const again = await api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', key)
      .send(body)
      .expect(200);
    expect(again.body.payments[0].clientSecret).toBe(payment.clientSecret);
    expect(stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents')).toHaveLength(
      creates.length,
    );
  });

  it('marks the order paid on payment_intent.succeeded, once, whatever arrives twice or late', async () => {
    const { buyer, payment, intentId, orderId } = await buy();
    const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
    await webhook('payment_intent.succeeded', intentId, 'succeeded', eventId).expect(200);
    await eventually(async () => (await orderStatus(buyer, orderId)) === 'paid', { what: 'the order to be paid' });

    await webhook('payment_intent.succeeded', intentId, 'succeeded', eventId).expect(200); // a Stripe retry
    await webhook('payment_intent.processing', intentId, 'processing').expect(200); // out of order
    await drained(worker); // both applied by the worker, and nothing else queued
    expect(await orderStatus(buyer, orderId)).toBe('paid');
    const [{ n }] = await worker.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'payment.succeeded' AND payload->>'paymentId' = $1`,
      [payment.id],
    );
    expect(n).toBe(1);
    const [{ stored }] = await worker.dataSource.query(
      `SELECT count(*)::int AS stored FROM stripe_events WHERE id = $1`,
      [eventId],
    );
    expect(stored).toBe(1);
  });

  it('applies an event that arrives before we recorded the intent id (found by metadata)', async () => {
    const { buyer, payment, intentId, orderId } = await buy();
    await worker.dataSource.query(`UPDATE payments SET external_reference = NULL WHERE id = $1`, [payment.id]);
    await webhook('payment_intent.processing', intentId, 'processing').expect(200);
    await webhook('payment_intent.succeeded', intentId, 'succeeded').expect(200);
    await eventually(async () => (await orderStatus(buyer, orderId)) === 'paid', { what: 'the order to be paid' });
    const [{ ref }] = await worker.dataSource.query(`SELECT external_reference AS ref FROM payments WHERE id = $1`, [
      payment.id,
    ]);
    expect(ref).toBe(intentId);
  });

  it('refuses a webhook whose signature does not match', async () => {
    const { intentId } = await buy();
    const { payload } = stripe.webhook('payment_intent.succeeded', stripe.setStatus(intentId, 'succeeded'));
    const forged = await api
      .http()
      .post('/api/v1/payments/stripe/webhook')
      .set('content-type', 'application/json')
      .set('stripe-signature', 't=1,v1=deadbeef')
      .send(payload);
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('INVALID_STRIPE_SIGNATURE');
    const tampered = stripe.webhook('payment_intent.succeeded', { ...stripe.intents.get(intentId)!, amount: 1 });
    const res = await api
      .http()
      .post('/api/v1/payments/stripe/webhook')
      .set('content-type', 'application/json')
      .set('stripe-signature', tampered.signature)
      .send(tampered.payload.replace('"amount":1', '"amount":2'));
    expect(res.status).toBe(400);
  });

  it('repairs a payment whose webhook never came, by reading the intents back from Stripe', async () => {
    const { buyer, intentId, orderId } = await buy();
    stripe.setStatus(intentId, 'succeeded'); // paid at Stripe; the webhook is lost
    const reconciler = worker.module.get(StripeJobsProcessor);
    expect(await reconciler.reconcile()).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await orderStatus(buyer, orderId)) === 'paid', { what: 'the order to be paid' });
    expect(await reconciler.reconcile()).toBe(0);
  });

  it('refunds through Stripe in parts, never more than was paid, and the ledger stays balanced', async () => {
    const { buyer, intentId, orderId, payment } = await buy();
    await webhook('payment_intent.succeeded', intentId, 'succeeded').expect(200);
    await eventually(async () => (await orderStatus(buyer, orderId)) === 'paid', { what: 'the order to be paid' });
    const root = bearer(
      (await loginUser(api, { email: 'root@furrow.test', password: 'root-password-123' })).accessToken,
    );
    const refunds = `/api/v1/admin/orders/${orderId}/refunds`;

    const part = await api.http().post(refunds).set(root).send({ amountFen: 1000, reason: '一个芒果碰伤' }).expect(201);
    expect(part.body).toMatchObject({
      amountFen: 1000,
      status: 'succeeded',
      externalReference: expect.stringMatching(/^re_/),
    });
    const sent = stripe.refunds.at(-1)!;
    expect(sent).toMatchObject({ amount: 1000, payment_intent: intentId, metadata: { refundId: part.body.id } });
    expect(stripe.requests.filter((r) => r.path === '/v1/refunds').at(-1)?.idempotencyKey).toBe(
      `furrow-refund-${part.body.id}`,
    );

    const tooMuch = await api.http().post(refunds).set(root).send({ amountFen: payment.amountFen, reason: 'x' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body).toMatchObject({
      code: 'REFUND_EXCEEDS_ORDER',
      details: { refundableFen: payment.amountFen - 1000 },
    });
    const rest = await api.http().post(refunds).set(root).send({ reason: '整单退款', restock: true }).expect(201);
    expect(rest.body.amountFen).toBe(payment.amountFen - 1000);
    await eventually(async () => (await orderStatus(buyer, orderId)) === 'cancelled', {
      what: 'the order to be cancelled',
    });
    await api.http().post(refunds).set(root).send({ reason: 'again' }).expect(409);

    await eventually(
      async () => {
        const [{ n }] = await worker.dataSource.query(
          `SELECT count(*)::int AS n FROM ledger_entries WHERE journal_key LIKE 'refund:%'`,
        );
        return n >= 6;
      },
      { what: 'the refunds to reach the ledger' },
    );
    const trial = await api.http().get('/api/v1/finance/ledger/trial-balance').set(root).expect(200);
    expect(trial.body.totalFen).toBe(0);
  });

  it('settles a payment that arrives after expiry: units taken again, or the order cancelled and refunded', async () => {
    const expire = async (orderId: string) => {
      await worker.dataSource.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        orderId,
      ]);
      await worker.module.get(OrderTimersProcessor).expireOverdue();
    };
    const late = await buy();
    await expire(late.orderId);
    expect(await orderStatus(late.buyer, late.orderId)).toBe('expired');
    await webhook('payment_intent.succeeded', late.intentId, 'succeeded').expect(200);
    await eventually(async () => (await orderStatus(late.buyer, late.orderId)) === 'paid', {
      what: 'the late order to be paid',
    });

    const gone = await buy();
    await expire(gone.orderId);
    await worker.dataSource.query(`UPDATE product_variants SET stock = 0 WHERE id = $1`, [variantId]);
    await webhook('payment_intent.succeeded', gone.intentId, 'succeeded').expect(200);
    await eventually(async () => (await orderStatus(gone.buyer, gone.orderId)) === 'cancelled', {
      what: 'the late order without stock to be cancelled',
    });
    const detail = await api.http().get(`/api/v1/orders/${gone.orderId}`).set(gone.buyer).expect(200);
    expect(detail.body.cancelReason).toBe('PAID_AFTER_EXPIRY_OUT_OF_STOCK');
    expect(await worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never)).toBe(1);
    expect(stripe.refunds.at(-1)).toMatchObject({ payment_intent: gone.intentId, amount: gone.payment.amountFen });
    await eventually(
      async () => {
        const [{ n }] = await worker.dataSource.query(
          `SELECT count(*)::int AS n FROM ledger_entries WHERE journal_key LIKE 'refund:%'`,
        );
        const [{ total }] = await worker.dataSource.query(
          `SELECT coalesce(sum(amount_fen), 0)::int AS total FROM ledger_entries`,
        );
        return n > 0 && total === 0;
      },
      { what: 'the refund to reach a balanced ledger' },
    );
  });

  it('runs the payable release and auto-complete sweeps at the configured intervals', async () => {
    const timers = worker.module.get<Queue>(getQueueToken(QueueName.timers));
    // Installed at boot; installed again and read at once, so a FLUSHDB by another test process on
    // the same Redis database (they are picked by Jest worker id) has no time to remove it.
    await worker.module.get(OrderTimersScheduler).onApplicationBootstrap();
    expect((await timers.getJobScheduler('orders.release-payables'))?.every).toBe(3 * 60_000);
    expect((await timers.getJobScheduler('orders.auto-complete'))?.every).toBe(7 * 60_000);
  });

  it('pays a store with a connected account by Stripe transfer, once', async () => {
    await worker.dataSource.query(`UPDATE product_variants SET stock = 100 WHERE id = $1`, [variantId]);
    await api
      .http()
      .put(`/api/v1/admin/sellers/${storeId}/stripe-account`)
      .set(adminAuth)
      .send({ accountId: 'acct_1FurrowMangoCoop' })
      .expect(200);
    const { buyer, intentId, orderId } = await buy();
    await webhook('payment_intent.succeeded', intentId, 'succeeded').expect(200);
    await eventually(async () => (await orderStatus(buyer, orderId)) === 'paid', { what: 'the order to be paid' });
    const storeOrder = `/api/v1/seller/stores/${storeId}/orders/${orderId}`;
    await api
      .http()
      .post(`${storeOrder}/ship`)
      .set(sellerAuth)
      .send({ carrier: 'sf', trackingNumber: 'SF9876543210987' })
      .expect(201);
    await api.http().post(`/api/v1/orders/${orderId}/confirm-receipt`).set(buyer).expect(201);
    // The release sweep skips orders another transaction holds (SKIP LOCKED), and the worker's
    // listeners of this order's events (order.paid locks the order) may still be running: once
    // they are done, the sweep must release exactly this order.
    await drained(worker);
    expect(await worker.module.get(OrderTimersProcessor).releasePayables()).toBe(1);

    const run = await api.http().post('/api/v1/finance/payouts/run').set(adminAuth).expect(201);
    const payout = run.body.items.find((p: { sellerId: string }) => p.sellerId === storeId);
    expect(payout).toMatchObject({ status: 'paid', bankReference: expect.stringMatching(/^tr_/) });
    const transfer = stripe.transfers.at(-1)!;
    expect(transfer).toMatchObject({
      amount: payout.amountFen,
      destination: 'acct_1FurrowMangoCoop',
      metadata: { payoutId: payout.id },
    });
    expect(stripe.requests.filter((r) => r.path === '/v1/transfers').at(-1)?.idempotencyKey).toBe(
      `furrow-payout-${payout.id}`,
    );
    const manual = await api
      .http()
      .post(`/api/v1/finance/payouts/${payout.id}/mark-paid`)
      .set(adminAuth)
      .send({ bankReference: 'X-0001' });
    expect(manual.status).toBe(409);
    expect(manual.body.code).toBe('PAYOUT_SENT_BY_STRIPE');
    const again = await api.http().post('/api/v1/finance/payouts/run').set(adminAuth).expect(201);
    expect(again.body.items.find((p: { sellerId: string }) => p.sellerId === storeId)).toBeUndefined();
    expect(
      (await api.http().get('/api/v1/finance/ledger/trial-balance').set(adminAuth).expect(200)).body.totalFen,
    ).toBe(0);
  });

  it('settles a refund Stripe finishes later, from its refund.updated webhook, once', async () => {
    await worker.dataSource.query(`UPDATE product_variants SET stock = 100 WHERE id = $1`, [variantId]);
    const { buyer, intentId, orderId } = await buy();
    await webhook('payment_intent.succeeded', intentId, 'succeeded').expect(200);
    await eventually(async () => (await orderStatus(buyer, orderId)) === 'paid', { what: 'the order to be paid' });
    stripe.refundsSettleLater(true);
    const refund = await api
      .http()
      .post(`/api/v1/admin/orders/${orderId}/refunds`)
      .set(adminAuth)
      .send({ reason: '买家取消', restock: true })
      .expect(201);
    stripe.refundsSettleLater(false);
    expect(refund.body.status).toBe('pending');
    await drained(worker);
    expect(await orderStatus(buyer, orderId)).toBe('paid');

    const settled = { ...stripe.refunds.at(-1)!, status: 'succeeded' };
    for (let i = 0; i < 2; i++) {
      await stripeSends(api, stripe, 'refund.updated', settled);
    }
    await eventually(async () => (await orderStatus(buyer, orderId)) === 'cancelled', {
      what: 'the refunded order to be cancelled',
    });
    await drained(worker); // both refund.updated deliveries applied
    const [{ n }] = await worker.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'refund.succeeded' AND payload->>'refundId' = $1`,
      [refund.body.id],
    );
    expect(n).toBe(1);
  });
});
