import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { mangoProduct } from '../factories/product.factory';
import { BAOJING, verifiedSeller } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

/**
 * Every PATCH route: set every field, change one, and every other field reads back as it
 * was (zod defaults used to fill in the fields a patch did not name, wiping descriptions,
 * photos and price tiers).
 */
describe('partial updates change only what they name', () => {
  let db: TestDatabase;
  let api: TestApi;
  let seller: { authorization: string };
  let storeId: string;
  const root = { email: 'root@furrow.test', password: 'root-password-123' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  const upload = async (color: number) => {
    const image = await sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: color, g: 90, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    const res = await api.http().post('/api/v1/media/images').set(seller).attach('file', image, 'p.jpg').expect(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, {
      SUPERADMIN_EMAIL: root.email,
      SUPERADMIN_PASSWORD: root.password,
      MEDIA_LOCAL_DIR: `var/test-media-${db.name}`,
    });
    api = await startTestApi();
    const admin = (await loginUser(api, root)).accessToken;
    const farmer = (await loginUser(api, await registerUser(api))).accessToken;
    seller = bearer(farmer);
    storeId = await verifiedSeller(api, farmer, admin);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
    await rm(`var/test-media-${db?.name}`, { recursive: true, force: true });
  });

  it('PATCH /seller/stores/:id keeps the fields it does not name', async () => {
    const photos = [await upload(10), await upload(20)];
    const full = {
      displayName: '保靖黄金茶合作社',
      originCountyCode: BAOJING,
      originPlace: '葫芦镇黄金村',
      contactPhone: '13907760002',
      description: '海拔八百米的老茶园。',
      photoIds: photos,
    };
    const store = `/api/v1/seller/stores/${storeId}`;
    const set = await api.http().patch(store).set(seller).send(full).expect(200);
    expect(set.body).toMatchObject({ ...full, contactPhone: '+8613907760002' });

    for (const [field, value] of Object.entries({
      displayName: '黄金茶合作社',
      originPlace: '吕洞山镇',
      description: '',
      photoIds: [photos[1]],
      contactPhone: '13907760003',
      originCountyCode: '433123',
    })) {
      const before = (await api.http().get(store).set(seller).expect(200)).body;
      const after = (
        await api
          .http()
          .patch(store)
          .set(seller)
          .send({ [field]: value })
          .expect(200)
      ).body;
      expect(omit(after, field, 'updatedAt')).toEqual(omit(before, field, 'updatedAt'));
      expect(after[field]).toEqual(field === 'contactPhone' ? '+8613907760003' : value);
    }
    await api.http().patch(store).set(seller).send({}).expect(400);
  });

  it('PATCH …/variants/:variantId keeps price tiers, SKU and limits it does not name', async () => {
    const products = `/api/v1/seller/stores/${storeId}/products`;
    const created = await api.http().post(products).set(seller).send(mangoProduct()).expect(201);
    const variant = `${products}/${created.body.id}/variants/${created.body.variants[1].id}`;
    const full = {
      priceFen: 9990,
      stock: 80,
      minOrderQuantity: 2,
      maxPerOrder: 10,
      priceTiers: [{ minQuantity: 5, priceFen: 9490 }],
      sku: 'TY-G7-10J',
    };
    const variantOf = (body: { variants: Array<{ id: string }> }) =>
      body.variants.find((v) => v.id === created.body.variants[1].id) as unknown as Record<string, unknown>;
    expect(variantOf((await api.http().patch(variant).set(seller).send(full).expect(200)).body)).toMatchObject(full);

    for (const [field, value] of Object.entries({
      priceFen: 9890,
      stock: 79,
      minOrderQuantity: 3,
      maxPerOrder: null,
      priceTiers: [],
      sku: null,
    })) {
      const before = variantOf((await api.http().get(`${products}/${created.body.id}`).set(seller).expect(200)).body);
      const after = variantOf(
        (
          await api
            .http()
            .patch(variant)
            .set(seller)
            .send({ [field]: value })
            .expect(200)
        ).body,
      );
      expect(omit(after, field, 'updatedAt')).toEqual(omit(before, field, 'updatedAt'));
      expect(after[field]).toEqual(value);
    }
    await api.http().patch(variant).set(seller).send({}).expect(400);
  });

  it('PATCH …/content keeps the content fields it does not name', async () => {
    const products = `/api/v1/seller/stores/${storeId}/products`;
    const images = [await upload(30), await upload(40)];
    const body = mangoProduct({ description: '树上自然熟。' });
    const created = await api
      .http()
      .post(products)
      .set(seller)
      .send({ ...body, content: { ...body.content, imageIds: images } })
      .expect(201);
    const content = `${products}/${created.body.id}/content`;
    const produce = body.content.attributes;

    for (const [field, value] of Object.entries({
      title: '田阳桂七芒果 一级 10斤装',
      description: '',
      imageIds: [images[1]],
      traceability: { originVillage: '那坡镇', certificates: [] },
      attributes: { ...produce, grade: '一级', fruitSizeGrams: undefined },
    })) {
      const before = (await api.http().get(`${products}/${created.body.id}`).set(seller).expect(200)).body.draft;
      const res = await api
        .http()
        .patch(content)
        .set(seller)
        .send({ [field]: value })
        .expect(200);
      expect(omit(res.body.draft, field)).toEqual(omit(before, field));
      expect(res.body.draft[field]).toEqual(JSON.parse(JSON.stringify(value)));
    }

    const wrongKind = await api
      .http()
      .patch(content)
      .set(seller)
      .send({ attributes: { harvestSeason: 'mingqian' } })
      .expect(400);
    expect(wrongKind.body.code).toBe('VALIDATION_FAILED');
    await api.http().patch(content).set(seller).send({ kind: 'tea' }).expect(400);
  });
});

function omit(record: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));
}
