import sharp from 'sharp';
import { TIANYANG } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { Auth, bearer, Marketplace, openStore, startMarketplace } from '../utils/marketplace';
import { webClient, WebClient } from '../utils/web-client';

/** A small photo as a phone camera would send it. */
const photo = () =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 60, g: 140, b: 70 } } })
    .jpeg()
    .toBuffer();

const STORE_FIELDS = {
  kind: 'cooperative',
  displayName: '四那村芒果合作社',
  originCountyCode: TIANYANG,
  originPlace: '百育镇四那村',
  contactPhone: '139 0776 0001',
  description: '桂七芒果，树上自然熟。',
};

/** The guided produce form, filled in as a farmer would (price in yuan, weight in 斤). */
const PRODUCE_FORM: Record<string, string> = {
  'content.title': '田阳桂七芒果 特级 5斤装',
  'content.description': '树上熟，顺丰次日达',
  'content.traceability.originVillage': '四那村',
  'content.traceability.certificates.0.type': 'compliance_certificate',
  'content.traceability.certificates.0.number': 'HG-451003-0088',
  'content.attributes.variety': '桂七',
  'content.attributes.grade': '特级',
  'content.attributes.fruitSizeGrams.from': '250',
  'content.attributes.fruitSizeGrams.to': '350',
  'content.attributes.harvestWindow.from': '2026-07-01',
  'content.attributes.harvestWindow.to': '2026-08-31',
  'content.attributes.shipsWithinHours': '48',
  'content.attributes.storageClass': 'ambient',
  'variants.0.name': '5斤装',
  'variants.0.saleUnit': 'box',
  'variants.0.netWeightGrams': '5',
  'variants.0.weightUnit': 'jin',
  'variants.0.priceFen': '59.90',
  'variants.0.stock': '200',
  'variants.0.priceTiers.0.minQuantity': '5',
  'variants.0.priceTiers.0.priceFen': '55',
  'variants.1.saleUnit': 'box',
  'variants.1.weightUnit': 'jin',
};

/** Sends a multipart form from the last page, its CSRF token on the action URL (as the pages do). */
function sendMultipart(
  web: WebClient,
  path: string,
  fields: Record<string, string>,
  files: Array<{ field: string; bytes: Buffer; name: string; type: string }> = [],
) {
  let req = web.agent.post(`${path}?_csrf=${encodeURIComponent(web.csrfToken())}`);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  for (const f of files) req = req.attach(f.field, f.bytes, { filename: f.name, contentType: f.type });
  return req;
}

