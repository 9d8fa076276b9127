import { randomUUID } from 'node:crypto';
import { liveSessionBody } from '../factories/live-session.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { newTrainer, openCohort } from '../factories/cohort.factory';
import { eventually } from '../utils/eventually';
import { BUYER_ADDRESS, MarketplaceWithWorker, openStore, startMarketplace } from '../utils/marketplace';

describe('live selling review: practice rooms and report', () => {
  let market: MarketplaceWithWorker;
  beforeAll(async () => {
    market = await startMarketplace();
  });
  afterAll(async () => {
    await market?.close();
  });
  const q = async (sql: string, params: unknown[] = []) => market.worker.dataSource.query(sql, params);

  it('F. a trainee who left the cohort can no longer run its practice room, nor its trainer co-manage it', async () => {
    const { api, admin } = market;
    const trainer = await newTrainer(market);
    const cohort = await openCohort(market, trainer.auth);
    const { seller, store, owner } = await openStore(market);
    const [mango] = await publishProduct(api, seller, admin, store, mangoProduct());
    const enrolment = await api
      .http()
      .post(`/api/v1/cohorts/${cohort.id}/enrollments`)
      .set(seller)
      .send({})
      .expect(201);
    await eventually(
      async () =>
        (await q(`SELECT seated FROM practice_room_seats WHERE trainee_id = $1`, [owner!.id]))[0]?.seated === true,
      { what: 'the seat' },
    );
    const room = await api
      .http()
      .post('/api/v1/live-sessions')
      .set(seller)
      .send(liveSessionBody(store, { cohortId: cohort.id }))
      .expect(201);
    await api
      .http()
      .post(`/api/v1/enrollments/${enrolment.body.id}/withdraw`)
      .set(seller)
      .send({ reason: '家里农忙' })
      .expect(201);
    await eventually(
      async () =>
        (await q(`SELECT seated FROM practice_room_seats WHERE trainee_id = $1`, [owner!.id]))[0]?.seated === false,
      { what: 'the seat gone' },
    );
    // A new room is refused…
    const again = await api
      .http()
      .post('/api/v1/live-sessions')
      .set(seller)
      .send(liveSessionBody(store, { cohortId: cohort.id }));
    // …but the one made before leaving: the trainer still pins the trainee's stock, it goes live, sales are the cohort's.
    const pinned = await api
      .http()
      .post(`/api/v1/live-sessions/${room.body.id}/items`)
      .set(trainer.auth)
      .send({ variantId: mango, livePriceFen: 100, allocation: 50, perBuyerLimit: 5 });
    const started = await api.http().post(`/api/v1/live-sessions/${room.body.id}/start`).set(seller);
    const buyer = await market.newBuyer();
    const bought = await api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', randomUUID())
      .send({
        items: [{ variantId: mango, quantity: 1 }],
        shippingAddress: BUYER_ADDRESS,
        paymentMethod: 'cash_on_delivery',
        liveSessionId: room.body.id,
      });
    const [order] = await q(`SELECT live_cohort_id, live_trainer_id FROM orders WHERE id = $1`, [
      bought.body.orders?.[0]?.id,
    ]);
    expect(again.status).toBe(409);
    expect(pinned.status).toBe(404);
    expect(started.status).toBe(409);
    // Not live, so bought at the regular price and attributed to nobody's cohort.
    expect(order).toEqual({ live_cohort_id: null, live_trainer_id: null });
  });

  it('G. the report counts what the live lines sold: its paid GMV agrees with its items', async () => {
    const { api, admin } = market;
    const { seller, store } = await openStore(market);
    const [small, large] = await publishProduct(api, seller, admin, store, mangoProduct());
    const s = await api.http().post('/api/v1/live-sessions').set(seller).send(liveSessionBody(store)).expect(201);
    await api
      .http()
      .post(`/api/v1/live-sessions/${s.body.id}/items`)
      .set(seller)
      .send({ variantId: small, livePriceFen: 1000, allocation: 5, perBuyerLimit: 5 })
      .expect(201);
    await api.http().post(`/api/v1/live-sessions/${s.body.id}/start`).set(seller).expect(201);
    const buyer = await market.newBuyer();
    const bought = await api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', randomUUID())
      .send({
        items: [
          { variantId: small, quantity: 1 },
          { variantId: large, quantity: 1 },
        ],
        shippingAddress: BUYER_ADDRESS,
        paymentMethod: 'cash_on_delivery',
        liveSessionId: s.body.id,
      })
      .expect(201);
    const orderId = bought.body.orders[0].id;
    // Deliver, collect the cash: paid.
    await q(`UPDATE orders SET status = 'delivered', delivered_at = now() WHERE id = $1`, [orderId]);
    await api.http().post(`/api/v1/seller/stores/${store}/orders/${orderId}/cash-collected`).set(seller).send({});
    const report = await eventually(
      async () => {
        const r = await api.http().get(`/api/v1/seller/live-sessions/${s.body.id}/report`).set(seller).expect(200);
        return r.body.orders > 0 ? r.body : false;
      },
      { what: 'the report' },
    );
    // The session's GMV is what its live lines sold (¥10), matching its only item; the regular 10斤 box is not the stream's.
    expect(report).toMatchObject({ orders: 1, units: 1, paidGmvFen: 1000 });
    expect(report.items.map((i: { goodsFen: number; unitsSold: number }) => [i.unitsSold, i.goodsFen])).toEqual([
      [1, 1000],
    ]);
  });
});
