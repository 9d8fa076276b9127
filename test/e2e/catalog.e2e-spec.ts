import { cattleAdoption, mangoProduct } from '../factories/product.factory';
import { BAOJING, FENGHUANG, verifiedSeller } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

describe('the catalog over HTTP', () => {
  let db: TestDatabase;
  let api: TestApi;
  let admin: { authorization: string };
  let farmer: { authorization: string };
  let storeId: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const root = { email: 'root@furrow.test', password: 'root-password-123' };

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, { SUPERADMIN_EMAIL: root.email, SUPERADMIN_PASSWORD: root.password });
    api = await startTestApi();
    admin = bearer((await loginUser(api, root)).accessToken);
    farmer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    storeId = await verifiedSeller(api, farmer.authorization.slice(7), admin.authorization.slice(7));
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const products = (sellerId = storeId) => `/api/v1/seller/stores/${sellerId}/products`;

  async function publish(body: object, sellerAuth = farmer, sellerId = storeId) {
    const created = await api.http().post(products(sellerId)).set(sellerAuth).send(body).expect(201);
    await api
      .http()
      .post(`${products(sellerId)}/${created.body.id}/submit`)
      .set(sellerAuth)
      .expect(201);
    await api.http().post(`/api/v1/admin/products/${created.body.id}/approve`).set(admin).expect(201);
    return created.body.id as string;
  }

  it('lists a graded mango box, refuses investment claims, and finds 芒果 in Baise after approval', async () => {
    const created = await api.http().post(products()).set(farmer).send(mangoProduct()).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', content: null, kind: 'produce' });
    expect(created.body.variants).toHaveLength(2);

    const claim = await api
      .http()
      .post(products())
      .set(farmer)
      .send(cattleAdoption('认养一头牛，保本保息，年化收益12%'));
    expect(claim.status).toBe(422);
    expect(claim.body.code).toBe('PROHIBITED_INVESTMENT_CLAIM');
    expect(claim.body.details.found).toEqual(expect.arrayContaining(['保本', '保息', '年化']));
    const english = await api.http().post(products()).set(farmer).send(cattleAdoption('A guaranteed return of 12%'));
    expect(english.body.code).toBe('PROHIBITED_INVESTMENT_CLAIM');
    await api.http().post(products()).set(farmer).send(cattleAdoption()).expect(201);

    // Not visible before review.
    const before = await api.http().get('/api/v1/products').query({ q: '芒果' }).expect(200);
    expect(before.body.items).toEqual([]);

    await api.http().post(`${products()}/${created.body.id}/submit`).set(farmer).expect(201);
    const queue = await api.http().get('/api/v1/admin/products?awaiting=review').set(admin).expect(200);
    expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    await api.http().post(`/api/v1/admin/products/${created.body.id}/approve`).set(admin).expect(201);

    const found = await api.http().get('/api/v1/products').query({ q: '芒果', region: '451000' }).expect(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        id: created.body.id,
        title: '田阳桂七芒果 特级 5斤装',
        minPriceFen: 5990,
        inStock: true,
      }),
    ]);
    const elsewhere = await api.http().get('/api/v1/products').query({ q: '芒果', region: '430000' }).expect(200);
    expect(elsewhere.body.items).toEqual([]);

    const detail = await api.http().get(`/api/v1/products/${created.body.id}`).expect(200);
    expect(detail.body).toMatchObject({
      attributes: { variety: '桂七', grade: '特级' },
      seller: { id: storeId },
      origin: [
        expect.objectContaining({ name: '田阳区' }),
        expect.objectContaining({ name: '百色市' }),
        expect.objectContaining({ name: '广西壮族自治区' }),
      ],
    });
    expect(detail.body.variants[1]).toMatchObject({
      priceTiers: [{ minQuantity: 5, priceFen: 9490 }],
      maxPerOrder: 10,
    });
    expect(detail.body.variants[0].sku).toBeUndefined();
  });

  it('keeps showing the approved text while a change waits for review; price and stock apply at once', async () => {
    const id = await publish(mangoProduct({ title: '田阳台农芒果 一级' }));
    const mine = await api.http().get(`${products()}/${id}`).set(farmer).expect(200);
    const variantId = mine.body.variants[0].id as string;

    const edited = mangoProduct({ title: '田阳台农芒果 一级 新包装' });
    const pending = await api
      .http()
      .put(`${products()}/${id}/content`)
      .set(farmer)
      .send({ content: edited.content })
      .expect(200);
    expect(pending.body).toMatchObject({ revisionState: 'pending_review', status: 'active' });
    await api
      .http()
      .patch(`${products()}/${id}/variants/${variantId}`)
      .set(farmer)
      .send({ priceFen: 4990, stock: 0 })
      .expect(200);

    const live = await api.http().get(`/api/v1/products/${id}`).expect(200);
    expect(live.body.title).toBe('田阳台农芒果 一级');
    expect(live.body.variants[0]).toMatchObject({ priceFen: 4990, stock: 0 });

    await api.http().post(`/api/v1/admin/products/${id}/reject`).set(admin).send({ reason: '标题夸大' }).expect(201);
    expect((await api.http().get(`/api/v1/products/${id}`).expect(200)).body.title).toBe('田阳台农芒果 一级');
    await api.http().put(`${products()}/${id}/content`).set(farmer).send({ content: edited.content }).expect(200);
    await api.http().post(`/api/v1/admin/products/${id}/approve`).set(admin).expect(201);
    expect((await api.http().get(`/api/v1/products/${id}`).expect(200)).body.title).toBe('田阳台农芒果 一级 新包装');

    await api.http().post(`${products()}/${id}/status`).set(farmer).send({ status: 'paused' }).expect(201);
    await api.http().get(`/api/v1/products/${id}`).expect(404);
    await api.http().post(`${products()}/${id}/status`).set(farmer).send({ status: 'active' }).expect(201);
    await api.http().get(`/api/v1/products/${id}`).expect(200);
  });

  it('filters, sorts and pages the public catalog, and tolerates a misspelt longer word', async () => {
    const teaFarmer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const teaStore = await verifiedSeller(api, teaFarmer.authorization.slice(7), admin.authorization.slice(7), {
      displayName: '保靖黄金茶家庭农场',
      kind: 'family_farm',
      originCountyCode: BAOJING,
    });
    const tea = {
      content: {
        kind: 'tea',
        title: '保靖黄金茶 明前特级',
        description: '',
        traceability: {
          originVillage: '葫芦镇黄金村',
          certificates: [{ type: 'geographical_indication', number: 'GI-2012-0117' }],
        },
        attributes: {
          harvestSeason: 'mingqian',
          batchNumber: 'BJ-2026-03-A',
          grade: '特级',
          productionDate: '2026-03-20',
          shelfLifeMonths: 18,
          geographicalIndicationNumber: 'AGI01234',
        },
      },
      variants: [{ name: '250克罐装', saleUnit: 'bag', netWeightGrams: 250, priceFen: 26800, stock: 50 }],
    };
    const teaId = await publish(tea, teaFarmer, teaStore);

    const misspelt = await api.http().get('/api/v1/products').query({ q: '保靖黄金荼' }).expect(200);
    expect(misspelt.body.items.map((p: { id: string }) => p.id)).toContain(teaId);
    const byKind = await api.http().get('/api/v1/products').query({ kind: 'tea' }).expect(200);
    expect(byKind.body.items.map((p: { id: string }) => p.id)).toEqual([teaId]);
    const xiangxi = await api.http().get('/api/v1/products').query({ region: '433100' }).expect(200);
    expect(xiangxi.body.items.map((p: { id: string }) => p.id)).toEqual([teaId]);

    const cheapFirst = await api.http().get('/api/v1/products').query({ sort: 'price_asc', limit: 1 }).expect(200);
    const prices = [cheapFirst.body.items[0].minPriceFen];
    let cursor = cheapFirst.body.nextCursor as string | null;
    while (cursor) {
      const next = await api.http().get('/api/v1/products').query({ sort: 'price_asc', limit: 1, cursor }).expect(200);
      prices.push(...next.body.items.map((p: { minPriceFen: number }) => p.minPriceFen));
      cursor = next.body.nextCursor;
    }
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(prices.length).toBeGreaterThanOrEqual(3);

    await api.http().get('/api/v1/products').query({ limit: 1000 }).expect(400);
    await api.http().get('/api/v1/products').query({ sort: 'random' }).expect(400);
    await api.http().get('/api/v1/products').query({ cursor: 'nope' }).expect(400);
  });

  it('answers a repeated public read with 304 when nothing changed', async () => {
    const first = await api.http().get('/api/v1/products').expect(200);
    expect(first.headers.etag).toBeDefined();
    await api.http().get('/api/v1/products').set('if-none-match', first.headers.etag).expect(304);
  });

  it('hides products of suspended stores', async () => {
    const other = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const store = await verifiedSeller(api, other.authorization.slice(7), admin.authorization.slice(7), {
      originCountyCode: FENGHUANG,
    });
    const id = await publish(mangoProduct({ title: '凤凰猕猴桃' }), other, store);
    await api.http().get(`/api/v1/products/${id}`).expect(200);
    await api.http().post(`/api/v1/admin/sellers/${store}/suspend`).set(admin).send({ reason: '抽检' }).expect(201);
    await api.http().get(`/api/v1/products/${id}`).expect(404);
  });

  it('keeps stores to their own products: others get 404, buyers cannot list anything', async () => {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const res = await api.http().post(products()).set(buyer).send(mangoProduct());
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('SELLER_NOT_FOUND');
    const mine = await api.http().get(products()).set(farmer).expect(200);
    await api.http().get(`${products()}/${mine.body.items[0].id}`).set(buyer).expect(404);

    const extra = await api
      .http()
      .post(products())
      .set(farmer)
      .send({ ...mangoProduct(), price: 1 });
    expect(extra.status).toBe(400);
    const wrongAttrs = mangoProduct();
    (wrongAttrs.content.attributes as Record<string, unknown>).species = 'cattle';
    await api.http().post(products()).set(farmer).send(wrongAttrs).expect(400);
    await api.http().post(`/api/v1/admin/products/${mine.body.items[0].id}/approve`).set(farmer).expect(403);
  });
});
