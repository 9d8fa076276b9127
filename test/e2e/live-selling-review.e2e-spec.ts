import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { liveSessionBody } from '../factories/live-session.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { startFakeStripe } from '../utils/fake-stripe';
import { eventually } from '../utils/eventually';
import {
  bearer,
  BUYER_ADDRESS,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  openStore,
  startMarketplace,
  stripePaymentSucceeded,
} from '../utils/marketplace';

describe('live selling review', () => {
  let market: MarketplaceWithWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace({ ...fakeStripeEnvironment(stripe) });
  });
  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  const db = () => market.worker.dataSource;
  const q = async (sql: string, params: unknown[] = []) => db().query(sql, params);

  const checkout = (
    who: { authorization: string },
    sessionId: string,
    items: Array<{ variantId: string; quantity: number }>,
    paymentMethod = 'stripe',
  ) =>
    market.api
      .http()
      .post('/api/v1/checkout')
      .set(who)
      .set('idempotency-key', randomUUID())
      .send({ items, shippingAddress: BUYER_ADDRESS, paymentMethod, liveSessionId: sessionId });

  async function session(host: { authorization: string }, store: string) {
    const res = await market.api
      .http()
      .post('/api/v1/live-sessions')
      .set(host)
      .send(liveSessionBody(store))
      .expect(201);
    return res.body.id as string;
  }
  const pin = (host: { authorization: string }, sessionId: string, body: Record<string, unknown>) =>
    market.api.http().post(`/api/v1/live-sessions/${sessionId}/items`).set(host).send(body);

  it('A. a payment arriving after expiry never retakes units past the per-buyer limit', async () => {
    const { api, admin } = market;
    const { seller, store } = await openStore(market);
    const [mango] = await publishProduct(api, seller, admin, store, mangoProduct());
    const sessionId = await session(seller, store);
    const item = await pin(seller, sessionId, {
      variantId: mango,
      livePriceFen: 4990,
      allocation: 10,
      perBuyerLimit: 2,
    }).expect(201);
    await api.http().post(`/api/v1/live-sessions/${sessionId}/start`).set(seller).expect(201);

    const buyer = await market.newBuyer();
    const first = await checkout(buyer, sessionId, [{ variantId: mango, quantity: 2 }]).expect(201);
    const firstOrder = first.body.orders[0].id as string;
    const intentId = (first.body.payments[0].clientSecret as string).split('_secret_')[0];
    await q(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [firstOrder]);
    await market.worker.module.get(OrderTimersProcessor).expireOverdue();
    // The lapsed order gave its 2 units back and out of the buyer's count: the buyer buys 2 again.
    await checkout(buyer, sessionId, [{ variantId: mango, quantity: 2 }]).expect(201);
    // Then the first payment arrives late.
    await stripePaymentSucceeded(api, stripe, intentId);
    await eventually(
      async () => {
        const [o] = await q(`SELECT status FROM orders WHERE id = $1`, [firstOrder]);
        return o.status !== 'expired';
      },
      { what: 'the late payment to be handled' },
    );
    const [{ status }] = await q(`SELECT status FROM orders WHERE id = $1`, [firstOrder]);
    const [{ units }] = await q(`SELECT units FROM live_offer_buyers WHERE offer_id = $1`, [item.body.id]);
    const [{ held }] = await q(
      `SELECT coalesce(sum(l.quantity),0)::int AS held FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE l.live_offer_id = $1 AND o.status IN ('pending_payment','paid')`,
      [item.body.id],
    );
    expect(held).toBeLessThanOrEqual(2); // the limit is 2 per buyer
    expect(units).toBeLessThanOrEqual(2);
    // The late payment could not retake within the limit: its order is cancelled (and refunded).
    expect(status).toBe('cancelled');
  });

  it('B. a staff member removed from the store no longer runs the session they host', async () => {
    const { api, admin } = market;
    const { seller, store } = await openStore(market);
    const [mango] = await publishProduct(api, seller, admin, store, mangoProduct());
    const staffUser = await registerUser(api);
    const staff = bearer((await loginUser(api, staffUser)).accessToken);
    await api
      .http()
      .post(`/api/v1/seller/stores/${store}/staff`)
      .set(seller)
      .send({ email: staffUser.email })
      .expect(201);
    const sessionId = await session(staff, store);
    await api.http().delete(`/api/v1/seller/stores/${store}/staff/${staffUser.id}`).set(seller).expect(200);
    // No longer a member: the store itself is hidden from them…
    await api.http().get(`/api/v1/seller/stores/${store}`).set(staff).expect(404);
    // …but the session is not: they pin the store's stock at 1 fen.
    const res = await pin(staff, sessionId, { variantId: mango, livePriceFen: 1, allocation: 150, perBuyerLimit: 150 });
    expect(res.status).toBe(404);
  });

  it('C. ending a session while a two-item live checkout runs never deadlocks (no 5xx)', async () => {
    const { api, admin } = market;
    const { seller, store } = await openStore(market);
    const [v0, v1] = await publishProduct(api, seller, admin, store, mangoProduct());
    const [small, large] = [v0, v1].sort((a, b) => a.localeCompare(b));
    const sessionId = await session(seller, store);
    // Display order puts the variant that sorts later first: the session ends offers in display order.
    const oLarge = await pin(seller, sessionId, {
      variantId: large,
      livePriceFen: 100,
      allocation: 20,
      perBuyerLimit: 5,
      displayOrder: 0,
    }).expect(201);
    await pin(seller, sessionId, {
      variantId: small,
      livePriceFen: 100,
      allocation: 20,
      perBuyerLimit: 5,
      displayOrder: 1,
    }).expect(201);
    await api.http().post(`/api/v1/live-sessions/${sessionId}/start`).set(seller).expect(201);
    const buyerUser = await registerUser(api);
    const buyer = bearer((await loginUser(api, buyerUser)).accessToken);

    // A third party holds the buyer's row of the later offer, so the checkout pauses between its two offers
    // (as a slow statement or a busy CPU would): it has taken `small` and waits before `large`.
    const blocker = db().createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`INSERT INTO live_offer_buyers (offer_id, buyer_id, units) VALUES ($1, $2, 0)`, [
      oLarge.body.id,
      buyerUser.id,
    ]);
    const waiting = async (n: number) =>
      eventually(
        async () => {
          const [{ c }] = await q(
            `SELECT count(*)::int AS c FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
          );
          return c >= n;
        },
        { what: `${n} waiting backends` },
      );
    const bought = checkout(
      buyer,
      sessionId,
      [
        { variantId: small, quantity: 1 },
        { variantId: large, quantity: 1 },
      ],
      'cash_on_delivery',
    ).then((r) => r);
    await waiting(1);
    const ended = api
      .http()
      .post(`/api/v1/live-sessions/${sessionId}/end`)
      .set(seller)
      .then((r) => r);
    await waiting(2);
    await blocker.rollbackTransaction();
    await blocker.release();
    const [c, e] = await Promise.all([bought, ended]);
    expect(c.status).toBeLessThan(500);
    expect(e.status).toBeLessThan(500);
  });
});

export type { DataSource };
