import { randomUUID } from 'node:crypto';
import { TrackingPoller } from '../../src/modules/logistics/tracking-poller.service';
import { formatYuan } from '../../src/common/money';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { eventually } from '../utils/eventually';
import { startFakeKuaidi100 } from '../utils/fake-kuaidi100';
import {
  Auth,
  BUYER_ADDRESS,
  fakeKuaidi100Environment,
  MarketplaceWithWorker,
  openStore,
  placeOrder,
  startMarketplace,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';
import { WebClient, webClient } from '../utils/web-client';

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, `hours` from now, as Kuaidi100 writes times. */
const beijingTime = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

describe('the seller pages: orders to ship, cash on delivery, shipping fees, money, staff', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let worker: TestWorker;
  let kuaidi100: Awaited<ReturnType<typeof startFakeKuaidi100>>;
  let seller: Auth;
  let storeId: string;
  let mango: string;
  let owner: WebClient;
  let stranger: WebClient;
  let strangerStore: string;
  let ownerEmail: string;

  beforeAll(async () => {
    kuaidi100 = await startFakeKuaidi100();
    market = await startMarketplace({ ...fakeKuaidi100Environment(kuaidi100), PAYABLE_HOLD_DAYS: '0' });
    ({ api, worker } = market);
    const store = await openStore(market, { shippingPolicy: { baseFeeFen: 800 } });
    ({ seller, store: storeId } = store);
    [mango] = await publishProduct(api, seller, market.admin, storeId, mangoProduct());
    owner = webClient(api);
    ownerEmail = store.owner!.email;
    await owner.signIn(ownerEmail, store.owner!.password);
    const other = await openStore(market);
    strangerStore = other.store;
    stranger = webClient(api);
    await stranger.signIn(other.owner!.email, other.owner!.password);
  });

  afterAll(async () => {
    await market?.close();
    await kuaidi100?.close();
  });

  const storePage = (path = '') => `/seller/stores/${storeId}${path}`;
  const storeOrder = async (orderId: string) =>
    (await api.http().get(`/api/v1/seller/stores/${storeId}/orders/${orderId}`).set(seller).expect(200)).body;

  async function codOrder() {
    const buyer = await market.newBuyer();
    const placed = await placeOrder(api, buyer, [{ variantId: mango, quantity: 1 }], 'cash_on_delivery');
    return { buyer, order: placed.body.orders[0] as { id: string; totalFen: number } };
  }

  it('ships a cash-on-delivery order from the orders page and records the cash after delivery', async () => {
    const { order } = await codOrder();
    const number = order.id.slice(0, 8).toUpperCase();

    // It waits on the "to ship" list with the buyer's address, newest first.
    const list = await owner.page(storePage('/orders'));
    expect(list).toContain(`订单 ${number}`);
    expect(list).toContain(BUYER_ADDRESS.recipient);
    expect(list).toContain(BUYER_ADDRESS.detail);
    expect(list).toContain('待发货（货到付款）');
    expect(list).toContain(`href="/seller/stores/${storeId}"`);
    expect(await owner.page(storePage('/orders?show=shipped'))).not.toContain(`订单 ${number}`);

    const path = storePage(`/orders/${order.id}`);
    const detail = await owner.page(path);
    expect(detail).toContain('138 0013 8000');
    expect(detail).toContain('广州市');
    expect(detail).toContain('货到付款');
    expect(detail).toContain('最晚发货');
    for (const carrier of [
      '顺丰速运',
      '京东物流',
      '邮政EMS',
      '中通快递',
      '圆通速递',
      '申通快递',
      '韵达快递',
      '极兔速递',
      '德邦快递',
    ])
      expect(detail).toContain(carrier);
    expect(detail).not.toContain('已收到货款');

    // A number that is not SF's is refused next to the field, and nothing ships.
    const wrong = await owner.submit(`${path}/ship`, { carrier: 'sf', trackingNumber: 'YT1234567890123' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/id="trackingNumber-error"[^>]*>这不是顺丰速运的运单号/);
    expect(wrong.text).toContain('value="YT1234567890123"');
    expect(wrong.text).toMatch(/name="trackingNumber"[^>]*aria-invalid="true"/);
    expect((await storeOrder(order.id)).status).toBe('confirmed');
    const blank = await owner.submit(`${path}/ship`, { carrier: '', trackingNumber: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toMatch(/id="carrier-error"[^>]*>请从选项中选择/);
    expect(blank.text).toMatch(/id="trackingNumber-error"[^>]*>必填/);

    const shipped = await owner.submit(`${path}/ship`, { carrier: 'sf', trackingNumber: 'sf 1234 5678 9012 3' });
    expect(shipped.status).toBe(303);
    expect(shipped.headers.location).toBe(`${path}?done=shipped`);
    expect(await storeOrder(order.id)).toMatchObject({
      status: 'shipped',
      carrier: 'sf',
      trackingNumber: 'SF1234567890123',
    });
    const after = await owner.page(`${path}?done=shipped`);
    expect(after).toContain('已发货');
    expect(after).toContain('SF1234567890123');
    expect(after).toContain('物流跟踪');
    expect(after).not.toContain('确认发货');
    expect(await owner.page(storePage('/orders?show=shipped'))).toContain(`订单 ${number}`);

    // Before delivery, no cash can be recorded (the service refuses; the page says why).
    const early = await owner.submit(`${path}/cash-collected`, {});
    expect(early.status).toBe(409);
    expect(early.text).toContain('买家签收之后才能确认收到货款');

    // The courier delivers, as the logistics tests drive it: the poll reads the fake Kuaidi100.
    kuaidi100.parcels.set('SF1234567890123', {
      com: 'shunfeng',
      steps: [
        { time: beijingTime(1), context: '【百色市】田阳营业点 已揽收', statusCode: '1' },
        { time: beijingTime(20), context: '快件正在派送途中', statusCode: '5' },
        { time: beijingTime(22), context: '已签收，签收人：本人', statusCode: '3' },
      ],
    });
    await worker.module.get(TrackingPoller).pollDue();
    await eventually(async () => (await storeOrder(order.id)).status === 'delivered', {
      what: 'the courier to deliver the order',
    });
    const delivered = await owner.page(path);
    expect(delivered).toContain('已签收，签收人：本人');
    expect(delivered).toContain('已收到货款');

    const collected = await owner.submit(`${path}/cash-collected`, {});
    expect(collected.status).toBe(303);
    expect(collected.headers.location).toBe(`${path}?done=cash`);
    await eventually(async () => (await storeOrder(order.id)).paidAt !== null, { what: 'the order paid' });
    const paid = await owner.page(path);
    expect(paid).toContain('已付款');
    expect(paid).not.toContain('已收到货款</button>');

    // The money page shows what the store is owed for it, in yuan.
    // Held and available move between each other as the hold ends; what is owed in all does not.
    const owed = await eventually(
      async () => {
        const { body } = await api.http().get(`/api/v1/seller/stores/${storeId}/balance`).set(seller).expect(200);
        const total = (body.heldFen as number) + (body.availableFen as number);
        return total > 0 ? total : undefined;
      },
      { what: 'the ledger to owe the store' },
    );
    const money = await owner.page(storePage('/money'));
    expect(money).toContain('货款与结算');
    expect(money).toContain(formatYuan(owed));
    expect(money).toMatch(/待结算[^¥]*<dd>¥\d/);
  });

  it('saves the shipping fees typed in yuan, as the JSON API reads them, with errors next to the fields', async () => {
    const page = await owner.page(storePage('/shipping-policy'));
    expect(page).toContain('value="8.00"');
    const bad = await owner.submit(storePage('/shipping-policy'), { baseFee: '十元', coldChainSurcharge: '5' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="baseFee-error"[^>]*>请输入金额/);
    const noColdChain = await owner.submit(storePage('/shipping-policy'), { baseFee: '12', coldChainSurcharge: '5' });
    expect(noColdChain.status).toBe(400);
    expect(noColdChain.text).toMatch(/id="coldChainSurcharge-error"[^>]*>先勾选/);

    const saved = await owner.submit(storePage('/shipping-policy'), {
      baseFee: '12.5',
      perKg: '3',
      freeAbove: '199',
      coldChain: 'on',
      coldChainSurcharge: '15.00',
    });
    expect(saved.status).toBe(303);
    const { body } = await api.http().get(`/api/v1/seller/stores/${storeId}/shipping-policy`).set(seller).expect(200);
    expect(body).toEqual({
      baseFeeFen: 1250,
      perKgFen: 300,
      freeAboveFen: 19900,
      coldChain: true,
      coldChainSurchargeFen: 1500,
    });
    const again = await owner.page(storePage('/shipping-policy?done=saved'));
    expect(again).toContain('运费设置已保存');
    expect(again).toContain('value="12.50"');
    expect(again).toContain('value="199.00"');
    expect(again).toMatch(/name="coldChain"[^>]*checked/);
  });

  it('adds staff by phone, who then sees the orders, and removes them', async () => {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const password = 'staff-password-123';
    await api.http().post('/api/v1/auth/register').send({ phone, password, displayName: '农雅琴' }).expect(201);
    const unknown = await owner.submit(storePage('/staff'), { contact: '13000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/id="contact-error"[^>]*>没有用这个手机号/);
    const added = await owner.submit(storePage('/staff'), { contact: phone });
    expect(added.status).toBe(303);
    const staffPage = await owner.page(storePage('/staff?done=added'));
    expect(staffPage).toContain('农雅琴');
    expect(staffPage).toContain('店员');

    const staff = webClient(api);
    await staff.signIn(phone, password);
    expect(await staff.page(storePage('/orders?show=all'))).toContain(BUYER_ADDRESS.recipient);
    // Staff see the staff list but only the owner changes it.
    const staffView = await staff.page(storePage('/staff'));
    expect(staffView).toContain('只有店主可以添加或移除店员');
    expect(staffView).not.toContain(ownerEmail);
    expect(await owner.page(storePage('/staff'))).toContain(ownerEmail);
    const { body: members } = await api.http().get(`/api/v1/seller/stores/${storeId}/staff`).set(seller).expect(200);
    const staffId = (members.items as Array<{ userId: string; role: string }>).find((m) => m.role === 'staff')!.userId;
    const refused = await staff.submit(storePage(`/staff/${staffId}/remove`), {});
    expect(refused.status).toBe(403);

    const removed = await owner.submit(storePage(`/staff/${staffId}/remove`), {});
    expect(removed.status).toBe(303);
    expect(await owner.page(storePage('/staff'))).not.toContain('农雅琴');
    await staff.page(storePage('/orders'), 404);
  });

  it('shows another seller only "not found", never the buyer address, and escapes what buyers type', async () => {
    const buyer = await market.newBuyer();
    const placed = await api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', randomUUID())
      .send({
        items: [{ variantId: mango, quantity: 1 }],
        shippingAddress: { ...BUYER_ADDRESS, recipient: '<script>alert(1)</script>' },
        paymentMethod: 'cash_on_delivery',
      })
      .expect(201);
    const orderId = placed.body.orders[0].id as string;
    const list = await owner.page(storePage('/orders'));
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list).not.toContain('<script>alert(1)');

    for (const path of ['/orders', `/orders/${orderId}`, '/shipping-policy', '/money', '/staff']) {
      const response = await stranger.agent.get(storePage(path));
      expect([403, 404]).toContain(response.status);
      expect(response.text).not.toContain(BUYER_ADDRESS.detail);
      expect(response.text).not.toContain(BUYER_ADDRESS.phone);
      expect(response.text).not.toContain('138 0013 8000');
    }
    // The stranger's own store does not open this store's order either.
    const crossed = await stranger.agent.get(`/seller/stores/${strangerStore}/orders/${orderId}`);
    expect(crossed.status).toBe(404);
    expect(crossed.text).not.toContain(BUYER_ADDRESS.detail);
    await stranger.page(`/seller/stores/${strangerStore}/orders`);
    const ship = await stranger.submit(storePage(`/orders/${orderId}/ship`), {
      carrier: 'sf',
      trackingNumber: 'SF1234567890124',
    });
    expect([403, 404]).toContain(ship.status);
    expect(ship.text).not.toContain(BUYER_ADDRESS.detail);
    expect((await storeOrder(orderId)).status).toBe('confirmed');
    const cash = await stranger.submit(storePage(`/orders/${orderId}/cash-collected`), {});
    expect([403, 404]).toContain(cash.status);
    const policy = await stranger.submit(storePage('/shipping-policy'), { baseFee: '0' });
    expect([403, 404]).toContain(policy.status);
    const staff = await stranger.submit(storePage('/staff'), { contact: '13900000000' });
    expect([403, 404]).toContain(staff.status);

    // Signed out: the login page, and a path that is not an id is plain "not found".
    const anonymous = webClient(api);
    const signedOut = await anonymous.agent.get(storePage('/orders'));
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toContain('/login?next=');
    await owner.page('/seller/stores/not-a-store/orders', 404);
  });

  it('lists newest first and refuses a tampered cursor with a page, not a crash', async () => {
    const placedIds: string[] = [];
    for (let i = 0; i < 3; i++) placedIds.push((await codOrder()).order.id);
    const first = await owner.page(storePage('/orders?show=all'));
    const numbers = [...first.matchAll(/订单 ([0-9A-F]{8})/g)].map((m) => m[1]);
    expect(numbers.slice(0, 3)).toEqual(placedIds.reverse().map((id) => id.slice(0, 8).toUpperCase()));
    // A cold-chain rule the service enforces shows next to the service choice.
    const path = storePage(`/orders/${placedIds[0]}`);
    await owner.page(path);
    const noColdChain = await owner.submit(`${path}/ship`, {
      carrier: 'yto',
      trackingNumber: 'YT1234567890123',
      service: 'cold_chain',
    });
    expect(noColdChain.status).toBe(422);
    expect(noColdChain.text).toMatch(/id="service-error"[^>]*>这家快递没有冷链服务/);
    expect((await storeOrder(placedIds[0])).status).toBe('confirmed');
    // The API's routes of the same shape keep their prefix and answer JSON; its list filters the same way.
    const { body: toShip } = await api
      .http()
      .get(`/api/v1/seller/stores/${storeId}/orders`)
      .query({ readyToShip: 'true', limit: 100 })
      .set(seller)
      .expect(200)
      .expect('content-type', /json/);
    const statuses = new Set((toShip.items as Array<{ status: string }>).map((o) => o.status));
    expect([...statuses]).toEqual(['confirmed']);
    expect((toShip.items as Array<{ id: string }>).map((o) => o.id)).toEqual(expect.arrayContaining(placedIds));
    const tampered = await owner.agent.get(storePage('/orders?show=all&cursor=bm9wZQ'));
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain('INVALID_CURSOR');
  });
});
