import { randomUUID } from 'node:crypto';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { StripeJobsProcessor } from '../../src/modules/payments/stripe/stripe-jobs.processor';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { BAOJING } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  Auth,
  bearer,
  BUYER_ADDRESS as address,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  openStore,
  startMarketplace,
  stripePaymentSucceeded,
  stripeSends,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';

interface PlacedOrder {
  id: string;
  sellerId: string;
  totalFen: number;
}

/** Ways to lose money found in review: each test fails on the code before its fix. */
describe('money review', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let worker: TestWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let admin: Auth;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace({
      ...fakeStripeEnvironment(stripe),
      COMMISSION_RATE_BPS: '500',
      PAYABLE_HOLD_DAYS: '0',
    });
    ({ api, worker, admin } = market);
  });

  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  /** A new verified store with one published product and a shipping fee. */
  async function newStore(originCountyCode?: string) {
    const { owner, seller, store } = await openStore(market, { originCountyCode });
    const [variant] = await publishProduct(api, seller, admin, store, mangoProduct({ title: `芒果 ${randomUUID()}` }));
    return { owner: owner!, seller, store, variant };
  }

  async function checkout(items: Array<{ variantId: string; quantity: number }>, paymentMethod = 'stripe') {
    const buyer = await market.newBuyer();
    const res = await api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', randomUUID())
      .send({ items, shippingAddress: address, paymentMethod })
      .expect(201);
    const payment = res.body.payments[0] as { id: string; amountFen: number; clientSecret: string | null };
    return {
      buyer,
      payment,
      intentId: payment.clientSecret?.split('_secret_')[0] ?? '',
      orders: res.body.orders as PlacedOrder[],
    };
  }

  const order = async (buyer: Auth, orderId: string) =>
    (await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200)).body as { status: string };

  const journalTotal = async (account: string, journalLike: string) => {
    const [{ total }] = await worker.dataSource.query(
      `SELECT coalesce(sum(amount_fen), 0)::int AS total FROM ledger_entries WHERE account = $1 AND journal_key LIKE $2`,
      [account, journalLike],
    );
    return total as number;
  };
  const balance = async (account: string) => journalTotal(account, '%');
  const trialBalance = async () =>
    (await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200)).body.totalFen as number;
  /** Finance refunds an order (all of it unless `amountFen`); the api answers 201 whatever Stripe says. */
  const refundByAdmin = (orderId: string, body: { amountFen?: number; reason: string }) =>
    api.http().post(`/api/v1/admin/orders/${orderId}/refunds`).set(admin).send(body).expect(201);
  const refundsOf = async (orderId: string) =>
    (await worker.dataSource.query(
      `SELECT id, amount_fen::int AS "amountFen", status FROM refunds WHERE reference_id = $1 ORDER BY created_at`,
      [orderId],
    )) as Array<{ id: string; amountFen: number; status: string }>;

  const paid = (intentId: string) => stripePaymentSucceeded(api, stripe, intentId);

  it('does not release (and pay out) the part of a payable a refund already took back', async () => {
    const { seller, store, variant } = await newStore();
    const { buyer, intentId, orders } = await checkout([{ variantId: variant, quantity: 1 }]);
    const [placed] = orders;
    await paid(intentId);
    await eventually(async () => (await order(buyer, placed.id)).status === 'paid', { what: 'the order to be paid' });
    await api
      .http()
      .post(`/api/v1/seller/stores/${store}/orders/${placed.id}/ship`)
      .set(seller)
      .send({ carrier: 'sf', trackingNumber: 'SF1234567890123' })
      .expect(201);
    await api.http().post(`/api/v1/orders/${placed.id}/confirm-receipt`).set(buyer).expect(201);
    const payable = -(await journalTotal(`seller:${store}:held`, `order-paid:${placed.id}`));
    expect(payable).toBeGreaterThan(0);

    // The buyer complains during the hold period: part of the money goes back, from the held payable.
    const refund = await refundByAdmin(placed.id, { amountFen: 2000, reason: '部分果子坏了' });
    await eventually(async () => (await journalTotal('platform:cash', `refund:${refund.body.id}`)) === -2000, {
      what: 'the refund to reach the ledger',
    });
    const takenFromStore = await journalTotal(`seller:${store}:held`, `refund:${refund.body.id}`);
    expect(takenFromStore).toBeGreaterThan(0);

    // The sweep skips an order another transaction holds (the worker's listeners, its own timer): sweep until released.
    await eventually(
      async () => {
        await worker.module.get(OrderTimersProcessor).releasePayables();
        return (await journalTotal(`seller:${store}:held`, `order-released:${placed.id}`)) !== 0;
      },
      { what: 'the payable to be released' },
    );
    expect(await balance(`seller:${store}:held`)).toBe(0);
    expect(-(await balance(`seller:${store}:available`))).toBe(payable - takenFromStore);

    const run = await api.http().post('/api/v1/finance/payouts/run').set(admin).expect(201);
    const payout = run.body.items.find((p: { sellerId: string }) => p.sellerId === store);
    expect(payout).toMatchObject({ amountFen: payable - takenFromStore });
    expect(await trialBalance()).toBe(0);
  });

  it('fails a refund Stripe refuses instead of keeping it pending, and still sends the refunds after it', async () => {
    const mango = await newStore();
    const tea = await newStore(BAOJING);
    const items = [
      { variantId: mango.variant, quantity: 1 },
      { variantId: tea.variant, quantity: 1 },
    ];
    // Two group payments, each with a cancelled share owed back; Stripe refuses refunds of the first.
    const disputed = await checkout(items);
    const fine = await checkout(items);
    stripe.refuseRefundsOf(disputed.intentId, true);
    const cancelled = [disputed, fine].map((g) => g.orders.find((o) => o.sellerId === tea.store)!);
    for (const [i, g] of [disputed, fine].entries()) {
      await api.http().post(`/api/v1/orders/${cancelled[i].id}/cancel`).set(g.buyer).expect(201);
      await paid(g.intentId);
      await eventually(async () => (await refundsOf(cancelled[i].id)).length === 1, { what: 'the owed-back refund' });
    }

    // The refund sender meets the refused one first; the one after it still goes out.
    await worker.module
      .get(StripeJobsProcessor)
      .process({ name: 'payments.send-refunds' } as never)
      .catch(() => undefined);
    await eventually(async () => (await refundsOf(cancelled[1].id))[0].status === 'succeeded', {
      what: 'the refund after the refused one to be sent',
    });
    expect((await refundsOf(cancelled[0].id))[0].status).toBe('failed');
    expect(stripe.refunds.filter((r) => r.payment_intent === disputed.intentId)).toEqual([]);

    // A store's refund Stripe refuses is answered, failed, and does not use up the order.
    const kept = disputed.orders.find((o) => o.sellerId === mango.store)!;
    await eventually(async () => (await order(disputed.buyer, kept.id)).status === 'paid', { what: 'the paid order' });
    const refused = await refundByAdmin(kept.id, { reason: '买家要求退款' });
    expect(refused.body.status).toBe('failed');
    stripe.refuseRefundsOf(disputed.intentId, false);
    const retried = await refundByAdmin(kept.id, { reason: '买家要求退款' });
    expect(retried.body).toMatchObject({ status: 'succeeded', amountFen: kept.totalFen });
    expect(await trialBalance()).toBe(0);
  });

  it('frees the amount of a Stripe refund that Stripe cancels, so the order can be refunded again', async () => {
    const { variant } = await newStore();
    const { buyer, intentId, orders } = await checkout([{ variantId: variant, quantity: 1 }]);
    const [placed] = orders;
    await paid(intentId);
    await eventually(async () => (await order(buyer, placed.id)).status === 'paid', { what: 'the order to be paid' });
    stripe.refundsSettleLater(true);
    let first: { id: string; status: string };
    try {
      first = (await refundByAdmin(placed.id, { reason: '退款' })).body;
    } finally {
      stripe.refundsSettleLater(false);
    }
    expect(first.status).toBe('pending');

    // Stripe cancels the refund (it needed an action nobody took): no money went back.
    const atStripe = stripe.refunds.find((r) => (r.metadata as { refundId: string }).refundId === first.id)!;
    await stripeSends(api, stripe, 'refund.updated', { ...atStripe, status: 'canceled' });
    await eventually(async () => (await refundsOf(placed.id))[0].status === 'failed', {
      what: 'the cancelled refund to fail',
    });
    const again = await refundByAdmin(placed.id, { reason: '退款' });
    expect(again.body).toMatchObject({ status: 'succeeded', amountFen: placed.totalFen });
    expect(await trialBalance()).toBe(0);
  });

  it("audits a refund a trainer makes for a trainee's store", async () => {
    const { owner, seller, store, variant } = await newStore();
    const trainerUser = await registerUser(api);
    await api
      .http()
      .post(`/api/v1/admin/users/${trainerUser.id}/roles`)
      .set(admin)
      .send({ roles: ['trainer'] })
      .expect(201);
    const trainer = bearer((await loginUser(api, trainerUser)).accessToken);
    await api.http().post('/api/v1/me/assistance-consents').set(seller).send({ trainerId: trainerUser.id }).expect(201);
    const { buyer, intentId, orders } = await checkout([{ variantId: variant, quantity: 1 }]);
    const [placed] = orders;
    await paid(intentId);
    await eventually(async () => (await order(buyer, placed.id)).status === 'paid', { what: 'the order to be paid' });

    await api
      .http()
      .post(`/api/v1/seller/stores/${store}/orders/${placed.id}/refunds`)
      .set(trainer)
      .send({ reason: '缺货' })
      .expect(201);
    const detail = await api.http().get(`/api/v1/admin/sellers/${store}`).set(admin).expect(200);
    expect(detail.body.assistedActions).toEqual([
      expect.objectContaining({
        actorId: trainerUser.id,
        onBehalfOfId: owner.id,
        action: 'order.refunded',
      }),
    ]);
  });
});
