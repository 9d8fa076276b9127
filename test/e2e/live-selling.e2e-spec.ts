import { randomUUID } from 'node:crypto';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { liveSessionSelling } from '../factories/live-session.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { BUYER_ADDRESS, MarketplaceWithWorker, openStore, startMarketplace } from '../utils/marketplace';

describe('live selling (smoke)', () => {
  let market: MarketplaceWithWorker;

  beforeAll(async () => {
    market = await startMarketplace();
  });
  afterAll(async () => {
    await market?.close();
  });

  const stockOf = async (variantId: string) =>
    (await market.worker.dataSource.query('SELECT stock FROM product_variants WHERE id = $1', [variantId]))[0]
      .stock as number;

  it('sets units aside, sells them at the live price within the limit, and gives back what lapses or is unsold', async () => {
    const { api, admin } = market;
    const { seller, store } = await openStore(market);
    const [mango] = await publishProduct(api, seller, admin, store, mangoProduct());
    const { sessionId, itemId } = await liveSessionSelling(api, seller, store, {
      variantId: mango,
      livePriceFen: 4990,
      allocation: 3,
      perBuyerLimit: 2,
    });
    expect(await stockOf(mango)).toBe(197);
    const buyer = await market.newBuyer();
    const checkout = (quantity: number, who = buyer) =>
      api
        .http()
        .post('/api/v1/checkout')
        .set(who)
        .set('idempotency-key', randomUUID())
        .send({
          items: [{ variantId: mango, quantity }],
          shippingAddress: BUYER_ADDRESS,
          paymentMethod: 'cash_on_delivery',
          liveSessionId: sessionId,
        });
    const first = await checkout(2).expect(201);
    expect(first.body.orders[0].goodsFen).toBe(9980);
    expect((await checkout(1).expect(409)).body.code).toBe('LIVE_PURCHASE_LIMIT_EXCEEDED');
    const other = await market.newBuyer();
    expect((await checkout(2, other).expect(409)).body.code).toBe('LIVE_ALLOCATION_EXHAUSTED');
    await checkout(1, other).expect(201);
    const view = await api.http().get(`/api/v1/live-sessions/${sessionId}`).expect(200);
    expect(view.body.items).toEqual([
      expect.objectContaining({ id: itemId, livePriceFen: 4990, regularPriceFen: 5990, allocated: 3 }),
    ]);
    expect(view.headers.etag).toBeTruthy();
    await api.http().get(`/api/v1/live-sessions/${sessionId}`).set('if-none-match', view.headers.etag).expect(304);

    // Ending gives the unsold rest back to stock (none is left here); an order cancelled later goes to stock too.
    await api.http().post(`/api/v1/live-sessions/${sessionId}/end`).set(seller).expect(201);
    expect(await stockOf(mango)).toBe(197);
    await api.http().post(`/api/v1/orders/${first.body.orders[0].id}/cancel`).set(buyer).send({}).expect(201);
    expect(await stockOf(mango)).toBe(199);
    expect(market.worker.module.get(OrderTimersProcessor)).toBeTruthy();
  });
});
