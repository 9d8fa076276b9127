import { LiveSessionTimers } from '../../src/modules/livestreams/live-session-timers.service';
import { newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { liveCheckout, liveSessionBody, pinLiveItem } from '../factories/live-session.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { trainees } from '../factories/trainee.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { Auth, bearer, MarketplaceWithWorker, openStore, startMarketplace } from '../utils/marketplace';

interface Detail {
  status: string;
  items: Array<{ id: string; variantId: string; allocated: number; remaining: number; pinned: boolean }>;
  history: Array<{ from: string | null; to: string; actorId: string | null; reason: string | null }>;
}

/**
 * Issue 13, "Live sessions" and "Live items": units leave the variant's stock when pinned and
 * the unsold rest comes back when unpinned, ended or cancelled; a session cannot start after
 * its window; the overdue timer ends a session left live; a trainee who held one (ended with
 * an item pinned) completes first_livestream_held.
 */
describe('live session lifecycle and the stock it sets aside', () => {
  let market: MarketplaceWithWorker;
  let seller: Auth;
  let sellerUserId: string;
  let store: string;
  let mango5: string;
  let mango10: string;

  beforeAll(async () => {
    // The timers run only when the test calls them.
    market = await startMarketplace({ LIVE_TIMER_SWEEP_SECONDS: '3600', ORDER_EXPIRY_SWEEP_SECONDS: '3600' });
    const opened = await openStore(market);
    ({ seller, store } = opened);
    sellerUserId = opened.owner!.id;
    [mango5, mango10] = await publishProduct(market.api, seller, market.admin, store, mangoProduct());
  });
  afterAll(async () => {
    await market?.close();
  });

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    market.worker.dataSource.query(sql, params) as Promise<T[]>;
  const stockOf = async (variantId: string) =>
    (await query<{ stock: number }>('SELECT stock FROM product_variants WHERE id = $1', [variantId]))[0].stock;
  const http = () => market.api.http();
  const newSession = async (host: Auth = seller, sellerId = store, overrides: Record<string, unknown> = {}) =>
    (await http().post('/api/v1/live-sessions').set(host).send(liveSessionBody(sellerId, overrides)).expect(201)).body
      .id as string;
  const act = (sessionId: string, action: 'start' | 'end' | 'cancel', host: Auth = seller) =>
    http().post(`/api/v1/live-sessions/${sessionId}/${action}`).set(host).send({});
  const detail = async (sessionId: string) =>
    (await http().get(`/api/v1/seller/live-sessions/${sessionId}`).set(seller).expect(200)).body as Detail;
  const showcase = async (sessionId: string) =>
    (await http().get(`/api/v1/live-sessions/${sessionId}`).expect(200)).body;
  const pin = (sessionId: string, variantId: string, allocation: number, host: Auth = seller) =>
    pinLiveItem(market.api, host, sessionId, { variantId, livePriceFen: 4990, allocation, perBuyerLimit: 5 });

  it('takes the allocation from stock when pinned and gives the unsold rest back when unpinned', async () => {
    const before = await stockOf(mango5);
    const sessionId = await newSession();
    const item = await pin(sessionId, mango5, 30);
    expect(item).toMatchObject({ allocated: 30, remaining: 30, pinned: true });
    expect(await stockOf(mango5)).toBe(before - 30);
    await act(sessionId, 'start').expect(201);
    const [buyer] = await trainees(market, 1);
    const sold = await liveCheckout(market.api, buyer.auth, sessionId, [{ variantId: mango5, quantity: 3 }]).expect(
      201,
    );
    expect((await showcase(sessionId)).items).toHaveLength(1);

    const unpinned = await http().delete(`/api/v1/live-sessions/${sessionId}/items/${item.id}`).set(seller).expect(200);
    expect(unpinned.body).toMatchObject({ allocated: 30, remaining: 0, pinned: false });
    expect(await stockOf(mango5)).toBe(before - 3);
    // Viewers see it gone at once; the host still sees it, unpinned.
    expect((await showcase(sessionId)).items).toEqual([]);
    expect((await detail(sessionId)).items).toEqual([expect.objectContaining({ id: item.id, pinned: false })]);
    // Unpinning again gives nothing more back.
    const again = await http().delete(`/api/v1/live-sessions/${sessionId}/items/${item.id}`).set(seller);
    expect(again.status).toBeLessThan(500);
    expect(await stockOf(mango5)).toBe(before - 3);
    // The variant now sells at its regular price in the session, from stock.
    const regular = await liveCheckout(market.api, buyer.auth, sessionId, [{ variantId: mango5, quantity: 1 }]);
    expect([regular.status, regular.body.orders?.[0].goodsFen]).toEqual([201, 5990]);
    expect(await stockOf(mango5)).toBe(before - 4);
    // An order bought live and cancelled after the unpinning gives its units to stock.
    await http().post(`/api/v1/orders/${sold.body.orders[0].id}/cancel`).set(buyer.auth).expect(201);
    expect(await stockOf(mango5)).toBe(before - 1);
    // It can be pinned again.
    await pin(sessionId, mango5, 5);
    expect(await stockOf(mango5)).toBe(before - 6);
    await act(sessionId, 'end').expect(201);
    expect(await stockOf(mango5)).toBe(before - 1);
  });

  it('refuses pinning twice, above the stock, or after the end; ending gives back the rest of every item', async () => {
    const stock5 = await stockOf(mango5);
    const stock10 = await stockOf(mango10);
    const sessionId = await newSession();
    await pin(sessionId, mango5, 10);
    const twice = await http()
      .post(`/api/v1/live-sessions/${sessionId}/items`)
      .set(seller)
      .send({ variantId: mango5, livePriceFen: 4990, allocation: 1, perBuyerLimit: 1 });
    expect([twice.status, twice.body.code]).toEqual([409, 'LIVE_ITEM_ALREADY_PINNED']);
    const tooMany = await http()
      .post(`/api/v1/live-sessions/${sessionId}/items`)
      .set(seller)
      .send({ variantId: mango10, livePriceFen: 8990, allocation: stock10 + 1, perBuyerLimit: 1 });
    expect([tooMany.status, tooMany.body.code]).toEqual([409, 'LIVE_ALLOCATION_EXCEEDS_STOCK']);
    const dear = await http()
      .post(`/api/v1/live-sessions/${sessionId}/items`)
      .set(seller)
      .send({ variantId: mango10, livePriceFen: 9991, allocation: 1, perBuyerLimit: 1 });
    expect([dear.status, dear.body.code]).toEqual([400, 'LIVE_PRICE_ABOVE_REGULAR']);
    const outside = await http()
      .post(`/api/v1/live-sessions/${sessionId}/items`)
      .set(seller)
      .send({
        variantId: mango10,
        livePriceFen: 8990,
        allocation: 1,
        perBuyerLimit: 1,
        endsAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
      });
    expect([outside.status, outside.body.code]).toEqual([400, 'LIVE_ITEM_WINDOW_OUTSIDE_SESSION']);
    expect(await stockOf(mango10)).toBe(stock10);
    await pin(sessionId, mango10, 8);
    await act(sessionId, 'start').expect(201);
    const [a, b] = await trainees(market, 2);
    await liveCheckout(market.api, a.auth, sessionId, [{ variantId: mango5, quantity: 2 }]).expect(201);
    await liveCheckout(market.api, b.auth, sessionId, [{ variantId: mango10, quantity: 1 }]).expect(201);

    await act(sessionId, 'end').expect(201);
    expect(await stockOf(mango5)).toBe(stock5 - 2);
    expect(await stockOf(mango10)).toBe(stock10 - 1);
    const ended = await detail(sessionId);
    expect(ended.status).toBe('ended');
    expect(ended.items.map((i) => [i.pinned, i.remaining])).toEqual([
      [false, 0],
      [false, 0],
    ]);
    expect(ended.history.map((h) => [h.from, h.to, h.actorId])).toEqual([
      [null, 'scheduled', sellerUserId],
      ['scheduled', 'live', sellerUserId],
      ['live', 'ended', sellerUserId],
    ]);
    expect(await showcase(sessionId)).toMatchObject({ session: { status: 'ended' }, items: [] });
    const late = await http()
      .post(`/api/v1/live-sessions/${sessionId}/items`)
      .set(seller)
      .send({ variantId: mango5, livePriceFen: 4990, allocation: 1, perBuyerLimit: 1 });
    expect([late.status, late.body.code]).toEqual([409, 'LIVE_SESSION_CLOSED']);
    for (const action of ['start', 'end', 'cancel'] as const) {
      const res = await act(sessionId, action);
      expect([res.status, res.body.code]).toEqual([409, 'INVALID_LIVE_SESSION_TRANSITION']);
    }
    expect(await stockOf(mango5)).toBe(stock5 - 2);
  });

  it('gives back pinned units when a scheduled session is cancelled; a live one cannot be', async () => {
    const stock5 = await stockOf(mango5);
    const stock10 = await stockOf(mango10);
    const sessionId = await newSession();
    await pin(sessionId, mango5, 12);
    await pin(sessionId, mango10, 4);
    expect(await stockOf(mango5)).toBe(stock5 - 12);
    const cancelled = await http()
      .post(`/api/v1/live-sessions/${sessionId}/cancel`)
      .set(seller)
      .send({ reason: '果园停电' })
      .expect(201);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await stockOf(mango5)).toBe(stock5);
    expect(await stockOf(mango10)).toBe(stock10);
    expect((await detail(sessionId)).history.at(-1)).toMatchObject({ to: 'cancelled', reason: '果园停电' });
    expect((await act(sessionId, 'start')).status).toBe(409);

    const live = await newSession();
    await act(live, 'start').expect(201);
    const refused = await act(live, 'cancel');
    expect([refused.status, refused.body.code]).toEqual([409, 'INVALID_LIVE_SESSION_TRANSITION']);
    await act(live, 'end').expect(201);
  });

  it('refuses to start a session whose window has passed', async () => {
    const stock5 = await stockOf(mango5);
    const sessionId = await newSession();
    await pin(sessionId, mango5, 3);
    await query(
      `UPDATE live_sessions SET scheduled_start_at = now() - interval '3 hours', scheduled_end_at = now() - interval '1 minute'
        WHERE id = $1`,
      [sessionId],
    );
    const res = await act(sessionId, 'start');
    expect([res.status, res.body.code]).toEqual([409, 'LIVE_SESSION_WINDOW_PASSED']);
    expect((await detail(sessionId)).status).toBe('scheduled');
    await act(sessionId, 'cancel').expect(201);
    expect(await stockOf(mango5)).toBe(stock5);
  });

  it('ends a session left live past its window and the overrun, once, giving its stock back', async () => {
    const timers = market.worker.module.get(LiveSessionTimers);
    const stock10 = await stockOf(mango10);
    const overdue = await newSession();
    await pin(overdue, mango10, 6);
    await act(overdue, 'start').expect(201);
    const [buyer] = await trainees(market, 1);
    await liveCheckout(market.api, buyer.auth, overdue, [{ variantId: mango10, quantity: 2 }]).expect(201);
    // Still inside the overrun: left alone.
    const running = await newSession();
    await act(running, 'start').expect(201);
    const setEnd = (id: string, ago: string) =>
      query(
        `UPDATE live_sessions SET scheduled_start_at = now() - interval '3 hours',
                scheduled_end_at = now() - $2::interval WHERE id = $1`,
        [id, ago],
      );
    await setEnd(overdue, '31 minutes');
    await setEnd(running, '29 minutes');

    expect(await timers.endOverdue()).toBe(1);
    expect(await timers.endOverdue()).toBe(0);
    expect(await stockOf(mango10)).toBe(stock10 - 2);
    const ended = await detail(overdue);
    expect(ended.status).toBe('ended');
    expect(ended.history.at(-1)).toEqual(
      expect.objectContaining({ from: 'live', to: 'ended', actorId: null, reason: 'LIVE_WINDOW_OVERRUN' }),
    );
    expect(ended.items.map((i) => i.pinned)).toEqual([false]);
    expect((await detail(running)).status).toBe('live');
    // Viewers of the api see it ended (the api's own second of caching aside).
    await eventually(async () => (await showcase(overdue)).session.status === 'ended', {
      what: 'viewers to see the session ended',
    });
    await act(running, 'end').expect(201);
  });

  // Fails today: LiveSessionTimers.endOverdue claims only `live` sessions, so the units pinned in a
  // session never started stay out of stock for good once its window passes (it can no longer start).
  it('gives back the stock of a session never started once its window and the overrun have passed', async () => {
    const timers = market.worker.module.get(LiveSessionTimers);
    const stock5 = await stockOf(mango5);
    const forgotten = await newSession();
    await pin(forgotten, mango5, 7);
    expect(await stockOf(mango5)).toBe(stock5 - 7);
    await query(
      `UPDATE live_sessions SET scheduled_start_at = now() - interval '3 hours',
              scheduled_end_at = now() - interval '31 minutes' WHERE id = $1`,
      [forgotten],
    );
    await timers.endOverdue();
    await timers.endOverdue();
    expect(await stockOf(mango5)).toBe(stock5);
    const closed = await detail(forgotten);
    expect(closed.status).toBe('cancelled');
    expect(closed.items.map((i) => i.pinned)).toEqual([false]);
    expect(closed.history.at(-1)).toMatchObject({ from: 'scheduled', to: 'cancelled', actorId: null });
  });

  it("completes first_livestream_held for an enrolled trainee's session ended with an item pinned, not before", async () => {
    const { api, admin } = market;
    const trainer = await newTrainer(market);
    const cohortId = (await openCohort(market, trainer.auth)).id;
    const user = await registerUser(api);
    const trainee: Auth = bearer((await loginUser(api, user)).accessToken);
    const enrollment = await enrol(api, cohortId, trainee);
    const { store: own } = await openStore(market, { seller: trainee });
    const [variant] = await publishProduct(api, trainee, admin, own, mangoProduct());
    const held = async () => {
      const res = await api.http().get(`/api/v1/me/enrollments/${enrollment.id}/assignments`).set(trainee).expect(200);
      return res.body.items.find((a: { key: string }) => a.key === 'first_livestream_held') as {
        done: boolean;
        evidence: Record<string, string> | null;
      };
    };

    // Ended with nothing pinned, or cancelled with an item: not held.
    const empty = await newSession(trainee, own);
    await act(empty, 'start', trainee).expect(201);
    await act(empty, 'end', trainee).expect(201);
    const called = await newSession(trainee, own);
    await pin(called, variant, 1, trainee);
    await act(called, 'cancel', trainee).expect(201);
    await drained(market.worker);
    expect((await held()).done).toBe(false);

    // Ended after pinning (here the item was unpinned before the end: it was pinned all the same).
    const sessionId = await newSession(trainee, own);
    const item = await pin(sessionId, variant, 2, trainee);
    await act(sessionId, 'start', trainee).expect(201);
    await api.http().delete(`/api/v1/live-sessions/${sessionId}/items/${item.id}`).set(trainee).expect(200);
    await act(sessionId, 'end', trainee).expect(201);
    const done = await eventually(
      async () => {
        const a = await held();
        return a.done ? a : undefined;
      },
      { what: 'first_livestream_held to be done' },
    );
    expect(done.evidence).toMatchObject({ liveSessionId: sessionId, sellerId: own });
    const board = await api.http().get(`/api/v1/cohorts/${cohortId}/progress`).set(trainer.auth).expect(200);
    const line = board.body.trainees.find((t: { enrollmentId: string }) => t.enrollmentId === enrollment.id);
    expect(line.assignments.find((a: { key: string }) => a.key === 'first_livestream_held').done).toBe(true);

    // A livestream held before enrolling does not count for that enrolment.
    const laterUser = await registerUser(api);
    const later: Auth = bearer((await loginUser(api, laterUser)).accessToken);
    const { store: laterStore } = await openStore(market, { seller: later });
    const [laterVariant] = await publishProduct(api, later, admin, laterStore, mangoProduct());
    const before = await newSession(later, laterStore);
    await pin(before, laterVariant, 1, later);
    await act(before, 'start', later).expect(201);
    await act(before, 'end', later).expect(201);
    await drained(market.worker);
    const laterEnrollment = await enrol(api, cohortId, later);
    await drained(market.worker);
    const laterAssignments = await api
      .http()
      .get(`/api/v1/me/enrollments/${laterEnrollment.id}/assignments`)
      .set(later)
      .expect(200);
    expect(laterAssignments.body.items.find((a: { key: string }) => a.key === 'first_livestream_held').done).toBe(
      false,
    );
  });
});
