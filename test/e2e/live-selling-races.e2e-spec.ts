import { inFlight, liveCheckout, liveSessionSelling } from '../factories/live-session.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { trainees } from '../factories/trainee.factory';
import { MarketplaceWithWorker, openStore, startMarketplace } from '../utils/marketplace';

/**
 * Issue 13, "Done when": buyers racing for a live item over HTTP, with the real worker,
 * PostgreSQL and Redis. Nobody gets more than their limit, nothing is sold twice, a refusal
 * is a clean 409 with no payment behind it, and stock and allocation add up afterwards.
 */
describe('live selling under a burst of buyers', () => {
  let market: MarketplaceWithWorker;

  beforeAll(async () => {
    market = await startMarketplace();
  });
  afterAll(async () => {
    await market?.close();
  });

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    market.worker.dataSource.query(sql, params) as Promise<T[]>;
  const stockOf = async (variantId: string) =>
    (await query<{ stock: number }>('SELECT stock FROM product_variants WHERE id = $1', [variantId]))[0].stock;
  const offerOf = async (offerId: string) =>
    (
      await query<{ remaining: number; allocated: number }>(
        'SELECT remaining, allocated FROM live_offers WHERE id = $1',
        [offerId],
      )
    )[0];

  /** A new store with the mango box (200 in stock, ¥59.90) pinned live at ¥49.90. */
  async function sellingLive(allocation: number, perBuyerLimit: number) {
    const { seller, store } = await openStore(market);
    const [variantId] = await publishProduct(market.api, seller, market.admin, store, mangoProduct());
    const stockBefore = await stockOf(variantId);
    const live = await liveSessionSelling(market.api, seller, store, {
      variantId,
      livePriceFen: 4990,
      allocation,
      perBuyerLimit,
    });
    return { seller, store, variantId, stockBefore, ...live };
  }

  it('gives one buyer firing 10 parallel checkouts with a limit of 2 exactly 2, and no payment for the rest', async () => {
    const { variantId, sessionId, itemId } = await sellingLive(10, 2);
    const [buyer] = await trainees(market, 1);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => liveCheckout(market.api, buyer.auth, sessionId, [{ variantId, quantity: 1 }])),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 201, ...Array(8).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.code).toBe('LIVE_PURCHASE_LIMIT_EXCEEDED');
    }
    const placed = answers.filter((a) => a.status === 201).map((a) => a.body.orders[0]);
    expect(placed.map((o) => o.goodsFen)).toEqual([4990, 4990]);

    // Only the two orders exist, each with its one payment; the refused checkouts left nothing behind.
    const orders = await query<{ id: string }>('SELECT id FROM orders WHERE buyer_id = $1', [buyer.id]);
    expect(orders.map((o) => o.id).sort()).toEqual(placed.map((o) => o.id).sort());
    const [{ payments }] = await query<{ payments: number }>(
      'SELECT count(*)::int AS payments FROM payments WHERE payer_id = $1',
      [buyer.id],
    );
    expect(payments).toBe(2);
    const [{ groups }] = await query<{ groups: number }>(
      'SELECT count(*)::int AS groups FROM order_groups WHERE buyer_id = $1',
      [buyer.id],
    );
    expect(groups).toBe(2);
    expect(
      await query('SELECT units FROM live_offer_buyers WHERE offer_id = $1 AND buyer_id = $2', [itemId, buyer.id]),
    ).toEqual([{ units: 2 }]);
    expect(await offerOf(itemId)).toEqual({ remaining: 8, allocated: 10 });
  });

  it('sells exactly 200 units to 1,000 buyers racing for them, refuses the other 800 with 409, never a 5xx', async () => {
    const { seller, variantId, sessionId, itemId, stockBefore } = await sellingLive(200, 1);
    expect(await stockOf(variantId)).toBe(stockBefore - 200);
    const buyers = await trainees(market, 1000);
    const answers = await inFlight(
      64,
      buyers.map((b) => () => liveCheckout(market.api, b.auth, sessionId, [{ variantId, quantity: 1 }])),
    );

    const byStatus = new Map<string, number>();
    for (const a of answers) {
      const key = a.status === 201 ? '201' : `${a.status} ${a.body.code}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(byStatus)).toEqual({ '201': 200, '409 LIVE_ALLOCATION_EXHAUSTED': 800 });
    expect(answers.filter((a) => a.status === 201).every((a) => a.body.orders[0].goodsFen === 4990)).toBe(true);

    expect(await offerOf(itemId)).toEqual({ remaining: 0, allocated: 200 });
    const [sold] = await query<{ units: number; buyers: number; orders: number }>(
      `SELECT coalesce(sum(quantity), 0)::int AS units, count(DISTINCT o.buyer_id)::int AS buyers,
              count(DISTINCT o.id)::int AS orders
         FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.live_offer_id = $1`,
      [itemId],
    );
    expect(sold).toEqual({ units: 200, buyers: 200, orders: 200 });
    const [counted] = await query<{ rows: number; units: number; most: number }>(
      `SELECT count(*)::int AS rows, coalesce(sum(units), 0)::int AS units, coalesce(max(units), 0)::int AS most
         FROM live_offer_buyers WHERE offer_id = $1`,
      [itemId],
    );
    expect(counted).toEqual({ rows: 200, units: 200, most: 1 });
    const [{ payments }] = await query<{ payments: number }>(
      'SELECT count(*)::int AS payments FROM payments WHERE payer_id = ANY($1::uuid[])',
      [buyers.map((b) => b.id)],
    );
    expect(payments).toBe(200);

    // The stock never went below zero, and ending the session (nothing unsold) leaves it as the sale left it.
    const variantStock = await stockOf(variantId);
    expect(variantStock).toBe(stockBefore - 200);
    expect(variantStock).toBeGreaterThanOrEqual(0);
    await market.api.http().post(`/api/v1/live-sessions/${sessionId}/end`).set(seller).expect(201);
    expect(await stockOf(variantId)).toBe(stockBefore - 200);
    expect(await offerOf(itemId)).toEqual({ remaining: 0, allocated: 200 });
    // About 15 s on an idle machine; room for one shared with other suites.
  }, 120_000);

  it('keeps stock and allocation adding up when the host ends the session in the middle of a burst', async () => {
    const { seller, variantId, sessionId, itemId, stockBefore } = await sellingLive(100, 1);
    const buyers = await trainees(market, 200);
    let dispatched = 0;
    const answers = await inFlight(
      32,
      buyers.map((b) => async () => {
        if (++dispatched === 60) {
          await market.api.http().post(`/api/v1/live-sessions/${sessionId}/end`).set(seller).expect(201);
        }
        return liveCheckout(market.api, b.auth, sessionId, [{ variantId, quantity: 1 }]);
      }),
    );
    // Each buyer got a clean yes (live or, after the end, regular) or a clean no.
    for (const a of answers) {
      const answer = a.status === 201 ? `201 ${a.body.orders[0].goodsFen}` : `${a.status} ${a.body.code}`;
      expect(['201 4990', '201 5990', '409 LIVE_ALLOCATION_EXHAUSTED', '409 OUT_OF_STOCK']).toContain(answer);
    }
    const [lines] = await query<{ live: number; regular: number }>(
      `SELECT coalesce(sum(quantity) FILTER (WHERE live_offer_id IS NOT NULL), 0)::int AS live,
              coalesce(sum(quantity) FILTER (WHERE live_offer_id IS NULL), 0)::int AS regular
         FROM order_lines WHERE variant_id = $1`,
      [variantId],
    );
    expect(lines.live).toBeGreaterThan(0);
    expect(lines.live).toBeLessThanOrEqual(100);
    expect(answers.filter((a) => a.status === 201 && a.body.orders[0].goodsFen === 4990)).toHaveLength(lines.live);
    const after = await stockOf(variantId);
    expect(after).toBeGreaterThanOrEqual(0);
    expect(after + lines.live + lines.regular).toBe(stockBefore);
    expect(await offerOf(itemId)).toEqual({ remaining: 0, allocated: 100 });
    const [{ counted }] = await query<{ counted: number }>(
      'SELECT coalesce(sum(units), 0)::int AS counted FROM live_offer_buyers WHERE offer_id = $1',
      [itemId],
    );
    expect(counted).toBe(lines.live);
  });
});
