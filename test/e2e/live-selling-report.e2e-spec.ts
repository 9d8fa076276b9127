import { newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { liveCheckout, liveSessionBody, pinLiveItem } from '../factories/live-session.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { trainees } from '../factories/trainee.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  Auth,
  bearer,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  openStore,
  startMarketplace,
  stripePaymentSucceeded,
} from '../utils/marketplace';

interface Report {
  orders: number;
  units: number;
  paidGmvFen: number;
  buyers: number;
  items: Array<{ id: string; variantId: string; orders: number; unitsSold: number; goodsFen: number; pinned: boolean }>;
}

/**
 * Issue 13, "Attribution and stats", in a cohort's practice room: a trainee with a verified
 * store goes live, the trainer co-manages; orders carry the session, the host, the cohort and
 * the trainer; the report counts what was paid, takes refunds out and drops a paid order that
 * was cancelled. Nobody else sees the session.
 */
describe("a practice room's attribution and report", () => {
  let market: MarketplaceWithWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace(fakeStripeEnvironment(stripe));
  });
  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    market.worker.dataSource.query(sql, params) as Promise<T[]>;
  const intentOf = (answer: { body: { payments: Array<{ clientSecret: string }> } }) =>
    answer.body.payments[0].clientSecret.split('_secret_')[0];

  it('attributes sales to host, cohort and trainer, and reports paid orders, units, GMV less refunds, buyers, per item', async () => {
    const { api, admin } = market;
    const trainer = await newTrainer(market);
    const cohortId = (await openCohort(market, trainer.auth)).id;
    const traineeUser = await registerUser(api);
    const trainee: Auth = bearer((await loginUser(api, traineeUser)).accessToken);
    const enrollment = await enrol(api, cohortId, trainee);
    expect(enrollment.status).toBe('enrolled');
    const { store } = await openStore(market, { seller: trainee });
    const [mango5, mango10] = await publishProduct(api, trainee, admin, store, mangoProduct());

    // The practice room opens once livestreams has heard of the seat.
    const session = await eventually(
      async () => {
        const res = await api
          .http()
          .post('/api/v1/live-sessions')
          .set(trainee)
          .send(liveSessionBody(store, { cohortId }));
        if (res.status === 409 && res.body.code === 'NOT_A_TRAINEE_OF_COHORT') return false;
        expect(res.status).toBe(201);
        return res.body as { id: string; cohortId: string; trainerId: string; hostUserId: string };
      },
      { what: 'the practice room to open' },
    );
    expect(session).toMatchObject({ cohortId, trainerId: trainer.user.id, hostUserId: traineeUser.id });
    const sessionId = session.id;

    // The trainer co-manages: pins an item and starts the stream.
    const box5 = await pinLiveItem(api, trainee, sessionId, {
      variantId: mango5,
      livePriceFen: 4990,
      allocation: 20,
      perBuyerLimit: 5,
    });
    const box10 = await pinLiveItem(api, trainer.auth, sessionId, {
      variantId: mango10,
      livePriceFen: 8990,
      allocation: 10,
      perBuyerLimit: 5,
    });
    await api.http().post(`/api/v1/live-sessions/${sessionId}/start`).set(trainer.auth).expect(201);
    const managed = await api.http().get('/api/v1/seller/live-sessions').set(trainer.auth).expect(200);
    expect(managed.body.items.map((s: { id: string }) => s.id)).toEqual([sessionId]);

    // Anyone else: another store's seller, a buyer. Never a hint the session exists.
    const { seller: stranger } = await openStore(market);
    const [buyer] = await trainees(market, 1);
    for (const who of [stranger, buyer.auth]) {
      for (const res of [
        await api.http().get(`/api/v1/seller/live-sessions/${sessionId}/report`).set(who),
        await api.http().get(`/api/v1/seller/live-sessions/${sessionId}`).set(who),
        await api.http().patch(`/api/v1/live-sessions/${sessionId}`).set(who).send({ title: '我的直播' }),
        await api.http().post(`/api/v1/live-sessions/${sessionId}/end`).set(who),
        await api.http().post(`/api/v1/live-sessions/${sessionId}/cancel`).set(who).send({}),
        await api.http().delete(`/api/v1/live-sessions/${sessionId}/items/${box5.id}`).set(who),
        await api
          .http()
          .post(`/api/v1/live-sessions/${sessionId}/items`)
          .set(who)
          .send({ variantId: mango10, livePriceFen: 1, allocation: 1, perBuyerLimit: 1 }),
      ]) {
        expect([res.status, res.body.code]).toEqual([404, 'LIVE_SESSION_NOT_FOUND']);
      }
      const list = await api.http().get('/api/v1/seller/live-sessions').set(who).expect(200);
      expect(list.body.items).toEqual([]);
    }

    // Four buyers by card; three pay. One more pays cash on delivery, not yet collected.
    const [b1, b2, b3, b4, b5] = await trainees(market, 5);
    const bought = [
      await liveCheckout(api, b1.auth, sessionId, [{ variantId: mango5, quantity: 2 }], 'stripe'),
      await liveCheckout(
        api,
        b2.auth,
        sessionId,
        [
          { variantId: mango5, quantity: 1 },
          { variantId: mango10, quantity: 1 },
        ],
        'stripe',
      ),
      await liveCheckout(api, b3.auth, sessionId, [{ variantId: mango10, quantity: 2 }], 'stripe'),
      await liveCheckout(api, b4.auth, sessionId, [{ variantId: mango5, quantity: 1 }], 'stripe'),
      await liveCheckout(api, b5.auth, sessionId, [{ variantId: mango5, quantity: 1 }], 'cash_on_delivery'),
    ];
    expect(bought.map((b) => b.status)).toEqual([201, 201, 201, 201, 201]);
    const [o1, , o3] = bought.map((b) => b.body.orders[0].id as string);
    const attribution = await query(
      `SELECT live_session_id AS "sessionId", live_host_user_id AS "hostId", live_cohort_id AS "cohortId",
              live_trainer_id AS "trainerId" FROM orders WHERE id = ANY($1::uuid[])`,
      [bought.map((b) => b.body.orders[0].id)],
    );
    expect(attribution).toEqual(
      Array(5).fill({ sessionId, hostId: traineeUser.id, cohortId, trainerId: trainer.user.id }),
    );
    for (const b of bought.slice(0, 3)) await stripePaymentSucceeded(api, stripe, intentOf(b));

    const report = (auth: Auth = trainee) =>
      api
        .http()
        .get(`/api/v1/seller/live-sessions/${sessionId}/report`)
        .set(auth)
        .expect(200)
        .then((r) => r.body as Report);
    const reportWhen = (what: string, ok: (r: Report) => boolean) =>
      eventually(
        async () => {
          const r = await report();
          return ok(r) ? r : undefined;
        },
        { what },
      );
    const paid = await reportWhen('the three paid orders in the report', (r) => r.orders === 3);
    const gmv = 2 * 4990 + (4990 + 8990) + 2 * 8990;
    expect(paid).toMatchObject({ orders: 3, units: 6, paidGmvFen: gmv, buyers: 3 });
    expect(paid.items).toEqual([
      expect.objectContaining({ id: box5.id, orders: 2, unitsSold: 3, goodsFen: 3 * 4990, pinned: true }),
      expect.objectContaining({ id: box10.id, orders: 2, unitsSold: 3, goodsFen: 3 * 8990, pinned: true }),
    ]);
    // The trainer reads the same report; an admin too.
    expect(await report(trainer.auth)).toEqual(paid);
    expect(await report(admin)).toEqual(paid);

    // The practice-room sales are the trainee's first sale and count toward their GMV.
    await eventually(
      async () => {
        const board = await api.http().get(`/api/v1/cohorts/${cohortId}/progress`).set(trainer.auth).expect(200);
        const line = board.body.trainees.find((t: { enrollmentId: string }) => t.enrollmentId === enrollment.id);
        return line.gmvFen === gmv && line.firstSaleAt !== null;
      },
      { what: "the trainee's GMV to count the live sales" },
    );

    // A partial refund comes out of the paid GMV.
    await api
      .http()
      .post(`/api/v1/seller/stores/${store}/orders/${o1}/refunds`)
      .set(trainee)
      .send({ amountFen: 1990, reason: '一个芒果坏了' })
      .expect(201);
    const refunded = await reportWhen('the refund out of the GMV', (r) => r.paidGmvFen === gmv - 1990);
    expect(refunded).toMatchObject({ orders: 3, units: 6, buyers: 3 });

    // A paid order refunded in full and restocked is cancelled: out of the report, its units back on the stream.
    const remaining10 = (
      await query<{ remaining: number }>('SELECT remaining FROM live_offers WHERE id = $1', [box10.id])
    )[0].remaining;
    await api
      .http()
      .post(`/api/v1/seller/stores/${store}/orders/${o3}/refunds`)
      .set(trainee)
      .send({ reason: '缺货', restock: true })
      .expect(201);
    const cancelled = await reportWhen('the cancelled order out of the report', (r) => r.orders === 2);
    expect(cancelled).toMatchObject({ orders: 2, units: 4, paidGmvFen: gmv - 1990 - 2 * 8990, buyers: 2 });
    expect(cancelled.items).toEqual([
      expect.objectContaining({ id: box5.id, orders: 2, unitsSold: 3, goodsFen: 3 * 4990 }),
      expect.objectContaining({ id: box10.id, orders: 1, unitsSold: 1, goodsFen: 8990 }),
    ]);
    expect((await query('SELECT status FROM orders WHERE id = $1', [o3]))[0]).toEqual({ status: 'cancelled' });
    expect(
      (await query<{ remaining: number }>('SELECT remaining FROM live_offers WHERE id = $1', [box10.id]))[0].remaining,
    ).toBe(remaining10 + 2);
    expect(
      await query('SELECT units FROM live_offer_buyers WHERE offer_id = $1 AND buyer_id = $2', [box10.id, b3.id]),
    ).toEqual([{ units: 0 }]);

    // The trainer ends the stream: every item stays in the report, unpinned; the trainee has held a livestream.
    await api.http().post(`/api/v1/live-sessions/${sessionId}/end`).set(trainer.auth).expect(201);
    const ended = await report(trainer.auth);
    expect(ended).toMatchObject({ orders: 2, units: 4, buyers: 2 });
    expect(ended.items.map((i) => [i.id, i.pinned])).toEqual([
      [box5.id, false],
      [box10.id, false],
    ]);
    const held = await eventually(
      async () => {
        const mine = await api
          .http()
          .get(`/api/v1/me/enrollments/${enrollment.id}/assignments`)
          .set(trainee)
          .expect(200);
        const a = mine.body.items.find((x: { key: string }) => x.key === 'first_livestream_held');
        return a?.done ? a : undefined;
      },
      { what: 'first_livestream_held to be done' },
    );
    expect(held.evidence).toMatchObject({ liveSessionId: sessionId, sellerId: store });
  });
});
