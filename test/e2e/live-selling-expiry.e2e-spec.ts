import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { liveCheckout, liveSessionSelling } from '../factories/live-session.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { trainees } from '../factories/trainee.factory';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  openStore,
  startMarketplace,
  stripePaymentSucceeded,
} from '../utils/marketplace';

/**
 * Issue 13, "Done when": 50 buyers for 20 units with a limit of 1, paying by card → 20 holds
 * and 30 LIVE_ALLOCATION_EXHAUSTED; the 3 holds left unpaid expire and give their 3 units back
 * to the stream once (and out of their buyers' counts); after the session ends, a lapsed live
 * order gives its units back to the variant's stock instead.
 */
describe('live orders left unpaid', () => {
  let market: MarketplaceWithWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    // The orders' expiry runs only when the test calls it.
    market = await startMarketplace({ ...fakeStripeEnvironment(stripe), ORDER_EXPIRY_SWEEP_SECONDS: '3600' });
  });
  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    market.worker.dataSource.query(sql, params) as Promise<T[]>;
  const stockOf = async (variantId: string) =>
    (await query<{ stock: number }>('SELECT stock FROM product_variants WHERE id = $1', [variantId]))[0].stock;
  const remainingOf = async (offerId: string) =>
    (await query<{ remaining: number }>('SELECT remaining FROM live_offers WHERE id = $1', [offerId]))[0].remaining;
  const unitsOf = async (offerId: string, buyerId: string) =>
    (
      await query<{ units: number }>('SELECT units FROM live_offer_buyers WHERE offer_id = $1 AND buyer_id = $2', [
        offerId,
        buyerId,
      ])
    )[0]?.units ?? 0;
  const statusOf = async (orderId: string) =>
    (await query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId]))[0].status;
  const lapse = (orderIds: string[]) =>
    query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [orderIds]);
  const intentOf = (answer: { body: { payments: Array<{ clientSecret: string }> } }) =>
    answer.body.payments[0].clientSecret.split('_secret_')[0];

  it('holds 20 of 50, expires the 3 left unpaid once, back to the stream while live and to stock after', async () => {
    const { api } = market;
    const timers = market.worker.module.get(OrderTimersProcessor);
    const { seller, store } = await openStore(market);
    const [variantId] = await publishProduct(api, seller, market.admin, store, mangoProduct());
    const stockBefore = await stockOf(variantId);
    const { sessionId, itemId } = await liveSessionSelling(api, seller, store, {
      variantId,
      livePriceFen: 4990,
      allocation: 20,
      perBuyerLimit: 1,
    });
    const intentsBefore = stripe.intents.size;

    const buyers = await trainees(market, 50);
    const answers = await Promise.all(
      buyers.map((b) => liveCheckout(api, b.auth, sessionId, [{ variantId, quantity: 1 }], 'stripe')),
    );
    const held = buyers.flatMap((buyer, i) => (answers[i].status === 201 ? [{ buyer, answer: answers[i] }] : []));
    expect(held).toHaveLength(20);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.body.code])).toEqual(Array(30).fill([409, 'LIVE_ALLOCATION_EXHAUSTED']));
    for (const { answer } of held) {
      expect(answer.body.orders[0]).toMatchObject({ status: 'pending_payment', goodsFen: 4990 });
    }
    // One PaymentIntent per hold, none for a refusal.
    expect(stripe.intents.size - intentsBefore).toBe(20);
    const [{ payments }] = await query<{ payments: number }>(
      'SELECT count(*)::int AS payments FROM payments WHERE payer_id = ANY($1::uuid[])',
      [buyers.map((b) => b.id)],
    );
    expect(payments).toBe(20);
    expect(await remainingOf(itemId)).toBe(0);

    // 17 pay; 3 do not.
    const paying = held.slice(0, 17);
    const unpaid = held.slice(17);
    for (const { answer } of paying) await stripePaymentSucceeded(api, stripe, intentOf(answer));
    const orderIds = (hs: typeof held) => hs.map((h) => h.answer.body.orders[0].id as string);
    await eventually(
      async () => {
        const [{ n }] = await query<{ n: number }>(
          `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'paid'`,
          [orderIds(paying)],
        );
        return n === 17;
      },
      { what: 'the 17 orders to be paid' },
    );

    // Every hold's deadline passes; only the 3 unpaid expire, once, and their 3 units go back to the stream.
    await lapse(orderIds(held));
    expect(await timers.expireOverdue()).toBe(3);
    expect(await remainingOf(itemId)).toBe(3);
    expect(await timers.expireOverdue()).toBe(0);
    expect(await remainingOf(itemId)).toBe(3);
    for (const id of orderIds(unpaid)) expect(await statusOf(id)).toBe('expired');
    for (const id of orderIds(paying)) expect(await statusOf(id)).toBe('paid');

    // Their buyers are out of the count, so they could buy again; a buyer who paid is still at the limit.
    for (const { buyer } of unpaid) expect(await unitsOf(itemId, buyer.id)).toBe(0);
    expect(await unitsOf(itemId, paying[0].buyer.id)).toBe(1);
    const again = await liveCheckout(api, unpaid[0].buyer.auth, sessionId, [{ variantId, quantity: 1 }], 'stripe');
    expect(again.status).toBe(201);
    expect(again.body.orders[0].goodsFen).toBe(4990);
    const over = await liveCheckout(api, paying[0].buyer.auth, sessionId, [{ variantId, quantity: 1 }], 'stripe');
    expect([over.status, over.body.code]).toEqual([409, 'LIVE_PURCHASE_LIMIT_EXCEEDED']);
    expect(await remainingOf(itemId)).toBe(2);
    // Viewers see it within the showcase's second of caching.
    await eventually(
      async () => {
        const view = await api.http().get(`/api/v1/live-sessions/${sessionId}`).expect(200);
        return view.body.items[0]?.remaining === 2;
      },
      { what: 'viewers to see 2 left' },
    );

    // The session ends: the 2 unsold go back to stock; the order still unpaid lapses into stock too, once.
    await api.http().post(`/api/v1/live-sessions/${sessionId}/end`).set(seller).expect(201);
    expect(await stockOf(variantId)).toBe(stockBefore - 20 + 2);
    await lapse([again.body.orders[0].id]);
    expect(await timers.expireOverdue()).toBe(1);
    expect(await timers.expireOverdue()).toBe(0);
    expect(await stockOf(variantId)).toBe(stockBefore - 20 + 3);
    expect(await remainingOf(itemId)).toBe(0);
    expect(await unitsOf(itemId, unpaid[0].buyer.id)).toBe(0);

    // What was sold adds up: 17 paid units, and stock + units in orders still open = what there was.
    const [{ sold }] = await query<{ sold: number }>(
      `SELECT coalesce(sum(l.quantity), 0)::int AS sold FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE l.live_offer_id = $1 AND o.status = 'paid'`,
      [itemId],
    );
    expect(sold).toBe(17);
    expect((await stockOf(variantId)) + sold).toBe(stockBefore);
  });
});
