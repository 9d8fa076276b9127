import { DataSource } from 'typeorm';
import request from 'supertest';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { loginUser, registerUser, RegisteredUser } from '../factories/user.factory';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  Auth,
  bearer,
  BUYER_ADDRESS,
  fakeStripeEnvironment,
  Marketplace,
  openStore,
  placeOrder,
  startMarketplace,
} from '../utils/marketplace';
import { csrfTokenOf, WebClient, webClient } from '../utils/web-client';

/** The buyer's pages: cart across farms, checkout, orders. */
describe('shopping pages: cart, checkout and orders', () => {
  let market: Marketplace;
  let farmA: { seller: Auth; store: string };
  let farmB: { seller: Auth; store: string };
  let mangoA: string;
  let mangoB: string;
  let scarce: string;

  beforeAll(async () => {
    market = await startMarketplace(
      {
        BANK_TRANSFER_ACCOUNT_NAME: '广西富禾农业科技有限公司',
        BANK_TRANSFER_BANK_NAME: '中国工商银行南宁分行',
        BANK_TRANSFER_ACCOUNT_NUMBER: '6222 0211 0000 1234 567',
      },
      { worker: false },
    );
    farmA = await openStore(market);
    farmB = await openStore(market, { shippingPolicy: { baseFeeFen: 800 } });
    [mangoA] = await publishProduct(market.api, farmA.seller, market.admin, farmA.store, mangoProduct());
    [mangoB] = await publishProduct(
      market.api,
      farmB.seller,
      market.admin,
      farmB.store,
      mangoProduct({ title: '百色香芒 <script>alert(1)</script>' }),
    );
    const scarceProduct = mangoProduct({ title: '田东小台农芒 限量' });
    scarceProduct.variants = [{ ...scarceProduct.variants[0], stock: 3 }];
    [scarce] = await publishProduct(market.api, farmA.seller, market.admin, farmA.store, scarceProduct);
  });
  afterAll(() => market.close());

  async function signedInBuyer(): Promise<{ web: WebClient; user: RegisteredUser; api: Auth }> {
    const user = await registerUser(market.api);
    const web = webClient(market.api);
    await web.signIn(user.email, user.password);
    return { web, user, api: bearer((await loginUser(market.api, user)).accessToken) };
  }

  const address = {
    'shippingAddress.recipient': BUYER_ADDRESS.recipient,
    'shippingAddress.phone': BUYER_ADDRESS.phone,
    'shippingAddress.countyCode': BUYER_ADDRESS.countyCode,
    'shippingAddress.detail': BUYER_ADDRESS.detail,
  };

  /** The hidden fields of the checkout form as the page rendered them. */
  function checkoutFields(html: string): { idempotencyKey: string; items: string } {
    const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1];
    const items = /name="items" value="([^"]+)"/.exec(html)?.[1];
    if (!idempotencyKey || !items) throw new Error(`no checkout form in: ${html.slice(0, 500)}`);
    return { idempotencyKey, items };
  }

  const ordersOf = async (buyer: Auth) =>
    (await market.api.http().get('/api/v1/orders').set(buyer).expect(200)).body.items as Array<{
      id: string;
      sellerId: string;
      status: string;
      totalFen: number;
    }>;

  it("keeps a guest's cart in a cookie and merges it into the account's cart at sign-in", async () => {
    const user = await registerUser(market.api);
    const web = webClient(market.api);
    await web.page('/cart');
    const added = await web.submit('/cart/items', { variantId: mangoA, quantity: '2' });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe('/cart');
    const cookie = ([] as string[]).concat(added.headers['set-cookie'] ?? []).find((c) => c.startsWith('furrow_cart='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const guestCart = await web.page('/cart');
    expect(guestCart).toContain('田阳桂七芒果');
    expect(guestCart).toContain('登录后购物车会保存在账号里');
    expect(guestCart).toMatch(/id="cart-count"[^>]*>1</);

    // Checkout asks a guest to sign in and comes back.
    const toLogin = await web.agent.get('/checkout');
    expect(toLogin.status).toBe(303);
    expect(toLogin.headers.location).toBe(`/login?next=${encodeURIComponent('/checkout')}`);

    // A bad cookie is ignored, not an error.
    await web.signIn(user.email, user.password);
    const merged = await web.page('/cart');
    expect(merged).toContain('田阳桂七芒果');
    expect(merged).toMatch(/id="qty-[^"]+"[^>]*value="2"/);
    expect(merged).not.toContain('登录后购物车会保存在账号里');
    const again = await web.page('/cart');
    expect(again).toMatch(/id="cart-count"[^>]*>1</);
  });

  it('ignores a tampered cart cookie', async () => {
    const web = webClient(market.api);
    const response = await web.agent
      .get('/cart')
      .set('cookie', 'furrow_cart=not-a-cart,x:y,00000000-0000-0000-0000-000000000000:abc');
    expect(response.status).toBe(200);
    expect(response.text).toContain('购物车还是空的');
  });

  it('groups a cart across two farms with subtotals, updates and removes lines', async () => {
    const { web } = await signedInBuyer();
    await web.page('/cart');
    expect((await web.submit('/cart/items', { variantId: mangoA, quantity: '1' })).status).toBe(303);
    expect((await web.submit('/cart/items', { variantId: mangoA, quantity: '1' })).status).toBe(303);
    expect((await web.submit('/cart/items', { variantId: mangoB, quantity: '1' })).status).toBe(303);
    const cart = await web.page('/cart');
    expect(cart.match(/class="card cart-store"/g)).toHaveLength(2);
    expect(cart).toContain('¥119.80'); // 2 × ¥59.90 at farm A
    expect(cart).toMatch(/id="cart-total"[^>]*>¥179.70</);
    expect(cart).toContain('百色香芒 &lt;script&gt;');
    expect(cart).not.toContain('<script>alert(1)</script>');

    expect((await web.submit(`/cart/items/${mangoA}`, { quantity: '3' })).status).toBe(303);
    expect(await web.page('/cart')).toMatch(/id="cart-total"[^>]*>¥239.60</);
    expect((await web.submit(`/cart/items/${mangoB}`, { quantity: '1', remove: '1' })).status).toBe(303);
    const after = await web.page('/cart');
    expect(after.match(/class="card cart-store"/g)).toHaveLength(1);
    expect(after).not.toContain('百色香芒');

    const htmx = await web.agent
      .post('/cart/items')
      .set('hx-request', 'true')
      .set('x-csrf-token', web.csrfToken())
      .type('form')
      .send({ variantId: mangoB, quantity: '1' });
    expect(htmx.status).toBe(200);
    expect(htmx.text).toContain('已加入购物车');
    expect(htmx.text).not.toContain('<html');
  });

  it('places one order per farm with cash on delivery, once even when the form is sent twice', async () => {
    const { web, api } = await signedInBuyer();
    await web.page('/cart');
    await web.submit('/cart/items', { variantId: mangoA, quantity: '1' });
    await web.submit('/cart/items', { variantId: mangoB, quantity: '2' });
    const form = await web.page('/checkout');
    expect(form).toContain('class="field region-picker"');
    // Without JavaScript the picker sends the form back by GET; what was typed stays.
    const refreshed = await web.page(
      `/checkout?${new URLSearchParams({ 'shippingAddress.recipient': '陈女士', 'shippingAddress.countyCode': '440106' })}`,
    );
    expect(refreshed).toContain('value="陈女士"');
    expect(refreshed).toMatch(/<option value="440106" selected>/);
    expect(form).toContain('货到付款');
    expect(form).toContain('银行转账');
    expect(form).not.toContain('js.stripe.com');
    const fields = checkoutFields(form);
    const send = () => web.submit('/checkout', { ...fields, ...address, paymentMethod: 'cash_on_delivery' });
    const placed = await send();
    expect(placed.status).toBe(201);
    expect(placed.text).toContain('下单成功');
    expect(placed.text).toContain('已为您下了 2 个订单');
    const twice = await send();
    expect(twice.status).toBe(200);

    const orders = await ordersOf(api);
    expect(orders).toHaveLength(2);
    expect(new Set(orders.map((o) => o.sellerId))).toEqual(new Set([farmA.store, farmB.store]));
    expect(orders.every((o) => o.status === 'confirmed')).toBe(true);
    expect(await web.page('/cart')).toContain('购物车还是空的');

    const list = await web.page('/orders');
    expect(list.match(/href="\/orders\/[0-9a-f-]{36}"/g)).toHaveLength(2);
    expect(list).toContain('待发货');
  });

  it('shows the platform account and the transfer reference after a bank transfer checkout', async () => {
    const { web, api } = await signedInBuyer();
    await web.page('/cart');
    await web.submit('/cart/items', { variantId: mangoA, quantity: '1' });
    const fields = checkoutFields(await web.page('/checkout'));
    const placed = await web.submit('/checkout', { ...fields, ...address, paymentMethod: 'bank_transfer' });
    expect(placed.status).toBe(201);
    expect(placed.text).toContain('中国工商银行南宁分行');
    expect(placed.text).toContain('6222 0211 0000 1234 567');
    const reference = /id="transfer-reference">(FR[0-9A-Z]{8})</.exec(placed.text)?.[1];
    expect(reference).toBeDefined();
    const [order] = await ordersOf(api);
    const detail = (await market.api.http().get(`/api/v1/orders/${order.id}`).set(api).expect(200)).body;
    expect(detail.bankTransfer.reference).toBe(reference);
    const page = await web.page(`/orders/${order.id}`);
    expect(page).toContain('待转账');
    expect(page).toContain(reference);
    expect(page).toContain('银行转账');
  });

  it('shows mistakes in the address next to the fields, and out of stock over the form', async () => {
    const { web, api } = await signedInBuyer();
    await web.page('/cart');
    await web.submit('/cart/items', { variantId: scarce, quantity: '2' });
    const fields = checkoutFields(await web.page('/checkout'));
    const invalid = await web.submit('/checkout', {
      ...fields,
      ...address,
      'shippingAddress.phone': '12345',
      'shippingAddress.countyCode': '999999',
      paymentMethod: 'cash_on_delivery',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toMatch(/id="shippingAddress.phone-error"[^>]*>/);
    expect(invalid.text).toContain('value="陈女士"');

    const wrongCounty = await web.submit('/checkout', {
      ...checkoutFields(invalid.text),
      ...address,
      'shippingAddress.countyCode': '999999',
      paymentMethod: 'cash_on_delivery',
    });
    expect(wrongCounty.status).toBe(400);
    expect(wrongCounty.text).toMatch(/id="shippingAddress.countyCode-error"[^>]*>请选择正确的区县/);

    // Someone else buys the last units meanwhile.
    await placeOrder(market.api, await market.newBuyer(), [{ variantId: scarce, quantity: 2 }], 'cash_on_delivery');
    const refused = await web.submit('/checkout', { ...fields, ...address, paymentMethod: 'cash_on_delivery' });
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/class="form-error" role="alert">有商品库存不足/);
    expect(refused.text).toContain('库存不足，目前只剩 1 件');
    expect(await ordersOf(api)).toHaveLength(0);
  });

  it("shows another buyer's order as not found, and cancels and confirms receipt through the page", async () => {
    const { web, api } = await signedInBuyer();
    const cancelled = (await placeOrder(market.api, api, [{ variantId: mangoA, quantity: 1 }], 'cash_on_delivery')).body
      .orders[0].id as string;
    const shipped = (await placeOrder(market.api, api, [{ variantId: mangoB, quantity: 1 }], 'cash_on_delivery')).body
      .orders[0].id as string;

    const stranger = await signedInBuyer();
    const notYours = await stranger.web.page(`/orders/${cancelled}`, 404);
    expect(notYours).toContain('订单不存在');
    await stranger.web.page('/orders/not-a-uuid', 404);
    await stranger.web.page('/orders');
    expect((await stranger.web.submit(`/orders/${cancelled}/cancel`, {})).status).toBe(404);

    const page = await web.page(`/orders/${cancelled}`);
    expect(page).toContain('取消订单');
    const cancel = await web.submit(`/orders/${cancelled}/cancel`, {});
    expect(cancel.status).toBe(303);
    expect(cancel.headers.location).toBe(`/orders/${cancelled}`);
    const afterCancel = await web.page(`/orders/${cancelled}`);
    expect(afterCancel).toMatch(/id="order-status">已取消/);
    expect(afterCancel).not.toContain('取消订单</button>');

    await market.api
      .http()
      .post(`/api/v1/seller/stores/${farmB.store}/orders/${shipped}/ship`)
      .set(farmB.seller)
      .send({ carrier: 'yto', trackingNumber: 'YT1234567890123' })
      .expect(201);
    const shippedPage = await web.page(`/orders/${shipped}`);
    expect(shippedPage).toMatch(/id="order-status">已发货/);
    expect(shippedPage).toContain('YT1234567890123');
    expect(shippedPage).toContain('确认收货');
    expect((await web.submit(`/orders/${shipped}/confirm-receipt`, {})).status).toBe(303);
    const order = (await market.api.http().get(`/api/v1/orders/${shipped}`).set(api).expect(200)).body;
    expect(order.status).toBe('delivered');
    expect(await web.page(`/orders/${shipped}`)).toMatch(/id="order-status">已送达/);
  });
});

describe('shopping pages: paying by card with Stripe', () => {
  let market: Marketplace;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let mango: string;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace(
      { ...fakeStripeEnvironment(stripe), STRIPE_PUBLISHABLE_KEY: 'pk_test_furrow' },
      { worker: false },
    );
    const farm = await openStore(market);
    [mango] = await publishProduct(market.api, farm.seller, market.admin, farm.store, mangoProduct());
  });
  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  it("mounts Stripe's Payment Element only on the answer of a card checkout, with that page's CSP", async () => {
    const user = await registerUser(market.api);
    const web = webClient(market.api);
    await web.signIn(user.email, user.password);
    await web.page('/cart');
    await web.submit('/cart/items', { variantId: mango, quantity: '1' });
    const form = await web.page('/checkout');
    expect(form).toContain('银行卡支付');
    expect(form).not.toContain('js.stripe.com');
    const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(form)![1];
    const items = /name="items" value="([^"]+)"/.exec(form)![1];
    const placed = await web.submit('/checkout', {
      idempotencyKey,
      items,
      'shippingAddress.recipient': BUYER_ADDRESS.recipient,
      'shippingAddress.phone': BUYER_ADDRESS.phone,
      'shippingAddress.countyCode': BUYER_ADDRESS.countyCode,
      'shippingAddress.detail': BUYER_ADDRESS.detail,
      paymentMethod: 'stripe',
    });
    expect(placed.status).toBe(201);
    expect(placed.text).toContain('<script src="https://js.stripe.com/v3/" defer></script>');
    expect(placed.text).toMatch(/src="\/assets\/stripe-checkout\.js\?v=/);
    expect(placed.text).toMatch(/data-client-secret="pi_[^"]+_secret_[0-9a-f]+"/);
    expect(placed.text).toContain('data-publishable-key="pk_test_furrow"');
    const csp = String(placed.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' https://js.stripe.com");
    expect(csp).toContain('frame-src https://js.stripe.com');
    expect(csp).toContain("connect-src 'self' https://api.stripe.com");
    const home = await web.agent.get('/');
    expect(String(home.headers['content-security-policy'])).not.toContain('stripe');
    await web.agent.get('/assets/stripe-checkout.js').expect(200);
  });
});

describe('a guest cart and sign-ins that race', () => {
  let market: Marketplace;
  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
  });
  afterAll(() => market.close());

  it('is merged once when three sign-ins carry the same cookie at once', async () => {
    const farm = await openStore(market);
    const [variant] = await publishProduct(market.api, farm.seller, market.admin, farm.store, mangoProduct());
    const user = await registerUser(market.api);
    const server = market.api.app.getHttpServer();
    const first = await request(server).get('/login');
    const secret = /furrow_csrf=([^;]+)/.exec(String(first.headers['set-cookie']))![1];
    const token = csrfTokenOf(first.text)!;
    const login = () =>
      request(server)
        .post('/login')
        .set('cookie', `furrow_csrf=${secret}; furrow_cart=${variant}:5`)
        .type('form')
        .send({ _csrf: token, account: user.email, password: user.password });
    const answers = await Promise.all([login(), login(), login()]);
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303]);
    const lines: Array<{ quantity: number }> = await market.api.app
      .get(DataSource)
      .query(`SELECT quantity FROM cart_lines cl JOIN users u ON u.id = cl.user_id WHERE u.email = $1`, [user.email]);
    expect(lines.map((l) => l.quantity)).toEqual([5]);
  });
});
