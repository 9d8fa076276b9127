import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { liveSessionBody, liveSessionSelling } from '../factories/live-session.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { sellerApplication } from '../factories/seller.factory';
import { loginUser, registerUser, RegisteredUser } from '../factories/user.factory';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  Auth,
  bearer,
  BUYER_ADDRESS,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  openStore,
  startMarketplace,
  stripePaymentSucceeded,
} from '../utils/marketplace';
import { WebClient, webClient } from '../utils/web-client';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A `datetime-local` value in Beijing time, `ms` from now. */
const beijingInput = (ms: number) => new Date(Date.now() + ms + 8 * HOUR).toISOString().slice(0, 16);

/**
 * The live selling pages: the host's sessions and console (every refusal next to its field),
 * the viewer's page from the shared link, buying through the web checkout with the session's
 * id (the live price, the limit, sold out, no bank transfer), the report, who may see what,
 * the trainer of a practice room, English.
 */
describe('live selling pages', () => {
  let market: MarketplaceWithWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let farm: { owner: RegisteredUser; seller: Auth; store: string };
  let host: WebClient;
  /** The 5斤 box (¥59.90, 200 in stock) and the 10斤 box (¥99.90, 80). */
  let mango: string;
  let bigMango: string;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace({
      ...fakeStripeEnvironment(stripe),
      BANK_TRANSFER_ACCOUNT_NAME: '广西富禾农业科技有限公司',
      BANK_TRANSFER_BANK_NAME: '中国工商银行南宁分行',
      BANK_TRANSFER_ACCOUNT_NUMBER: '6222 0211 0000 1234 567',
    });
    const opened = await openStore(market);
    farm = { owner: opened.owner!, seller: opened.seller, store: opened.store };
    [mango, bigMango] = await publishProduct(market.api, farm.seller, market.admin, farm.store, mangoProduct());
    host = webClient(market.api);
    await host.signIn(farm.owner.email, farm.owner.password);
  });

  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  const apiHttp = () => market.api.http();
  const db = () => market.api.app.get(DataSource);
  const stockOf = async (variantId: string) =>
    (await db().query('SELECT stock FROM product_variants WHERE id = $1', [variantId]))[0].stock as number;

  const sessionForm = (overrides: Record<string, string> = {}) => ({
    sellerId: farm.store,
    title: '田阳芒果产地直播',
    platform: 'douyin',
    streamUrl: 'https://live.douyin.com/123456789',
    scheduledStartAt: beijingInput(-5 * MINUTE),
    scheduledEndAt: beijingInput(2 * HOUR),
    ...overrides,
  });

  /** A session scheduled through the form by the farm's owner; its console's path. */
  async function scheduled(overrides: Record<string, string> = {}): Promise<string> {
    await host.page('/seller/live/new');
    const created = await host.submit('/seller/live/new', sessionForm(overrides));
    expect(created.status).toBe(303);
    return created.headers.location as string;
  }

  const pinForm = (overrides: Record<string, string> = {}) => ({
    variantId: mango,
    livePriceFen: '39.90',
    allocation: '20',
    perBuyerLimit: '2',
    displayOrder: '0',
    ...overrides,
  });

  const address = {
    'shippingAddress.recipient': BUYER_ADDRESS.recipient,
    'shippingAddress.phone': BUYER_ADDRESS.phone,
    'shippingAddress.countyCode': BUYER_ADDRESS.countyCode,
    'shippingAddress.detail': BUYER_ADDRESS.detail,
  };

  async function signedInBuyer(): Promise<{ web: WebClient; user: RegisteredUser; auth: Auth }> {
    const user = await registerUser(market.api);
    const web = webClient(market.api);
    await web.signIn(user.email, user.password);
    return { web, user, auth: bearer((await loginUser(market.api, user)).accessToken) };
  }

  const idempotencyKeyOf = (html: string) => {
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1];
    if (!key) throw new Error(`no checkout form in: ${html.slice(0, 800)}`);
    return key;
  };

  it('schedules a session through the form, each refusal next to its field', async () => {
    const form = await host.page('/seller/live/new');
    expect(form).toContain('新建直播');
    expect(form).toContain('type="datetime-local"');
    expect(form).toContain('抖音');
    expect(form).toContain('微信视频号');

    await host.page('/seller/live/new');
    const insecure = await host.submit('/seller/live/new', sessionForm({ streamUrl: 'http://live.douyin.com/1' }));
    expect(insecure.status).toBe(400);
    expect(insecure.text).toContain('id="streamUrl-error"');
    expect(insecure.text).toContain('请填写 https:// 开头的直播间链接');
    expect(insecure.text).toContain('value="田阳芒果产地直播"');

    const untitled = await host.submit('/seller/live/new', sessionForm({ title: '' }));
    expect(untitled.status).toBe(400);
    expect(untitled.text).toMatch(/id="title-error"[^>]*>必填</);

    const backwards = await host.submit(
      '/seller/live/new',
      sessionForm({ scheduledStartAt: beijingInput(3 * HOUR), scheduledEndAt: beijingInput(HOUR) }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('id="scheduledEndAt-error"');
    expect(backwards.text).toContain('结束时间要晚于开始时间，一场直播最长 24 小时');

    // A second store of the farmer's, still in review: not a store that goes live.
    const pending = await apiHttp()
      .post('/api/v1/sellers')
      .set(farm.seller)
      .send(sellerApplication({ displayName: '田阳第二合作社' }))
      .expect(201);
    const unverified = await host.submit('/seller/live/new', sessionForm({ sellerId: pending.body.id }));
    expect(unverified.status).toBe(409);
    expect(unverified.text).toContain('id="sellerId-error"');
    expect(unverified.text).toContain('店铺通过审核后才能直播');
    expect(unverified.text).toMatch(/田阳第二合作社（审核中）/);

    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth);
    const notSeated = await host.submit('/seller/live/new', sessionForm({ cohortId }));
    expect(notSeated.status).toBe(409);
    expect(notSeated.text).toContain('id="cohortId-error"');
    expect(notSeated.text).toContain('您不是这个班级的在读学员');

    const consolePage = await scheduled();
    expect(consolePage).toMatch(/^\/seller\/live\/[0-9a-f-]{36}$/);
    const id = consolePage.split('/').pop()!;
    const answer = (await apiHttp().get(`/api/v1/seller/live-sessions/${id}`).set(farm.seller).expect(200)).body;
    expect(answer).toMatchObject({ status: 'scheduled', platform: 'douyin', sellerId: farm.store, cohortId: null });
    expect(answer.scheduledEndAt).toBe(new Date(`${sessionForm().scheduledEndAt}:00+08:00`).toISOString());

    const list = await host.page('/seller/live');
    expect(list).toContain(`href="/seller/live/${id}"`);
    expect(list).toContain('未开播');
    // The seller centre links the sessions.
    expect(await host.page(`/seller/stores/${farm.store}`)).toContain('href="/seller/live"');
    expect(await host.page('/seller')).toContain(`href="/seller/live/new?store=${farm.store}"`);
  });

  it('pins items on the console with every refusal on its field, goes live, unpins and ends', async () => {
    const path = await scheduled();
    const id = path.split('/').pop()!;
    const consolePage = await host.page(path);
    expect(consolePage).toContain(`value="http://127.0.0.1`);
    expect(consolePage).toContain(`/live/${id}"`);
    expect(consolePage).toContain('<svg');
    expect(consolePage).toContain('田阳桂七芒果 特级 5斤装 · 5斤装');
    expect(consolePage).toContain('原价 ¥59.90 · 库存 200');
    expect(consolePage).toContain(`hx-get="/seller/live/${id}/stats"`);
    expect(consolePage).toContain('hx-trigger="every 5s"');

    const pin = (overrides: Record<string, string>) => host.submit(`${path}/items`, pinForm(overrides));
    const above = await pin({ livePriceFen: '60' });
    expect(above.status).toBe(400);
    expect(above.text).toContain('id="livePriceFen-error"');
    expect(above.text).toContain('直播价不能高于原价 ¥59.90');
    expect(above.text).toContain('value="60.00"');

    const noAmount = await pin({ livePriceFen: '三十九' });
    expect(noAmount.status).toBe(400);
    expect(noAmount.text).toMatch(/id="livePriceFen-error"[^>]*>请输入直播价，例如 39.90</);

    const tooMany = await pin({ allocation: '201' });
    expect(tooMany.status).toBe(409);
    expect(tooMany.text).toContain('id="allocation-error"');
    expect(tooMany.text).toContain('库存不够，现在只有 200 件可以划给直播');

    const noLimit = await pin({ perBuyerLimit: '0' });
    expect(noLimit.status).toBe(400);
    expect(noLimit.text).toMatch(/id="perBuyerLimit-error"[^>]*>不能小于 1</);

    const late = await pin({ startsAt: beijingInput(10 * MINUTE), endsAt: beijingInput(3 * HOUR) });
    expect(late.status).toBe(400);
    expect(late.text).toContain('id="endsAt-error"');
    expect(late.text).toContain('抢购时间要在直播时间内');
    const early = await pin({ startsAt: beijingInput(-HOUR) });
    expect(early.status).toBe(400);
    expect(early.text).toContain('id="startsAt-error"');
    expect(await stockOf(mango)).toBe(200);

    const pinned = await pin({});
    expect(pinned.status).toBe(303);
    expect(pinned.headers.location).toBe(`${path}#live-items`);
    expect(await stockOf(mango)).toBe(180);
    const again = await pin({});
    expect(again.status).toBe(409);
    expect(again.text).toContain('id="variantId-error"');
    expect(again.text).toContain('这个规格已经在直播间上架了');
    expect((await pin({ variantId: bigMango, livePriceFen: '89', allocation: '5', displayOrder: '1' })).status).toBe(
      303,
    );

    const withItems = await host.page(path);
    expect(withItems).toContain('直播商品（2）');
    expect(withItems).toContain('¥39.90');
    // A pinned variant is not offered again.
    expect(withItems).not.toContain(`<option value="${mango}"`);

    expect((await host.submit(`${path}/start`, {})).status).toBe(303);
    const live = await host.page(path);
    expect(live).toContain('直播中');
    expect(live).toContain('结束直播');
    const twice = await host.submit(`${path}/start`, {});
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('id="actions-error"');
    expect(twice.text).toContain('直播状态已经变了');

    const stats = await host.agent.get(`${path}/stats`).set('hx-request', 'true').expect(200);
    expect(stats.text).not.toContain('<html');
    expect(stats.text).toContain('hx-trigger="every 5s"');
    expect(stats.text).toContain('剩 20 / 20');
    expect(stats.text).toMatch(/id="live-stat-orders">0</);
    // Without JavaScript the refresh link is the console itself.
    expect((await host.agent.get(`${path}/stats`).expect(200)).text).toContain('<html');

    const itemId = /action="\/seller\/live\/[0-9a-f-]{36}\/items\/([0-9a-f-]{36})\/unpin"/.exec(live)?.[1];
    expect(itemId).toBeDefined();
    expect((await host.submit(`${path}/items/${itemId}/unpin`, {})).status).toBe(303);
    expect((await host.page(path)).match(/\/unpin"/g)).toHaveLength(1);

    expect((await host.submit(`${path}/end`, {})).status).toBe(303);
    expect(await stockOf(mango)).toBe(200);
    expect(await stockOf(bigMango)).toBe(80);
    const ended = await host.page(path);
    expect(ended).toContain('直播已结束');
    expect(ended).not.toContain('hx-trigger="every 5s"');
    const closed = await pin({});
    expect(closed.status).toBe(409);
    expect(closed.text).toContain('直播已结束或已取消，不能再上架或下架商品');
  });

  it('says when the scheduled time is over, and cancels a session with a reason', async () => {
    const past = await apiHttp()
      .post('/api/v1/live-sessions')
      .set(farm.seller)
      .send(
        liveSessionBody(farm.store, {
          scheduledStartAt: new Date(Date.now() - 3 * HOUR).toISOString(),
          scheduledEndAt: new Date(Date.now() - HOUR).toISOString(),
        }),
      )
      .expect(201);
    const path = `/seller/live/${past.body.id}`;
    await host.page(path);
    const start = await host.submit(`${path}/start`, {});
    expect(start.status).toBe(409);
    expect(start.text).toMatch(/id="actions-error"[^>]*>预定的直播时间已经过了，不能再开播，请新建一场直播</);

    const cancelled = await host.submit(`${path}/cancel`, { reason: '下雨，改期' });
    expect(cancelled.status).toBe(303);
    expect(await host.page(path)).toContain('这场直播已取消');
    const history = (await apiHttp().get(`/api/v1/seller/live-sessions/${past.body.id}`).set(farm.seller)).body;
    expect(history.history.at(-1)).toMatchObject({ to: 'cancelled', reason: '下雨，改期' });
  });

  it('shows the viewer the live price, and a signed-out viewer buys through login and the checkout', async () => {
    const { sessionId } = await liveSessionSelling(market.api, farm.seller, farm.store, {
      variantId: mango,
      livePriceFen: 3990,
      allocation: 3,
      perBuyerLimit: 2,
    });
    const guest = webClient(market.api);
    const page = await guest.page(`/live/${sessionId}`);
    expect(page).toContain('田阳芒果产地直播');
    expect(page).toContain('直播中');
    expect(page).toMatch(/class="price live-price">¥39.90</);
    expect(page).toMatch(/<del class="muted"><span class="sr-only">原价<\/span>¥59.90<\/del>/);
    expect(page).toContain('剩 3 箱');
    expect(page).toContain('每人限购 2 箱');
    expect(page).toContain('href="https://live.douyin.com/123456789"');
    expect(page).toContain('action="/checkout" method="get"');
    expect(page).toContain(`name="liveSessionId" value="${sessionId}"`);
    expect(page).toMatch(/src="\/assets\/live-countdown\.js\?v=/);
    expect(page).toContain(`hx-get="/live/${sessionId}/items"`);
    await guest.agent.get('/assets/live-countdown.js').expect(200);

    // The poll answers the moving part only, and an unchanged one with 304.
    const poll = await guest.agent.get(`/live/${sessionId}/items`).set('hx-request', 'true').expect(200);
    expect(poll.text).not.toContain('<html');
    expect(poll.text).toContain('剩 3 箱');
    const unchanged = await guest.agent
      .get(`/live/${sessionId}/items`)
      .set('hx-request', 'true')
      .set('if-none-match', String(poll.headers.etag));
    expect(unchanged.status).toBe(304);

    // Buying signed out: the login page, then back to the checkout of the live item.
    const buy = `/checkout?${new URLSearchParams({ liveSessionId: sessionId, variantId: mango, quantity: '1' })}`;
    const toLogin = await guest.agent.get(buy);
    expect(toLogin.status).toBe(303);
    expect(toLogin.headers.location).toBe(`/login?next=${encodeURIComponent(buy)}`);
    const user = await registerUser(market.api);
    await guest.page(toLogin.headers.location as string);
    const signedIn = await guest.submit('/login', { account: user.email, password: user.password, next: buy });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe(buy);
    const checkout = await guest.page(buy);
    expect(checkout).toContain('id="live-checkout-price">¥39.90<');
    expect(checkout).toContain(`name="liveSessionId" value="${sessionId}"`);
    expect(checkout).toContain(`name="variantId" value="${mango}"`);
    expect(checkout).toMatch(/id="live-quantity"[^>]*max="2"/);
    expect(checkout).toContain('货到付款');
    expect(checkout).not.toContain('value="bank_transfer"');

    const send = (fields: Record<string, string>) =>
      guest.submit('/checkout', {
        idempotencyKey: randomUUID(),
        liveSessionId: sessionId,
        variantId: mango,
        quantity: '1',
        ...address,
        paymentMethod: 'cash_on_delivery',
        ...fields,
      });
    const transfer = await send({ paymentMethod: 'bank_transfer' });
    expect(transfer.status).toBe(409);
    expect(transfer.text).toContain('id="paymentMethod-error"');
    expect(transfer.text).toContain('直播商品不能用银行转账');
    const overLimit = await send({ quantity: '3' });
    expect(overLimit.status).toBe(409);
    expect(overLimit.text).toContain('id="quantity-error"');
    expect(overLimit.text).toContain('每人限购 2 件');

    const placed = await guest.submit('/checkout', {
      idempotencyKey: idempotencyKeyOf(checkout),
      liveSessionId: sessionId,
      variantId: mango,
      quantity: '2',
      ...address,
      paymentMethod: 'cash_on_delivery',
    });
    expect(placed.status).toBe(201);
    expect(placed.text).toContain('下单成功');
    expect(placed.text).toContain(`href="/live/${sessionId}"`);
    const [order] = await db().query(
      `SELECT o.id, o.goods_fen::int AS goods_fen, o.live_session_id, o.live_host_user_id,
              l.unit_price_fen::int AS unit_price_fen, l.quantity, l.live_offer_id
         FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.buyer_id = $1`,
      [user.id],
    );
    expect(order).toMatchObject({
      goods_fen: 7980,
      live_session_id: sessionId,
      live_host_user_id: farm.owner.id,
      unit_price_fen: 3990,
      quantity: 2,
    });
    expect(order.live_offer_id).toBeTruthy();

    // Over the limit with what they bought before.
    const more = await send({ quantity: '1' });
    expect(more.status).toBe(409);
    expect(more.text).toContain('每人限购 2 件，您之前抢到的也算在内');

    // One box left: two are too many for the next buyer, one is theirs; then it is sold out.
    const next = await signedInBuyer();
    await next.web.page(buy);
    const two = await next.web.submit('/checkout', {
      idempotencyKey: randomUUID(),
      liveSessionId: sessionId,
      variantId: mango,
      quantity: '2',
      ...address,
      paymentMethod: 'cash_on_delivery',
    });
    expect(two.status).toBe(409);
    expect(two.text).toContain('已抢光！这件直播商品已经卖完了');
    const one = await next.web.submit('/checkout', {
      idempotencyKey: randomUUID(),
      liveSessionId: sessionId,
      variantId: mango,
      quantity: '1',
      ...address,
      paymentMethod: 'cash_on_delivery',
    });
    expect(one.status).toBe(201);

    // The showcase every viewer reads is up to a second old (the checkout itself is exact).
    const late = await signedInBuyer();
    const soldOut = await eventually(
      async () => {
        const html = await late.web.page(buy);
        return html.includes('已抢光') && html;
      },
      { what: 'the checkout to say sold out' },
    );
    expect(soldOut).not.toContain('name="idempotencyKey"');
    expect(soldOut).toContain(`href="/live/${sessionId}"`);
    const after = await guest.page(`/live/${sessionId}`);
    expect(after).toContain('剩 0 箱');
    expect(after).toContain('已抢光');
    expect(after).not.toContain('action="/checkout"');
    // Nothing else on the way: the cart was never touched.
    expect(await late.web.page('/cart')).toContain('购物车还是空的');
  });

  it("tells the viewer when buying opens: before the stream, and an item's own window", async () => {
    const session = await apiHttp()
      .post('/api/v1/live-sessions')
      .set(farm.seller)
      .send(liveSessionBody(farm.store))
      .expect(201);
    const sessionId = session.body.id as string;
    const items = `/api/v1/live-sessions/${sessionId}/items`;
    const item = { livePriceFen: 4990, allocation: 2, perBuyerLimit: 1 };
    await apiHttp()
      .post(items)
      .set(farm.seller)
      .send({ ...item, variantId: mango, startsAt: new Date(Date.now() + 30 * MINUTE).toISOString() })
      .expect(201);
    await apiHttp()
      .post(items)
      .set(farm.seller)
      .send({ ...item, variantId: bigMango, endsAt: new Date(Date.now() + HOUR).toISOString(), displayOrder: 1 })
      .expect(201);
    const viewer = webClient(market.api);
    const before = await viewer.page(`/live/${sessionId}`);
    expect(before).toContain('未开播');
    expect(before).toContain('开播时间');
    expect(before.match(/开播后开抢/g)).toHaveLength(2);
    expect(before).not.toContain('action="/checkout"');

    await apiHttp().post(`/api/v1/live-sessions/${sessionId}/start`).set(farm.seller).expect(201);
    const live = await viewer.page(`/live/${sessionId}`);
    expect(live).toContain('即将开抢');
    expect(live).toContain('开抢时间');
    expect(live).toContain('抢购截止');
    expect(live).toContain('data-left="（还剩 {time}）"');
    expect(live.match(/action="\/checkout"/g)).toHaveLength(1);
    expect(live).toContain(`name="variantId" value="${bigMango}"`);
    expect(live).not.toContain(`name="variantId" value="${mango}"`);
    // Not open yet: the checkout does not offer it (it would sell at the regular price).
    const buyer = await signedInBuyer();
    const early = await buyer.web.page(`/checkout?liveSessionId=${sessionId}&variantId=${mango}`);
    expect(early).toContain('即将开抢');
    expect(early).not.toContain('name="idempotencyKey"');
    await apiHttp().post(`/api/v1/live-sessions/${sessionId}/end`).set(farm.seller).expect(201);
    const over = await viewer.page(`/live/${sessionId}`);
    expect(over).toContain('这场直播已经结束了');
    expect(over).not.toContain('hx-trigger');
  });

  it('never sells at the regular price from a live form once the item left the stream', async () => {
    const { sessionId, itemId } = await liveSessionSelling(market.api, farm.seller, farm.store, {
      variantId: bigMango,
      livePriceFen: 8990,
      allocation: 5,
      perBuyerLimit: 1,
    });
    const buyer = await signedInBuyer();
    const buy = `/checkout?${new URLSearchParams({ liveSessionId: sessionId, variantId: bigMango })}`;
    const form = await buyer.web.page(buy);
    await apiHttp().delete(`/api/v1/live-sessions/${sessionId}/items/${itemId}`).set(farm.seller).expect(200);
    const refused = await buyer.web.submit('/checkout', {
      idempotencyKey: idempotencyKeyOf(form),
      liveSessionId: sessionId,
      variantId: bigMango,
      quantity: '1',
      ...address,
      paymentMethod: 'cash_on_delivery',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('这件商品已经从直播间下架，直播价已结束。');
    expect((await db().query('SELECT 1 FROM orders WHERE buyer_id = $1', [buyer.user.id])).length).toBe(0);
    // An id that is no session is the "not found" page.
    await buyer.web.page(`/checkout?liveSessionId=${randomUUID()}&variantId=${bigMango}`, 404);
  });

  it('reports what a session sold once paid, per item, for the host', async () => {
    const { sessionId } = await liveSessionSelling(market.api, farm.seller, farm.store, {
      variantId: mango,
      livePriceFen: 4500,
      allocation: 10,
      perBuyerLimit: 3,
    });
    const buyer = await market.newBuyer();
    const res = await apiHttp()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', randomUUID())
      .send({
        items: [{ variantId: mango, quantity: 2 }],
        shippingAddress: BUYER_ADDRESS,
        paymentMethod: 'stripe',
        liveSessionId: sessionId,
      })
      .expect(201);
    await stripePaymentSucceeded(
      market.api,
      stripe,
      (res.body.payments[0].clientSecret as string).split('_secret_')[0],
    );
    const path = `/seller/live/${sessionId}`;
    await eventually(
      async () =>
        /id="live-stat-gmv">¥90.00</.test(
          (await host.agent.get(`${path}/stats`).set('hx-request', 'true').expect(200)).text,
        ),
      { what: 'the paid order in the live figures' },
    );
    const stats = (await host.agent.get(`${path}/stats`).set('hx-request', 'true')).text;
    expect(stats).toMatch(/id="live-stat-orders">1</);
    expect(stats).toMatch(/id="live-stat-units">2</);
    expect(stats).toMatch(/id="live-stat-buyers">1</);
    expect(stats).toContain('剩 8 / 10');
    expect(stats).toContain('已付款 2');

    await apiHttp().post(`/api/v1/live-sessions/${sessionId}/end`).set(farm.seller).expect(201);
    const report = await host.page(`${path}/report`);
    expect(report).toContain('销售报告');
    expect(report).toMatch(/id="live-report-orders">1</);
    expect(report).toMatch(/id="live-report-units">2</);
    expect(report).toMatch(/id="live-report-gmv">¥90.00</);
    expect(report).toMatch(/id="live-report-buyers">1</);
    expect(report).toContain('田阳桂七芒果 特级 5斤装');
    expect(report).toContain('已下架');
  });

  it("answers someone else's console, report and buttons with the not-found page", async () => {
    const path = await scheduled();
    const stranger = await signedInBuyer();
    const page = await stranger.web.page(path, 404);
    expect(page).toContain('直播不存在');
    expect(page).not.toContain('田阳芒果产地直播');
    await stranger.web.page(`${path}/report`, 404);
    await stranger.web.agent.get(`${path}/stats`).set('hx-request', 'true').expect(404);
    expect((await stranger.web.submit(`${path}/start`, {})).status).toBe(404);
    expect((await stranger.web.submit(`${path}/items`, pinForm())).status).toBe(404);
    expect(
      (
        await apiHttp()
          .get(`/api/v1/seller/live-sessions/${path.split('/').pop()}`)
          .set(farm.seller)
      ).body.status,
    ).toBe('scheduled');
    await stranger.web.page('/seller/live/not-a-session', 404);
    await stranger.web.page(`/live/${randomUUID()}`, 404);
    // A signed-out visitor of the console goes to the login page.
    const away = await webClient(market.api).agent.get(path);
    expect(away.status).toBe(303);
    expect(away.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
  });

  it("lets a trainee open a practice room and its cohort's trainer run it", async () => {
    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth);
    const trainee = await openStore(market);
    await enrol(market.api, cohortId, trainee.seller);
    await eventually(
      async () =>
        (await db().query('SELECT seated FROM practice_room_seats WHERE cohort_id = $1', [cohortId]))[0]?.seated ===
        true,
      { what: 'the trainee seated in the practice room' },
    );
    const web = webClient(market.api);
    await web.signIn(trainee.owner!.email, trainee.owner!.password);
    const form = await web.page('/seller/live/new');
    expect(form).toContain(`<option value="${cohortId}"`);
    const created = await web.submit('/seller/live/new', { ...sessionForm(), sellerId: trainee.store, cohortId });
    expect(created.status).toBe(303);
    const path = created.headers.location as string;

    const trainerWeb = webClient(market.api);
    await trainerWeb.signIn(trainer.user.email, trainer.user.password);
    expect(await trainerWeb.page('/trainer')).toContain('href="/seller/live"');
    const list = await trainerWeb.page('/seller/live');
    expect(list).toContain(`href="${path}"`);
    expect(list).toContain('练习直播间');
    const consolePage = await trainerWeb.page(path);
    expect(consolePage).toContain('培训师可以一起管理这场直播');
    expect((await trainerWeb.submit(`${path}/start`, {})).status).toBe(303);
    expect(await trainerWeb.page(`${path}/report`)).toContain('销售报告');
  });

  it('speaks English to an English reader', async () => {
    const { sessionId } = await liveSessionSelling(market.api, farm.seller, farm.store, {
      variantId: bigMango,
      livePriceFen: 9000,
      allocation: 2,
      perBuyerLimit: 1,
    });
    const reader = webClient(market.api, { 'accept-language': 'en-GB,en;q=0.9' });
    const page = await reader.page(`/live/${sessionId}`);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Buy now');
    expect(page).toContain('2 left');
    expect(page).toContain('Max 1 per person');
    expect(page).toContain('Watch on Douyin');
    const english = webClient(market.api, { 'accept-language': 'en' });
    await english.signIn(farm.owner.email, farm.owner.password);
    // The farmer's account speaks Chinese unless they chose otherwise: the language switch.
    await english.page('/seller/live');
    expect((await english.submit('/language', { locale: 'en', next: '/seller/live' })).status).toBe(303);
    const consolePage = await english.page(`/seller/live/${sessionId}`);
    expect(consolePage).toContain('Live figures');
    expect(consolePage).toContain('End the stream');
    expect(consolePage).toContain('Viewer link');
    await english.submit('/language', { locale: 'zh-CN', next: '/' });
  });
});
