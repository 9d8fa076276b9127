import { randomUUID } from 'node:crypto';
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
} from '../utils/marketplace';

describe('live selling review: lock order', () => {
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
  const deadlocks = async () =>
    Number((await q(`SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()`))[0].deadlocks);
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

  async function start(seller: { authorization: string }, store: string) {
    return store;
  }
  void start;

  it('D. the expiry sweep never deadlocks with a buyer re-buying the item', async () => {
    const { api, admin } = market;
    const { seller, store } = await openStore(market);
    const [v0, v1] = await publishProduct(api, seller, admin, store, mangoProduct());
    const [small, large] = [v0, v1].sort((a, b) => a.localeCompare(b));
    const s = await api.http().post('/api/v1/live-sessions').set(seller).send(liveSessionBody(store)).expect(201);
    const sessionId = s.body.id as string;
    await api
      .http()
      .post(`/api/v1/live-sessions/${sessionId}/items`)
      .set(seller)
      .send({ variantId: small, livePriceFen: 100, allocation: 20, perBuyerLimit: 3 })
      .expect(201);
    await api.http().post(`/api/v1/live-sessions/${sessionId}/start`).set(seller).expect(201);
    const y = await market.newBuyer();
    const xUser = await registerUser(api);
    const x = bearer((await loginUser(api, xUser)).accessToken);
    // Y: the live item and a regular one; X: the live item.
    const yOrder = (
      await checkout(y, sessionId, [
        { variantId: small, quantity: 1 },
        { variantId: large, quantity: 1 },
      ]).expect(201)
    ).body.orders[0].id;
    const xOrder = (await checkout(x, sessionId, [{ variantId: small, quantity: 1 }]).expect(201)).body.orders[0].id;
    await q(`UPDATE orders SET expires_at = now() - interval '2 seconds' WHERE id = $1`, [yOrder]);
    await q(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [xOrder]);
    const before = await deadlocks();

    // Something else briefly holds the regular variant's row (a seller editing stock, a checkout of it).
    const blocker = db().createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`SELECT id FROM product_variants WHERE id = $1 FOR UPDATE`, [large]);
    const sweep = market.worker.module
      .get(OrderTimersProcessor)
      .expireOverdue()
      .then(
        (n) => ({ ok: n }),
        (e: Error) => ({ error: e.message }),
      );
    await waiting(1); // the sweep holds the offer (Y's live line given back) and waits for the variant
    const rebuy = checkout(x, sessionId, [{ variantId: small, quantity: 1 }]).then((r) => r);
    await waiting(2); // X's checkout counted X's row and waits for the offer
    await blocker.rollbackTransaction();
    await blocker.release();
    const [swept, bought] = await Promise.all([sweep, rebuy]);
    const statuses = await q(`SELECT id, status FROM orders WHERE id = ANY($1)`, [[yOrder, xOrder]]);
    expect(bought.status).toBeLessThan(500);
    expect(swept).toEqual({ ok: 2 });
    expect(statuses.map((o: { status: string }) => o.status)).toEqual(['expired', 'expired']);
    expect((await deadlocks()) - before).toBe(0);
  });

  it('E. unpinning an item while a checkout buys it with another variant of the product never deadlocks', async () => {
    const { api, admin } = market;
    const { seller, store } = await openStore(market);
    const [v0, v1] = await publishProduct(api, seller, admin, store, mangoProduct());
    const [small, large] = [v0, v1].sort((a, b) => a.localeCompare(b));
    const s = await api.http().post('/api/v1/live-sessions').set(seller).send(liveSessionBody(store)).expect(201);
    const sessionId = s.body.id as string;
    const offer = await api
      .http()
      .post(`/api/v1/live-sessions/${sessionId}/items`)
      .set(seller)
      .send({ variantId: large, livePriceFen: 100, allocation: 20, perBuyerLimit: 3 })
      .expect(201);
    await api.http().post(`/api/v1/live-sessions/${sessionId}/start`).set(seller).expect(201);
    const xUser = await registerUser(api);
    const x = bearer((await loginUser(api, xUser)).accessToken);
    const before = await deadlocks();
    const blocker = db().createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`INSERT INTO live_offer_buyers (offer_id, buyer_id, units) VALUES ($1, $2, 0)`, [
      offer.body.id,
      xUser.id,
    ]);
    // The cart: the regular 5斤 box (sorts first) and the live 10斤 box.
    const bought = checkout(x, sessionId, [
      { variantId: small, quantity: 1 },
      { variantId: large, quantity: 1 },
    ]).then((r) => r);
    await waiting(1);
    // The checkout waits on the buyer's count, before any offer, variant or product: the unpin goes through.
    const unpinned = await api.http().delete(`/api/v1/live-sessions/${sessionId}/items/${offer.body.id}`).set(seller);
    await blocker.rollbackTransaction();
    await blocker.release();
    const [c, u] = [await bought, unpinned];
    expect(c.body.code).toBe('LIVE_ALLOCATION_EXHAUSTED');
    expect((await deadlocks()) - before).toBe(0);
    expect(c.status).toBeLessThan(500);
    expect(u.status).toBeLessThan(500);
  });
});
