import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { startFakeKuaidi100 } from '../utils/fake-kuaidi100';
import {
  bearer,
  BUYER_ADDRESS,
  fakeKuaidi100Environment,
  MarketplaceWithWorker,
  OpenStore,
  placeOrder,
  ROOT,
  startMarketplace,
} from '../utils/marketplace';

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, `hours` from now, as Kuaidi100 writes times. */
const beijingTime = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
/** Our public callback address as Kuaidi100 is told it, and the salt it signs every push with. */
const CALLBACK_URL = 'https://furrow.example.cn/api/v1/logistics/webhooks/kuaidi100';
const SALT = 'kuaidi100-push-salt-0123456789';
const TRACKING_NUMBER = 'SF1234567890123';

/**
 * Issue 11's journeys in a real Chromium on a phone, against the app on a real port: every page
 * visited is checked with axe-core. Data a journey is not about is set up through the JSON API.
 * The buyer's order journey runs in steps (a)–(e), each a test, one after the other.
 */
// A journey is many pages, each checked by axe-core: longer than the default 60 s on a busy machine.
jest.setTimeout(180_000);

describe('journeys on a phone', () => {
  let market: MarketplaceWithWorker;
  let kuaidi100: Awaited<ReturnType<typeof startFakeKuaidi100>>;
  let browser: Browser;
  let baseURL: string;
  let farm: OpenStore & { owner: RegisteredUser };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    kuaidi100 = await startFakeKuaidi100();
    market = await startMarketplace({
      ...fakeKuaidi100Environment(kuaidi100),
      KUAIDI100_CALLBACK_URL: CALLBACK_URL,
      KUAIDI100_SALT: SALT,
    });
    baseURL = await market.api.url();
    kuaidi100.deliverTo = baseURL;
    // A store with a real co-op's name, as the screenshots show it.
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
    farm = { owner, seller, store };
    await publishProduct(market.api, farm.seller, market.admin, farm.store, mangoProduct());
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await market?.close();
    await kuaidi100?.close();
  });

  /** A phone of its own (cookies, language) for one person. */
  async function phone(): Promise<Page> {
    const context = await phoneContext(browser, baseURL);
    contexts.push(context);
    return context.newPage();
  }

  it('a visitor opens the home page, signs in with a password and switches to English', async () => {
    const page = await phone();
    await visit(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByRole('link', { name: /田阳桂七芒果/ }).waitFor();
    await saveScreenshot(page, 'home');

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '登录' }).click();
    await landed(page, /\/login/);
    await page.getByLabel('手机号或邮箱').fill(ROOT.email);
    await page.getByLabel('密码').fill(ROOT.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page);
    // The choice is kept on the account: back to Chinese for the other journeys' operator.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
  });

  describe('a cash-on-delivery order from search to cash', () => {
    let buyer: RegisteredUser;
    let buyerPage: Page;
    let farmerPage: Page;
    let orderId: string;

    beforeAll(async () => {
      buyer = await registerUser(market.api);
      buyerPage = await phone();
      farmerPage = await phone();
    });

    it('(a) the buyer searches 芒果, filters to 百色, opens the Tianyang mango box and checks out, cash on delivery', async () => {
      const page = buyerPage;
      await signIn(page, buyer);
      await visit(page, '/');
      await page.getByRole('searchbox', { name: '搜索' }).fill('芒果');
      await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
      await landed(page, /\/search\?q=/);
      await page.getByRole('heading', { level: 1, name: /芒果/ }).waitFor();

      await openDetails(page, '筛选');
      await chooseRegion(page, ['广西', '百色']);
      await page.getByRole('button', { name: '查找' }).click();
      await landed(page, /region=451/);
      await saveScreenshot(page, 'search');
      await page
        .getByRole('link', { name: /田阳桂七芒果/ })
        .first()
        .click();

      await landed(page, /\/products\//);
      await page.getByRole('heading', { level: 1, name: /田阳桂七芒果/ }).waitFor();
      await saveScreenshot(page, 'product');
      await page.getByRole('button', { name: '加入购物车' }).first().click();
      await landed(page);

      await page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: /购物车/ })
        .click();
      await landed(page, /\/cart/);
      await page.getByText('5斤装').first().waitFor();
      await page.getByRole('link', { name: '去结算' }).click();

      await landed(page, /\/checkout/);
      await page.getByLabel('收货人').fill(BUYER_ADDRESS.recipient);
      await page.getByLabel('手机号').fill(BUYER_ADDRESS.phone);
      await fillCounty(page, BUYER_ADDRESS.countyCode, ['广东', '广州', '天河']);
      await page.getByLabel('详细地址').fill(BUYER_ADDRESS.detail);
      await page.getByLabel(/货到付款/).check();
      await expectAccessible(page);
      await saveScreenshot(page, 'checkout');
      await page.getByRole('button', { name: '提交订单' }).click();

      await landed(page);
      await page.getByRole('heading', { level: 1, name: '下单成功' }).waitFor();
      const orderLink = page.locator('a[href^="/orders/"]').first();
      orderId = (await orderLink.getAttribute('href'))!.split('/')[2];
      const placed = await market.api
        .http()
        .get(`/api/v1/seller/stores/${farm.store}/orders/${orderId}`)
        .set(farm.seller);
      expect(placed.body).toMatchObject({ status: 'confirmed' });
    });

    it('(b) the farmer signs in, sees the order and ships it with an SF tracking number', async () => {
      const page = farmerPage;
      await signIn(page, farm.owner);
      await visit(page, `/seller/stores/${farm.store}/orders`);
      await page.getByText(BUYER_ADDRESS.recipient).first().waitFor();
      await saveScreenshot(page, 'farmer-orders');
      await page.locator(`a[href$="/orders/${orderId}"]`).first().click();

      await landed(page, new RegExp(`/orders/${orderId}`));
      await chooseOption(page.getByLabel('快递公司'), '顺丰速运');
      await page.getByLabel('运单号').fill('YT1234567890123');
      await page.getByRole('button', { name: '确认发货' }).click();
      await landed(page);
      await page.getByText(/这不是顺丰速运的运单号/).waitFor();

      await chooseOption(page.getByLabel('快递公司'), '顺丰速运');
      await page.getByLabel('运单号').fill('sf 1234-5678-90123');
      await page.getByRole('button', { name: '确认发货' }).click();
      await landed(page);
      await page.getByText(TRACKING_NUMBER).first().waitFor();
      await page.getByText('等待揽收').first().waitFor();
    });

    it('(c) a signed courier push from Kuaidi100 delivers the parcel', async () => {
      const subscription = await eventually(
        async () => kuaidi100.subscriptions.find((sub) => sub.number === TRACKING_NUMBER),
        { what: 'the parcel subscribed at Kuaidi100' },
      );
      const pickedUp = { time: beijingTime(1), context: '【百色市】田阳网点 已揽收', statusCode: '1' };
      const signedFor = { time: beijingTime(22), context: '已签收，签收人：本人', statusCode: '3' };
      expect((await kuaidi100.push(subscription, [pickedUp, signedFor])).status).toBe(200);
      await eventually(
        async () =>
          (await market.api.http().get(`/api/v1/seller/stores/${farm.store}/orders/${orderId}`).set(farm.seller)).body
            .status === 'delivered',
        { what: 'the order delivered by the courier' },
      );
    });

    it("(d) the buyer sees the courier's timeline and confirms receipt", async () => {
      const page = buyerPage;
      await visit(page, '/orders');
      await page.locator(`a[href="/orders/${orderId}"]`).first().click();
      await landed(page, new RegExp(`/orders/${orderId}$`));
      await page.getByText('已签收，签收人：本人').waitFor();
      await page.getByText('【百色市】田阳网点 已揽收').waitFor();
      await page.getByText(TRACKING_NUMBER).waitFor();
      await page.getByRole('button', { name: '确认收货' }).click();
      await landed(page, new RegExp(`/orders/${orderId}$`));
      await page.locator('#receipt-confirmed').waitFor();
      const order = await market.api
        .http()
        .get(`/api/v1/seller/stores/${farm.store}/orders/${orderId}`)
        .set(farm.seller);
      expect(order.body).toMatchObject({ status: 'delivered', paidAt: null });
      expect(order.body.receiptConfirmedAt).not.toBeNull();
    });

    it('(e) the farmer records the cash', async () => {
      const page = farmerPage;
      await visit(page, `/seller/stores/${farm.store}/orders/${orderId}`);
      await page.getByRole('button', { name: '已收到货款' }).click();
      await landed(page);
      await page.getByText('已记录收到货款').waitFor();
      const order = await market.api
        .http()
        .get(`/api/v1/seller/stores/${farm.store}/orders/${orderId}`)
        .set(farm.seller);
      expect(order.body.paidAt).not.toBeNull();
    });

    it('(e) then the buyer sees the order completed', async () => {
      await eventually(
        async () =>
          (await market.api.http().get(`/api/v1/seller/stores/${farm.store}/orders/${orderId}`).set(farm.seller)).body
            .status === 'completed',
        { what: 'the order completed once delivered and paid' },
      );
      await visit(buyerPage, `/orders/${orderId}`);
      await buyerPage.locator('#order-status', { hasText: '已完成' }).waitFor();
    });
  });

  it('(f) an operator rejects a new product with a reason, the seller resubmits, the operator approves', async () => {
    const products = `/api/v1/seller/stores/${farm.store}/products`;
    const created = await market.api
      .http()
      .post(products)
      .set(farm.seller)
      .send(mangoProduct({ title: '田阳桂七芒果 一级 10斤装' }))
      .expect(201);
    const productId = created.body.id as string;
    await market.api.http().post(`${products}/${productId}/submit`).set(farm.seller).expect(201);

    const operator = await phone();
    await signIn(operator, ROOT);
    await visit(operator, '/admin');
    await operator.locator('a[href="/admin/catalog"]').first().click();
    await landed(operator, /\/admin\/catalog$/);
    await operator.getByRole('heading', { level: 1, name: '待审核商品' }).waitFor();
    await saveScreenshot(operator, 'review-queue');
    await operator.getByRole('link', { name: '田阳桂七芒果 一级 10斤装' }).click();
    await landed(operator, new RegExp(`/admin/catalog/${productId}`));
    await operator.getByLabel(/驳回原因/).fill('照片里看不到果子的大小，请补一张放在手掌上的照片。');
    await operator.getByRole('button', { name: '驳回' }).click();
    await landed(operator);
    await operator.getByText('商品已驳回').waitFor();

    const seller = await phone();
    await signIn(seller, farm.owner);
    await visit(seller, `/seller/stores/${farm.store}/products/${productId}`);
    await seller.getByText('照片里看不到果子的大小').waitFor();
    await seller.getByRole('button', { name: '提交审核' }).click();
    await landed(seller);
    await seller.getByText('已提交审核').waitFor();

    await visit(operator, `/admin/catalog/${productId}`);
    await operator.getByRole('button', { name: '审核通过' }).click();
    await landed(operator);
    await operator.getByText('商品已通过审核').waitFor();
    const live = await market.api.http().get(`/api/v1/products/${productId}`);
    expect(live.status).toBe(200);
  });

  it('(g) finance confirms a bank transfer by its reference', async () => {
    const variants = (await market.api.http().get(`/api/v1/products?q=${encodeURIComponent('田阳')}`)).body.items;
    const mango = (await market.api.http().get(`/api/v1/products/${variants[0].id}`)).body.variants[0].id as string;
    const placed = await placeOrder(
      market.api,
      await market.newBuyer(),
      [{ variantId: mango, quantity: 1 }],
      'bank_transfer',
    );
    const reference = placed.body.bankTransfer.reference as string;

    const page = await phone();
    await signIn(page, ROOT);
    await visit(page, '/finance');
    await page.getByText(reference).waitFor();
    // As typed from a bank statement: lower case, with spaces.
    await page.getByLabel('转账附言里的付款码').fill(`${reference.slice(0, 5).toLowerCase()} ${reference.slice(5)}`);
    await page.getByLabel('银行流水号').fill('ICBC-20261201-0042');
    await page.getByRole('button', { name: '确认已到账' }).click();
    await landed(page);
    await page.getByText(`已确认转账 ${reference}`).waitFor();
    const order = await market.api
      .http()
      .get(`/api/v1/seller/stores/${farm.store}/orders/${placed.body.orders[0].id}`)
      .set(farm.seller);
    expect(order.body.status).toBe('paid');
  });
});

