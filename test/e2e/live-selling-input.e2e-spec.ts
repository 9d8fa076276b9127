import { randomUUID } from 'node:crypto';
import { liveCheckout, liveSessionBody, pinLiveItem } from '../factories/live-session.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { sellerApplication } from '../factories/seller.factory';
import { trainees } from '../factories/trainee.factory';
import { Auth, MarketplaceWithWorker, openStore, startMarketplace } from '../utils/marketplace';

const HOUR = 3_600_000;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * Issue 13's routes given bad bodies and ids: 400 VALIDATION_FAILED (or the rule's own code),
 * 404 for what does not exist or is someone else's, never a 5xx. The viewers' page answers a
 * repeat poll with 304 and changes its ETag when the host changes what is pinned.
 */
describe('live selling given bad input', () => {
  let market: MarketplaceWithWorker;
  let seller: Auth;
  let store: string;
  let mango5: string;
  let mango10: string;
  let otherVariant: string;
  let sessionId: string;
  let itemId: string;

  beforeAll(async () => {
    market = await startMarketplace();
    ({ seller, store } = await openStore(market));
    [mango5, mango10] = await publishProduct(market.api, seller, market.admin, store, mangoProduct());
    const other = await openStore(market);
    [otherVariant] = await publishProduct(market.api, other.seller, market.admin, other.store, mangoProduct());
    sessionId = (
      await market.api.http().post('/api/v1/live-sessions').set(seller).send(liveSessionBody(store)).expect(201)
    ).body.id;
    itemId = (
      await pinLiveItem(market.api, seller, sessionId, {
        variantId: mango5,
        livePriceFen: 4990,
        allocation: 5,
        perBuyerLimit: 2,
      })
    ).id;
  });
  afterAll(async () => {
    await market?.close();
  });

  const http = () => market.api.http();
  const expectCode = (res: { status: number; body: { code?: string } }, status: number, code: string, what: string) => {
    if (res.status !== status || res.body.code !== code) {
      throw new Error(`${what}: answered ${res.status} ${JSON.stringify(res.body)}, expected ${status} ${code}`);
    }
  };

  it('refuses bad session bodies with VALIDATION_FAILED (or the window rule), never a 5xx', async () => {
    const now = Date.now();
    const bad: Array<[string, Record<string, unknown>]> = [
      ['no title', { title: '' }],
      ['a long title', { title: 'x'.repeat(121) }],
      ['an unknown platform', { platform: 'youtube' }],
      ['a plain-http stream', { streamUrl: 'http://live.douyin.com/1' }],
      ['a javascript stream', { streamUrl: 'javascript:alert(1)' }],
      ['no start', { scheduledStartAt: undefined }],
      ['a start without offset', { scheduledStartAt: '2026-07-01T10:00:00' }],
      ['a start that is no date', { scheduledStartAt: 'tomorrow' }],
      ['a numeric start', { scheduledStartAt: now }],
      ['a store id that is no uuid', { sellerId: 'store-1' }],
      ['a cohort id that is no uuid', { cohortId: 42 }],
      ['an unknown field', { hostUserId: randomUUID() }],
    ];
    for (const [what, override] of bad) {
      const body = { ...liveSessionBody(store), ...override };
      expectCode(await http().post('/api/v1/live-sessions').set(seller).send(body), 400, 'VALIDATION_FAILED', what);
    }
    for (const body of [null, [], 'text', 42]) {
      const res = await http()
        .post('/api/v1/live-sessions')
        .set(seller)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body));
      expect(res.status).toBe(400);
    }
    const backwards = liveSessionBody(store, {
      scheduledStartAt: new Date(now + HOUR).toISOString(),
      scheduledEndAt: new Date(now).toISOString(),
    });
    expectCode(
      await http().post('/api/v1/live-sessions').set(seller).send(backwards),
      400,
      'INVALID_LIVE_SESSION_WINDOW',
      'an end before the start',
    );
    const tooLong = liveSessionBody(store, { scheduledEndAt: new Date(now + 25 * HOUR).toISOString() });
    expectCode(
      await http().post('/api/v1/live-sessions').set(seller).send(tooLong),
      400,
      'INVALID_LIVE_SESSION_WINDOW',
      'a session longer than a day',
    );
  });

  it('refuses a session of a store that is unknown, not run by the caller, or not verified', async () => {
    expectCode(
      await http().post('/api/v1/live-sessions').set(seller).send(liveSessionBody(UNKNOWN)),
      404,
      'SELLER_NOT_FOUND',
      'an unknown store',
    );
    const other = await openStore(market);
    expectCode(
      await http().post('/api/v1/live-sessions').set(seller).send(liveSessionBody(other.store)),
      404,
      'SELLER_NOT_FOUND',
      "another's store",
    );
    const [applicant] = await trainees(market, 1);
    const applied = await http().post('/api/v1/sellers').set(applicant.auth).send(sellerApplication()).expect(201);
    expectCode(
      await http().post('/api/v1/live-sessions').set(applicant.auth).send(liveSessionBody(applied.body.id)),
      409,
      'STORE_NOT_VERIFIED',
      'a store under review',
    );
    expectCode(
      await http()
        .post('/api/v1/live-sessions')
        .set(seller)
        .send(liveSessionBody(store, { cohortId: UNKNOWN })),
      409,
      'NOT_A_TRAINEE_OF_COHORT',
      'a cohort the host holds no seat in',
    );
    await http().post('/api/v1/live-sessions').send(liveSessionBody(store)).expect(401);
  });

  it('refuses bad item bodies, and pins only active variants of the session’s own store', async () => {
    const pinning = (body: Record<string, unknown>) =>
      http()
        .post(`/api/v1/live-sessions/${sessionId}/items`)
        .set(seller)
        .send({ variantId: mango10, livePriceFen: 8990, allocation: 1, perBuyerLimit: 1, ...body });
    const bad: Array<[string, Record<string, unknown>]> = [
      ['a variant id that is no uuid', { variantId: 'mango' }],
      ['a zero price', { livePriceFen: 0 }],
      ['a negative price', { livePriceFen: -1 }],
      ['a fractional price', { livePriceFen: 89.9 }],
      ['a price as text', { livePriceFen: '8990' }],
      ['a huge price', { livePriceFen: 1e20 }],
      ['no allocation', { allocation: undefined }],
      ['a zero allocation', { allocation: 0 }],
      ['a zero limit', { perBuyerLimit: 0 }],
      ['a limit as text', { perBuyerLimit: 'two' }],
      ['a start that is no date', { startsAt: 'soon' }],
      ['a negative display order', { displayOrder: -1 }],
      ['an unknown field', { sessionId }],
    ];
    for (const [what, override] of bad) expectCode(await pinning(override), 400, 'VALIDATION_FAILED', what);
    expectCode(
      await pinning({
        startsAt: new Date(Date.now() + HOUR).toISOString(),
        endsAt: new Date(Date.now() + HOUR / 2).toISOString(),
      }),
      400,
      'LIVE_ITEM_WINDOW_OUTSIDE_SESSION',
      'an item ending before it starts',
    );
    expectCode(
      await pinning({ startsAt: new Date(Date.now() - 2 * HOUR).toISOString() }),
      400,
      'LIVE_ITEM_WINDOW_OUTSIDE_SESSION',
      'an item starting before the session',
    );
    expectCode(await pinning({ variantId: otherVariant }), 404, 'VARIANT_NOT_FOUND', "another store's variant");
    expectCode(await pinning({ variantId: UNKNOWN }), 404, 'VARIANT_NOT_FOUND', 'an unknown variant');
    // A product not (yet) on sale cannot be pinned.
    const draft = await http()
      .post(`/api/v1/seller/stores/${store}/products`)
      .set(seller)
      .send(mangoProduct({ title: '未上架的芒果' }))
      .expect(201);
    expectCode(await pinning({ variantId: draft.body.variants[0].id }), 409, 'PRODUCT_UNAVAILABLE', 'a draft product');
  });

  it('answers unknown and malformed ids with 404 and 400 on every route, never a 5xx', async () => {
    const item = { variantId: mango10, livePriceFen: 8990, allocation: 1, perBuyerLimit: 1 };
    const calls = (id: string, sub = itemId) =>
      [
        ['GET public', http().get(`/api/v1/live-sessions/${id}`)],
        ['GET detail', http().get(`/api/v1/seller/live-sessions/${id}`).set(seller)],
        ['GET report', http().get(`/api/v1/seller/live-sessions/${id}/report`).set(seller)],
        ['PATCH', http().patch(`/api/v1/live-sessions/${id}`).set(seller).send({ title: '新标题' })],
        ['start', http().post(`/api/v1/live-sessions/${id}/start`).set(seller)],
        ['end', http().post(`/api/v1/live-sessions/${id}/end`).set(seller)],
        ['cancel', http().post(`/api/v1/live-sessions/${id}/cancel`).set(seller).send({})],
        ['pin', http().post(`/api/v1/live-sessions/${id}/items`).set(seller).send(item)],
        ['unpin', http().delete(`/api/v1/live-sessions/${id}/items/${sub}`).set(seller)],
      ] as const;
    for (const [what, req] of calls(UNKNOWN)) expectCode(await req, 404, 'LIVE_SESSION_NOT_FOUND', `${what} unknown`);
    for (const bad of ['not-a-uuid', '1', `${UNKNOWN}x`]) {
      for (const [what, req] of calls(bad)) expectCode(await req, 400, 'VALIDATION_FAILED', `${what} ${bad}`);
    }
    expectCode(
      await http().delete(`/api/v1/live-sessions/${sessionId}/items/not-an-id`).set(seller),
      400,
      'VALIDATION_FAILED',
      'unpin a malformed item',
    );
    expectCode(
      await http().delete(`/api/v1/live-sessions/${sessionId}/items/${UNKNOWN}`).set(seller),
      404,
      'LIVE_ITEM_NOT_FOUND',
      'unpin an unknown item',
    );
    // An item of another session, named under this one.
    const otherSession = (
      await http().post('/api/v1/live-sessions').set(seller).send(liveSessionBody(store)).expect(201)
    ).body.id as string;
    expectCode(
      await http().delete(`/api/v1/live-sessions/${otherSession}/items/${itemId}`).set(seller),
      404,
      'LIVE_ITEM_NOT_FOUND',
      "unpin another session's item",
    );
    await http().post(`/api/v1/live-sessions/${otherSession}/cancel`).set(seller).send({}).expect(201);
  });

  it('refuses bad patches, cancel reasons, list queries and live checkouts with a code', async () => {
    const patch = (body: unknown) =>
      http()
        .patch(`/api/v1/live-sessions/${sessionId}`)
        .set(seller)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body));
    for (const [what, body] of [
      ['an empty patch', {}],
      ['a null title', { title: null }],
      ['a store change', { sellerId: randomUUID() }],
      ['a cohort change', { cohortId: randomUUID() }],
      ['a status change', { status: 'live' }],
      ['a bad platform', { platform: 'tiktok' }],
    ] as const) {
      expectCode(await patch(body), 400, 'VALIDATION_FAILED', what);
    }
    expectCode(
      await patch({ scheduledEndAt: new Date(Date.now() - 2 * HOUR).toISOString() }),
      400,
      'INVALID_LIVE_SESSION_WINDOW',
      'an end before the start',
    );
    const cancelling = (body: unknown) =>
      http()
        .post(`/api/v1/live-sessions/${UNKNOWN}/cancel`)
        .set(seller)
        .set('content-type', 'application/json')
        .send(JSON.stringify(body));
    expectCode(await cancelling({ reason: '' }), 400, 'VALIDATION_FAILED', 'an empty reason');
    expectCode(await cancelling({ reason: 'x'.repeat(501) }), 400, 'VALIDATION_FAILED', 'a long reason');
    expectCode(await cancelling({ why: 'x' }), 400, 'VALIDATION_FAILED', 'an unknown field');
    for (const q of ['limit=0', 'limit=-1', 'limit=abc', 'limit=1000', 'cursor=abc', 'status=live']) {
      const res = await http().get(`/api/v1/seller/live-sessions?${q}`).set(seller);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.body.code).toEqual(expect.any(String));
    }
    await http().get('/api/v1/seller/live-sessions').expect(401);
    const [buyer] = await trainees(market, 1);
    expectCode(
      await liveCheckout(market.api, buyer.auth, 'live-1' as string, [{ variantId: mango5, quantity: 1 }]),
      400,
      'VALIDATION_FAILED',
      'a checkout with a malformed session id',
    );
  });

  it('gives the viewers’ page an ETag, answers it with 304, and changes it when the host pins', async () => {
    const first = await http().get(`/api/v1/live-sessions/${sessionId}`).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect(first.headers['cache-control']).toMatch(/max-age=1/);
    // No host data on the public page.
    expect(first.body.session).not.toHaveProperty('hostUserId');
    expect(first.body.session).not.toHaveProperty('trainerId');
    const repeat = await http().get(`/api/v1/live-sessions/${sessionId}`).set('if-none-match', etag).expect(304);
    expect(repeat.text ?? '').toBe('');

    await pinLiveItem(market.api, seller, sessionId, {
      variantId: mango10,
      livePriceFen: 8990,
      allocation: 2,
      perBuyerLimit: 1,
      displayOrder: 0,
    });
    const changed = await http().get(`/api/v1/live-sessions/${sessionId}`).set('if-none-match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.items.map((i: { variantId: string }) => i.variantId).sort()).toEqual([mango5, mango10].sort());
    const title = await http()
      .patch(`/api/v1/live-sessions/${sessionId}`)
      .set(seller)
      .send({ title: '田阳芒果 第二场' })
      .expect(200);
    expect(title.body.title).toBe('田阳芒果 第二场');
    const renamed = await http()
      .get(`/api/v1/live-sessions/${sessionId}`)
      .set('if-none-match', changed.headers.etag)
      .expect(200);
    expect(renamed.body.session.title).toBe('田阳芒果 第二场');
  });
});
