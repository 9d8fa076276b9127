import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { verifiedSeller } from '../factories/seller.factory';
import { loginUser, registerUser, RegisteredUser } from '../factories/user.factory';
import {
  chooseOption,
  expectAccessible,
  landed,
  launchBrowser,
  phoneContext,
  saveScreenshot,
  signIn,
  visit,
} from '../utils/browser';
import { eventually } from '../utils/eventually';
import { Auth, bearer, BUYER_ADDRESS, MarketplaceWithWorker, startMarketplace } from '../utils/marketplace';

/**
 * Issue 13's journey in a real Chromium on two phones: the farmer schedules a stream, pins the
 * mango box at a live price and goes live; a viewer opens the shared link, taps buy, signs in
 * on the way and pays cash on delivery at the live price; the farmer's console shows the sale
 * in its live figures without a reload (htmx), then, once the cash is in, in its paid figures.
 * Every page visited is checked with axe-core; what the journey is not about goes through the JSON API.
 */
jest.setTimeout(180_000);

describe('live selling on a phone', () => {
  let market: MarketplaceWithWorker;
  let browser: Browser;
  let baseURL: string;
  let farm: { owner: RegisteredUser; seller: Auth; store: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    market = await startMarketplace();
    baseURL = await market.api.url();
    const owner = await registerUser(market.api);
    const seller = bearer((await loginUser(market.api, owner)).accessToken);
    const store = await verifiedSeller(market.api, seller.authorization.slice(7), market.admin.authorization.slice(7), {
      displayName: '田阳百育芒果专业合作社',
    });
    await market.api
      .http()
      .put(`/api/v1/seller/stores/${store}/shipping-policy`)
      .set(seller)
      .send({ baseFeeFen: 1000 })
      .expect(200);
    await publishProduct(market.api, seller, market.admin, store, mangoProduct());
    farm = { owner, seller, store };
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await market?.close();
  });

  async function phone(): Promise<Page> {
    const context = await phoneContext(browser, baseURL);
    contexts.push(context);
    return context.newPage();
  }

  it('the host pins the mango box and goes live, a viewer buys it at the live price, the console shows the sale', async () => {
    // The farmer schedules the stream from the seller centre.
    const host = await phone();
    await signIn(host, farm.owner);
    await host.getByRole('navigation', { name: '工作台' }).getByRole('link', { name: '卖家中心' }).click();
    await landed(host, /\/seller$/);
    await host.getByRole('link', { name: '直播带货' }).first().click();
    await landed(host, /\/seller\/live\/new/);
    await host.getByLabel('直播标题').fill('田阳桂七芒果产地直播');
    await host.getByLabel('抖音').check();
    await host.getByLabel('直播间链接').fill('https://live.douyin.com/415926535');
    await host.getByRole('button', { name: '创建直播' }).click();
    await landed(host, /\/seller\/live\/[0-9a-f-]{36}$/);
    await host.getByText('未开播').first().waitFor();

    // It pins the 5斤 box: ¥39.90 instead of ¥59.90, 20 boxes set aside, 2 per buyer.
    await chooseOption(host.getByLabel('商品和规格'), '· 5斤装');
    await host.getByLabel('直播价（元）').fill('39.90');
    await host.getByLabel('直播划出数量').fill('20');
    await host.getByLabel('每人限购').fill('2');
    await host.getByRole('button', { name: '上架到直播间' }).click();
    await landed(host);
    await host.getByText('直播商品（1）').waitFor();
    await host.getByText('剩 20 / 20').waitFor();

    await host.getByRole('button', { name: '开始直播' }).click();
    await landed(host);
    await host.locator('#live-status', { hasText: '直播中' }).waitFor();
    const shared = new URL(await host.getByLabel(/复制链接贴到直播间/).inputValue());
    expect(shared.pathname).toMatch(/^\/live\/[0-9a-f-]{36}$/);
    const sessionId = shared.pathname.split('/')[2];

    // A viewer taps the link in the stream: not signed in.
    const viewer = await phone();
    await visit(viewer, shared.pathname);
    await viewer.getByRole('heading', { level: 1, name: '田阳桂七芒果产地直播' }).waitFor();
    const item = viewer.locator('.live-item').first();
    await item.getByText('¥39.90').waitFor();
    await item.locator('del', { hasText: '¥59.90' }).waitFor();
    await item.getByText('剩 20 箱').waitFor();
    await item.getByText('每人限购 2 箱').waitFor();
    // The countdown script runs: the time left to the end is counted beside the plain end time.
    await viewer.locator('.live-head .live-countdown', { hasText: /还剩 \d+:\d{2}:\d{2}/ }).waitFor();
    await saveScreenshot(viewer, 'live-viewer');

    await item.getByRole('button', { name: /立即抢购/ }).click();
    await landed(viewer, /\/login\?next=/);
    const buyer = await registerUser(market.api);
    await viewer.getByLabel('手机号或邮箱').fill(buyer.email);
    await viewer.getByLabel('密码').fill(buyer.password);
    await viewer.getByRole('button', { name: '登录' }).click();
    await landed(viewer, /\/checkout\?liveSessionId=/);
    await viewer.locator('#live-checkout-price', { hasText: '¥39.90' }).waitFor();
    await viewer.getByLabel('收货人').fill(BUYER_ADDRESS.recipient);
    await viewer.getByLabel('手机号').fill(BUYER_ADDRESS.phone);
    const region = viewer.getByRole('group', { name: '所在地区' }).getByRole('combobox');
    for (const [i, place] of ['广东', '广州', '天河'].entries()) {
      await chooseOption(region.nth(i), place);
      await viewer.waitForLoadState('networkidle');
    }
    await viewer.getByLabel('详细地址').fill(BUYER_ADDRESS.detail);
    await viewer.getByLabel(/货到付款/).check();
    await expectAccessible(viewer);
    await viewer.getByRole('button', { name: '提交订单' }).click();
    await landed(viewer);
    await viewer.getByRole('heading', { level: 1, name: '下单成功' }).waitFor();
    await viewer.getByRole('link', { name: '回到直播间' }).waitFor();

    const [order] = await market.api.app.get(DataSource).query(
      `SELECT o.id, o.goods_fen::int AS goods_fen, l.unit_price_fen::int AS unit_price_fen
           FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.live_session_id = $1`,
      [sessionId],
    );
    expect(order).toMatchObject({ goods_fen: 3990, unit_price_fen: 3990 });

    // The console, left open, shows the box taken at its next poll: no reload.
    await host.getByText('已抢 1（含未付款）').waitFor({ timeout: 20_000 });
    await host.getByText('剩 19 / 20').waitFor();

    // The parcel goes out and the cash comes in (the order's own journeys test these pages).
    const buyerAuth = bearer((await loginUser(market.api, buyer)).accessToken);
    const storeOrder = `/api/v1/seller/stores/${farm.store}/orders/${order.id}`;
    await market.api
      .http()
      .post(`${storeOrder}/ship`)
      .set(farm.seller)
      .send({ carrier: 'sf', trackingNumber: 'SF1234567890123' })
      .expect(201);
    await market.api.http().post(`/api/v1/orders/${order.id}/confirm-receipt`).set(buyerAuth).expect(201);
    await market.api.http().post(`${storeOrder}/cash-collected`).set(farm.seller).expect(201);
    await eventually(
      async () =>
        (await market.api.http().get(`/api/v1/seller/live-sessions/${sessionId}/report`).set(farm.seller)).body
          .paidGmvFen === 3990,
      { what: 'the paid order in the session report' },
    );
    await host.locator('#live-stat-gmv', { hasText: '¥39.90' }).waitFor({ timeout: 20_000 });
    await host.locator('#live-stat-orders', { hasText: '1' }).waitFor();
    await host.locator('#live-stat-buyers', { hasText: '1' }).waitFor();
    await expectAccessible(host);
    await saveScreenshot(host, 'live-console');

    await host.getByRole('button', { name: '结束直播' }).click();
    await landed(host);
    await host.getByRole('navigation', { name: '直播管理' }).getByRole('link', { name: '销售报告' }).click();
    await landed(host, /\/report$/);
    await host.locator('#live-report-gmv', { hasText: '¥39.90' }).waitFor();
  });
});
