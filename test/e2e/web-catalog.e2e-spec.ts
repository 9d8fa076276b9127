import request from 'supertest';
import { cattleAdoption, mangoProduct } from '../factories/product.factory';
import { BAOJING } from '../factories/seller.factory';
import { Marketplace, openStore, OpenStore, startMarketplace } from '../utils/marketplace';
import { webClient } from '../utils/web-client';

describe('the buyers’ catalog pages', () => {
  let market: Marketplace;
  let tianyang: OpenStore;
  let baojing: OpenStore;
  let mangoId: string;
  let otherId: string;
  let scriptId: string;
  let draftId: string;
  let seasonId: string;
  let storeName: string;

  /** Creates, submits and approves a product through the JSON API; its id. */
  const publish = async (store: OpenStore, body: object): Promise<string> => {
    const products = `/api/v1/seller/stores/${store.store}/products`;
    const created = await market.api.http().post(products).set(store.seller).send(body).expect(201);
    await market.api.http().post(`${products}/${created.body.id}/submit`).set(store.seller).expect(201);
    await market.api.http().post(`/api/v1/admin/products/${created.body.id}/approve`).set(market.admin).expect(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
    tianyang = await openStore(market);
    baojing = await openStore(market, { originCountyCode: BAOJING });
    mangoId = await publish(tianyang, mangoProduct());
    otherId = await publish(baojing, mangoProduct({ title: '湘西芒果 一级 3斤装' }));
    scriptId = await publish(tianyang, mangoProduct({ title: '<script>alert(1)</script>桂七' }));
    // A harvest window around today (in China) makes a product "in season" on the home page.
    const day = (offset: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
        new Date(Date.now() + offset * 86_400_000),
      );
    const season = mangoProduct({ title: '当季沃柑 一级' });
    season.content.attributes.harvestWindow = { from: day(-10), to: day(10) };
    season.variants[0].priceFen = 3000; // ¥30.00 for 5 jin: ¥6.00/斤
    seasonId = await publish(baojing, season);
    const draft = await market.api
      .http()
      .post(`/api/v1/seller/stores/${tianyang.store}/products`)
      .set(tianyang.seller)
      .send(mangoProduct({ title: '还没审核的芒果' }))
      .expect(201);
    draftId = draft.body.id;
    storeName = (await market.api.http().get(`/api/v1/sellers/${tianyang.store}`).expect(200)).body.displayName;
  });
  afterAll(() => market.close());

  it('shows what is in season, the three kinds and the counties with products on the home page', async () => {
    const html = await webClient(market.api).page('/');
    expect(html).toContain('当季正当时');
    expect(html).toContain(`href="/products/${seasonId}"`);
    expect(html).toContain('¥6.00/斤');
    expect(html).not.toContain(`href="/products/${mangoId}"`); // picked in July and August
    expect(html).toContain('href="/search?kind=produce"');
    expect(html).toContain('href="/search?kind=tea"');
    expect(html).toContain('href="/search?kind=adoption"');
    expect(html).toContain('href="/search?region=451003"');
    expect(html).toContain('href="/search?region=433125"');
    expect(html).toMatch(/srcset=|class="no-photo"/);
    expect(html).not.toContain('还没审核的芒果');
  });

  it('finds 芒果, and filtering by Baise (451000) keeps the Tianyang mango and drops the other county’s', async () => {
    const web = webClient(market.api);
    const all = await web.page(`/search?q=${encodeURIComponent('芒果')}`);
    expect(all).toContain(`href="/products/${mangoId}"`);
    expect(all).toContain(`href="/products/${otherId}"`);
    expect(all).toContain('田阳区');
    const baise = await web.page(`/search?q=${encodeURIComponent('芒果')}&region=451000`);
    expect(baise).toContain(`href="/products/${mangoId}"`);
    expect(baise).not.toContain(`href="/products/${otherId}"`);
    expect(baise).toContain('百色市');
    // The region picker sends province, city and county; the finest one chosen counts.
    const picked = await web.page(
      `/search?q=${encodeURIComponent('芒果')}&_province:region=430000&_city:region=433100&region=`,
    );
    expect(picked).toContain(`href="/products/${otherId}"`);
    expect(picked).not.toContain(`href="/products/${mangoId}"`);
  });

  it('filters by price typed in yuan, says what was mistyped, and pages with a "more" link', async () => {
    const web = webClient(market.api);
    const cheap = await web.page('/search?maxPrice=59.90&sort=price_asc');
    expect(cheap).toContain(`href="/products/${mangoId}"`);
    const none = await web.page('/search?minPrice=60');
    expect(none).not.toContain(`href="/products/${mangoId}"`);
    const typo = await web.page('/search?minPrice=abc');
    expect(typo).toMatch(/id="minPrice-error"[^>]*>请输入金额/);
    expect(typo).toContain('aria-invalid="true"');

    const inStock = await web.page('/search?inStock=1&kind=produce&sort=price_desc');
    expect(inStock).toContain('id="results"');
    expect(inStock).toContain(`href="/products/${mangoId}"`);
    // 20 a page: these products fit in one, so no "more" link.
    expect(inStock).not.toContain('hx-get="/search?');
  });

  it('shows the product: grade, net weight, price per jin, ships-within, certificates, the store card, the cart form', async () => {
    const html = await webClient(market.api).page(`/products/${mangoId}`);
    expect(html).toContain('<h1>田阳桂七芒果 特级 5斤装</h1>');
    expect(html).toMatch(/等级<\/dt><dd>特级/);
    expect(html).toMatch(/品种<\/dt><dd>桂七/);
    expect(html).toContain('5斤（2.5kg）');
    expect(html).toContain('¥11.98/斤');
    expect(html).toContain('¥9.99/斤'); // 99.90 for 10 jin
    expect(html).toContain('下单后 48 小时内发货');
    expect(html).toContain('250–350 克');
    expect(html).toContain('承诺达标合格证');
    expect(html).toContain('HG-451003-2026-0088');
    expect(html).toContain('买 5 件及以上，每件 ¥94.90');
    expect(html).toContain(`href="/stores/${tianyang.store}"`);
    expect(html).toContain(storeName);
    expect(html).toContain('暂无发货记录');
    expect(html).toContain('action="/cart/items"');
    expect(html).toMatch(/name="variantId" value="[0-9a-f-]{36}"/);
    expect(html).toContain('name="quantity"');
    expect(html).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('prints a <script> title as text', async () => {
    const html = await webClient(market.api).page(`/products/${scriptId}`);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;桂七');
    expect(html).not.toContain('<script>alert(1)</script>');
    const search = await webClient(market.api).page(`/search?q=${encodeURIComponent('<script>')}`);
    expect(search).not.toContain('<script>alert(1)</script>');
  });

  it('answers a draft, an unknown and a malformed product with the 404 page', async () => {
    const web = webClient(market.api);
    expect(await web.page(`/products/${draftId}`, 404)).toContain('商品不存在或已下架');
    expect(await web.page('/products/not-a-uuid', 404)).toContain('页面不存在或已下架');
    await web.page('/products/00000000-0000-4000-8000-000000000000', 404);
  });

  it('pages by a "more" link without JavaScript, and with htmx appends the next cards', async () => {
    // 4 products so far; 17 more make 21, one past a page of 20.
    for (let i = 0; i < 17; i++) await publish(baojing, mangoProduct({ title: `保靖黄金茶园 第${i}批` }));
    const web = webClient(market.api);
    const first = await web.page('/search?sort=newest');
    const more = /<a class="button wide" href="([^"]+)"/.exec(first)?.[1];
    // As a browser reads the attribute (Handlebars encodes = and &).
    const next = more!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/search\?sort=newest&cursor=/);
    const second = await web.page(next);
    expect(second).toContain('<html');
    expect(second.match(/class="card product-card"/g)).toHaveLength(1);
    expect(second).toContain(`href="/products/${mangoId}"`); // the oldest comes last
    const fragment = await web.agent.get(next).set('hx-request', 'true').expect(200);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain(`href="/products/${mangoId}"`);
    expect(fragment.text).toContain('id="more" class="more" hx-swap-oob="true"');
  });

  it('shows a store’s public page with its products', async () => {
    const html = await webClient(market.api).page(`/stores/${tianyang.store}`);
    expect(html).toContain(storeName);
    expect(html).toContain(`href="/products/${mangoId}"`);
    expect(html).not.toContain(`href="/products/${otherId}"`);
    await webClient(market.api).page('/stores/00000000-0000-4000-8000-000000000000', 404);
  });

  it('speaks English when the browser asks for it', async () => {
    const server = market.api.app.getHttpServer();
    const product = await request(server).get(`/products/${mangoId}`).set('accept-language', 'en').expect(200);
    expect(product.text).toContain('<html lang="en">');
    expect(product.text).toContain('Add to cart');
    expect(product.text).toContain('within 48 hours of the order');
    expect(product.text).toContain('2.5 kg');
    expect(product.text).toContain('¥11.98/jin');
    const search = await request(server).get('/search').set('accept-language', 'en').expect(200);
    expect(search.text).toContain('In stock only');
  });

  it('shows an adoption plan’s facts, and that it is no investment', async () => {
    const id = await publish(baojing, cattleAdoption());
    const html = await webClient(market.api).page(`/products/${id}`);
    expect(html).toMatch(/认养对象<\/dt><dd>肉牛/);
    expect(html).toContain('36 个月');
    expect(html).toContain('每 30 天更新一次');
    expect(html).toContain('按市场价加 8% 回购，最低每公斤 ¥36.00');
    expect(html).toContain('中华联合财险');
    expect(html).toContain('不是理财产品');
    expect(html).not.toContain('/斤'); // sold by the head
  });
});