describe('seller pages: the store and its products', () => {
  let market: Marketplace;
  let web: WebClient;
  let farmer: Auth;
  let store: string;
  let productId: string;

  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
    const owner = await registerUser(market.api);
    farmer = bearer((await loginUser(market.api, owner)).accessToken);
    web = webClient(market.api);
    await web.signIn(owner.email, owner.password);
  });
  afterAll(() => market.close());

  it('applies for a store with a photo from the camera, shows the rejection reason, and resubmits the correction', async () => {
    expect(await web.page('/seller')).toContain('申请开店');
    const form = await web.page('/seller/apply');
    expect(form).toContain('capture="environment"');
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toContain('name="_province:originCountyCode"');
    // Without JavaScript the picker sends the form back by GET: the next select fills, what was typed stays.
    const refreshed = await web.page(
      `/seller/apply?_refresh=1&displayName=${encodeURIComponent('四那村')}&${encodeURIComponent('_province:originCountyCode')}=450000`,
    );
    expect(refreshed).toContain('百色市');
    expect(refreshed).toContain('value="四那村"');

    const wrongPhone = await sendMultipart(web, '/seller/apply', { ...STORE_FIELDS, contactPhone: '12345' });
    expect(wrongPhone.status).toBe(400);
    expect(wrongPhone.text).toMatch(/id="contactPhone-error"[^>]*>请输入 11 位手机号/);

    const applied = await sendMultipart(web, '/seller/apply', STORE_FIELDS, [
      { field: 'photos', bytes: await photo(), name: 'farm.jpg', type: 'image/jpeg' },
    ]);
    expect(applied.status).toBe(303);
    store = /^\/seller\/stores\/([0-9a-f-]{36})$/.exec(applied.headers.location)![1];
    const pending = await web.page(`/seller/stores/${store}`);
    expect(pending).toContain('审核中');
    const stored = await market.api.http().get(`/api/v1/seller/stores/${store}`).set(farmer).expect(200);
    expect(stored.body.photoIds).toHaveLength(1);
    expect(stored.body.contactPhone).toBe('+8613907760001');

    await market.api
      .http()
      .post(`/api/v1/admin/sellers/${store}/reject`)
      .set(market.admin)
      .send({ reason: '照片看不清，请补拍果园' })
      .expect(201);
    const rejected = await web.page(`/seller/stores/${store}`);
    expect(rejected).toContain('未通过');
    expect(rejected).toContain('照片看不清，请补拍果园');
    expect(rejected).toContain('四那村芒果合作社');
    expect((await web.page('/seller')).toString()).toContain('照片看不清，请补拍果园');

    const photoId = stored.body.photoIds[0] as string;
    const resubmitted = await sendMultipart(web, `/seller/stores/${store}`, { ...STORE_FIELDS, photoIds: photoId }, [
      { field: 'photos', bytes: await photo(), name: 'orchard.jpg', type: 'image/jpeg' },
    ]);
    expect(resubmitted.status).toBe(303);
    const again = await market.api.http().get(`/api/v1/seller/stores/${store}`).set(farmer).expect(200);
    expect(again.body.status).toBe('pending_review');
    expect(again.body.photoIds).toHaveLength(2);
    expect(again.body.photoIds[0]).toBe(photoId);

    await market.api.http().post(`/api/v1/admin/sellers/${store}/approve`).set(market.admin).expect(201);
    const verified = await web.page(`/seller/stores/${store}`);
    expect(verified).toContain('已开通');
    for (const path of ['products', 'orders', 'shipping-policy', 'money', 'staff']) {
      expect(verified).toContain(`href="/seller/stores/${store}/${path}"`);
    }
  });

  it('creates a produce product through the guided form, a mistake shown next to its field first', async () => {
    expect(await web.page(`/seller/stores/${store}/products/new`)).toContain(
      `/seller/stores/${store}/products/new/produce`,
    );
    await web.page(`/seller/stores/${store}/products/new/produce`);
    const blankPrice = await sendMultipart(web, `/seller/stores/${store}/products/new/produce`, {
      ...PRODUCE_FORM,
      'variants.0.priceFen': '',
    });
    expect(blankPrice.status).toBe(400);
    expect(blankPrice.text).toMatch(/id="v0-priceFen-error"[^>]*>必填/);
    expect(blankPrice.text).toContain('value="桂七"');
    const badPrice = await sendMultipart(web, `/seller/stores/${store}/products/new/produce`, {
      ...PRODUCE_FORM,
      'variants.0.priceFen': '59.999',
    });
    expect(badPrice.text).toMatch(/id="v0-priceFen-error"[^>]*>请输入金额/);

    const created = await sendMultipart(web, `/seller/stores/${store}/products/new/produce`, PRODUCE_FORM, [
      { field: 'photos', bytes: await photo(), name: 'mango.jpg', type: 'image/jpeg' },
    ]);
    expect(created.status).toBe(303);
    productId = created.headers.location.split('/').pop()!;
    const api = await market.api
      .http()
      .get(`/api/v1/seller/stores/${store}/products/${productId}`)
      .set(farmer)
      .expect(200);
    expect(api.body.status).toBe('draft');
    expect(api.body.draft.attributes).toMatchObject({
      variety: '桂七',
      fruitSizeGrams: { from: 250, to: 350 },
      shipsWithinHours: 48,
      preSale: null,
    });
    expect(api.body.draft.imageIds).toHaveLength(1);
    expect(api.body.variants).toHaveLength(1);
    expect(api.body.variants[0]).toMatchObject({
      priceFen: 5990,
      netWeightGrams: 2500,
      stock: 200,
      priceTiers: [{ minQuantity: 5, priceFen: 5500 }],
    });
    expect(await web.page(created.headers.location)).toContain('草稿');
  });

  it('submits for review and shows the reason when an admin rejects it', async () => {
    await web.page(`/seller/stores/${store}/products/${productId}`);
    const submitted = await web.submit(`/seller/stores/${store}/products/${productId}/submit`, {});
    expect(submitted.status).toBe(303);
    expect(await web.page(`/seller/stores/${store}/products/${productId}`)).toContain('已提交审核');
    await market.api
      .http()
      .post(`/api/v1/admin/products/${productId}/reject`)
      .set(market.admin)
      .send({ reason: '请补充 <b>合格证</b> 照片' })
      .expect(201);
    const page = await web.page(`/seller/stores/${store}/products/${productId}`);
    expect(page).toContain('未通过原因：请补充 &lt;b&gt;合格证&lt;/b&gt; 照片');
    const list = await web.page(`/seller/stores/${store}/products`);
    expect(list).toContain('请补充 &lt;b&gt;合格证&lt;/b&gt; 照片');
    expect(list).toContain('田阳桂七芒果 特级 5斤装');
  });

  it('corrects a rejected product and resubmits it; a change to a live product goes to review', async () => {
    const path = `/seller/stores/${store}/products/${productId}`;
    const page = await web.page(path);
    expect(page).toContain('value="桂七"');
    const edited = await sendMultipart(web, path, {
      ...PRODUCE_FORM,
      'content.attributes.grade': '一级',
      'content.imageIds': (
        await market.api.http().get(`/api/v1/seller/stores/${store}/products/${productId}`).set(farmer)
      ).body.draft.imageIds[0],
    });
    expect(edited.status).toBe(303);
    await web.page(path);
    expect((await web.submit(`${path}/submit`, {})).status).toBe(303);
    await market.api.http().post(`/api/v1/admin/products/${productId}/approve`).set(market.admin).expect(201);
    const live = await web.page(path);
    expect(live).toContain('在售');
    expect(live).toContain('需要重新审核');

    const revised = await sendMultipart(web, path, { ...PRODUCE_FORM, 'content.title': '田阳桂七芒果 一级 5斤装' });
    expect(revised.status).toBe(303);
    const product = await market.api
      .http()
      .get(`/api/v1/seller/stores/${store}/products/${productId}`)
      .set(farmer)
      .expect(200);
    expect(product.body).toMatchObject({ status: 'active', revisionState: 'pending_review' });
    expect(product.body.content.title).toBe('田阳桂七芒果 特级 5斤装');
    expect(product.body.draft.title).toBe('田阳桂七芒果 一级 5斤装');
    expect(await web.page(path)).toContain('修改正在审核');

    const noPrice = await web.submit(`${path}/variants`, {
      'variant.name': '10斤装',
      'variant.saleUnit': 'box',
      'variant.netWeightGrams': '10',
      'variant.weightUnit': 'jin',
      'variant.stock': '50',
    });
    expect(noPrice.status).toBe(400);
    expect(noPrice.text).toMatch(/id="variant.priceFen-error"[^>]*>必填/);
    const added = await web.submit(`${path}/variants`, {
      'variant.name': '10斤装',
      'variant.saleUnit': 'box',
      'variant.netWeightGrams': '10',
      'variant.weightUnit': 'jin',
      'variant.priceFen': '99.90',
      'variant.stock': '50',
    });
    expect(added.status).toBe(303);
    const withTwo = await market.api
      .http()
      .get(`/api/v1/seller/stores/${store}/products/${productId}`)
      .set(farmer)
      .expect(200);
    expect(withTwo.body.variants[1]).toMatchObject({ name: '10斤装', priceFen: 9990, netWeightGrams: 5000, stock: 50 });
  });

  it('guides tea and adoption plans with their own attributes, as the API checks them', async () => {
    const tea = await web.page(`/seller/stores/${store}/products/new/tea`);
    expect(tea).toContain('name="content.attributes.harvestSeason"');
    expect(tea).toContain('明前茶');
    const teaMade = await sendMultipart(web, `/seller/stores/${store}/products/new/tea`, {
      'content.title': '保靖黄金茶 明前 125克',
      'content.traceability.originVillage': '黄金村',
      'content.attributes.harvestSeason': 'mingqian',
      'content.attributes.batchNumber': 'BJ-01',
      'content.attributes.grade': '特级',
      'content.attributes.productionDate': '2026-03-18',
      'content.attributes.shelfLifeMonths': '18',
      'variants.0.name': '125克',
      'variants.0.saleUnit': 'bag',
      'variants.0.netWeightGrams': '125',
      'variants.0.weightUnit': 'g',
      'variants.0.priceFen': '168',
      'variants.0.stock': '40',
    });
    expect(teaMade.status).toBe(303);

    const adoption = await web.page(`/seller/stores/${store}/products/new/adoption`);
    expect(adoption).toContain('name="content.attributes.atTermEnd.type"');
    const claim = await sendMultipart(web, `/seller/stores/${store}/products/new/adoption`, {
      'content.title': '认养湘西黄牛',
      'content.description': '保本保息，年化 12%',
      'content.traceability.originVillage': '阿拉营镇',
      'content.attributes.species': 'cattle',
      'content.attributes.breed': '湘西黄牛',
      'content.attributes.termMonths': '36',
      'content.attributes.evidenceIntervalDays': '30',
      'content.attributes.atTermEnd.type': 'buy_back',
      'content.attributes.atTermEnd.premiumBasisPoints': '8',
      'content.attributes.atTermEnd.floorPricePerKgFen': '36',
      'content.attributes.maxPerAdopter': '5',
      'variants.0.name': '认养一头',
      'variants.0.saleUnit': 'head',
      'variants.0.priceFen': '12000',
      'variants.0.stock': '30',
    });
    expect(claim.status).toBe(400);
    expect(claim.text).toMatch(/id="content.description-error"[^>]*>认养不能承诺投资回报/);
    const made = await sendMultipart(web, `/seller/stores/${store}/products/new/adoption`, {
      'content.title': '认养湘西黄牛',
      'content.description': '牧场每月上传视频',
      'content.traceability.originVillage': '阿拉营镇',
      'content.attributes.species': 'cattle',
      'content.attributes.breed': '湘西黄牛',
      'content.attributes.termMonths': '36',
      'content.attributes.evidenceIntervalDays': '30',
      'content.attributes.atTermEnd.type': 'buy_back',
      'content.attributes.atTermEnd.premiumBasisPoints': '8',
      'content.attributes.atTermEnd.floorPricePerKgFen': '36',
      'content.attributes.maxPerAdopter': '5',
      'variants.0.name': '认养一头',
      'variants.0.saleUnit': 'head',
      'variants.0.priceFen': '12000',
      'variants.0.stock': '30',
    });
    expect(made.status).toBe(303);
    const id = made.headers.location.split('/').pop();
    const body = (await market.api.http().get(`/api/v1/seller/stores/${store}/products/${id}`).set(farmer)).body;
    expect(body.draft.attributes.atTermEnd).toEqual({
      type: 'buy_back',
      premiumBasisPoints: 800,
      floorPricePerKgFen: 3600,
    });
    expect(body.draft.attributes.insurance).toBeNull();
    expect(body.variants[0].priceFen).toBe(1_200_000);
  });

  it('changes price and stock from the list, with and without htmx', async () => {
    const product = await market.api
      .http()
      .get(`/api/v1/seller/stores/${store}/products/${productId}`)
      .set(farmer)
      .expect(200);
    const variant = product.body.variants[0].id as string;
    const path = `/seller/stores/${store}/products/${productId}/variants/${variant}`;
    await web.page(`/seller/stores/${store}/products`);
    const saved = await web.submit(path, { priceFen: '49.90', stock: '120' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/seller/stores/${store}/products?saved=1`);
    const after = await market.api
      .http()
      .get(`/api/v1/seller/stores/${store}/products/${productId}`)
      .set(farmer)
      .expect(200);
    expect(after.body.variants[0]).toMatchObject({ priceFen: 4990, stock: 120 });

    const noJs = await web.submit(path, { priceFen: 'abc' });
    expect(noJs.status).toBe(400);
    expect(noJs.text).toMatch(new RegExp(`id="price-${variant}-error"[^>]*>请输入金额`));

    const fragment = await web.agent
      .post(path)
      .set('hx-request', 'true')
      .set('x-csrf-token', web.csrfToken())
      .type('form')
      .send({ stock: '-1' });
    expect(fragment.status).toBe(200);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toMatch(new RegExp(`id="stock-${variant}-error"[^>]*>不能小于 0`));
    const ok = await web.agent
      .post(path)
      .set('hx-request', 'true')
      .set('x-csrf-token', web.csrfToken())
      .type('form')
      .send({ stock: '7' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('value="7"');
  });

  it('imports a CSV through the page and lists the mistakes of each row', async () => {
    const header =
      'product_ref,kind,title,description,origin_village,certificate_type,certificate_number,variety,grade,ships_within_hours,storage_class,pre_sale_ships_from,harvest_season,batch_number,production_date,shelf_life_months,gi_number,attributes_json,variant_name,sale_unit,net_weight_grams,price_yuan,stock,min_order_quantity,max_per_order,sku';
    const csv = [header, 'm1,produce,好芒果,,四那村,,,桂七,特级,48,ambient,,,,,,,,5斤装,box,2500,59.999,100,,,'].join(
      '\n',
    );
    const page = await web.page(`/seller/stores/${store}/products/import`);
    expect(page).toContain('product_ref,kind,title');
    const bad = await sendMultipart(web, `/seller/stores/${store}/products/import`, {}, [
      { field: 'file', bytes: Buffer.from(csv), name: 'products.csv', type: 'text/csv' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('一个都没有导入');
    expect(bad.text).toMatch(/<td>2<\/td><td><code>price_yuan<\/code><\/td>/);

    const good = await sendMultipart(web, `/seller/stores/${store}/products/import`, {}, [
      {
        field: 'file',
        bytes: Buffer.from(csv.replace('59.999', '59.90')),
        name: 'products.csv',
        type: 'text/csv',
      },
    ]);
    expect(good.status).toBe(200);
    expect(good.text).toContain('已导入 1 个商品、1 个规格');
  });

  it('escapes a <script> typed into a title', async () => {
    await web.page(`/seller/stores/${store}/products/new/produce`);
    const created = await sendMultipart(web, `/seller/stores/${store}/products/new/produce`, {
      ...PRODUCE_FORM,
      'content.title': '<script>alert(1)</script>芒果',
      'content.traceability.certificates.0.type': '',
      'content.traceability.certificates.0.number': '',
    });
    expect(created.status).toBe(303);
    const page = await web.page(created.headers.location);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;芒果');
    expect(page).not.toContain('<script>alert(1)');
    expect(await web.page(`/seller/stores/${store}/products`)).not.toContain('<script>alert(1)');
  });

  it("shows another seller none of this store's pages", async () => {
    const other = await registerUser(market.api);
    const otherAuth = bearer((await loginUser(market.api, other)).accessToken);
    await openStore(market, { seller: otherAuth });
    const stranger = webClient(market.api);
    await stranger.signIn(other.email, other.password);
    await stranger.page(`/seller/stores/${store}`, 404);
    await stranger.page(`/seller/stores/${store}/products`, 404);
    await stranger.page(`/seller/stores/${store}/products/${productId}`, 404);
    await stranger.page(`/seller/stores/${store}/products/import`, 404);
    await stranger.page(`/seller/stores/${store}/products/new/produce`, 404);
    const product = await market.api
      .http()
      .get(`/api/v1/seller/stores/${store}/products/${productId}`)
      .set(farmer)
      .expect(200);
    const variant = product.body.variants[0].id as string;
    const edit = await stranger.submit(`/seller/stores/${store}/products/${productId}/variants/${variant}`, {
      stock: '0',
    });
    expect(edit.status).toBe(404);
    const submit = await stranger.submit(`/seller/stores/${store}/products/${productId}/submit`, {});
    expect(submit.status).toBe(404);
    const unchanged = await market.api
      .http()
      .get(`/api/v1/seller/stores/${store}/products/${productId}`)
      .set(farmer)
      .expect(200);
    expect(unchanged.body.variants[0].stock).toBe(7);
    // Not signed in at all: the login page.
    const anonymous = await webClient(market.api).agent.get(`/seller/stores/${store}/products`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toContain('/login?next=');
  });
});