/**
 * Opens a <details> by tapping its summary, as on a phone. The first tap after a page loads is
 * sometimes lost in touch emulation, so it taps until the details is open.
 */
async function openDetails(page: Page, summary: string): Promise<void> {
  const details = page.locator('details', { has: page.locator('summary', { hasText: summary }) }).first();
  for (let tries = 0; tries < 5; tries++) {
    if (await details.evaluate((d) => (d as unknown as { open: boolean }).open)) return;
    await details.locator('summary').tap();
    await page.waitForTimeout(200);
  }
  throw new Error(`the "${summary}" section did not open`);
}

/**
 * The search filter's region: a code field, or the shared province → city → county picker, by
 * the names of the places (the options' text contains them).
 */
async function chooseRegion(page: Page, places: string[]): Promise<void> {
  const picker = page.getByRole('group', { name: /产地|地区/ });
  if ((await picker.count()) === 0) {
    await page.getByLabel('产地').fill('451000');
    return;
  }
  const selects = picker.getByRole('combobox');
  for (const [i, place] of places.entries()) {
    await chooseOption(selects.nth(i), place);
    await page.waitForLoadState('networkidle');
  }
}

/** The checkout's county: the 6-digit code field, or the region picker. */
async function fillCounty(page: Page, code: string, places: string[]): Promise<void> {
  const field = page.getByLabel(/区县代码/);
  if ((await field.count()) > 0) return field.fill(code);
  return chooseRegion(page, places);
}
