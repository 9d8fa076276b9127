import { verifiedSeller } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

const HEADER =
  'product_ref,kind,title,description,origin_village,certificate_type,certificate_number,variety,grade,ships_within_hours,storage_class,pre_sale_ships_from,harvest_season,batch_number,production_date,shelf_life_months,gi_number,attributes_json,variant_name,sale_unit,net_weight_grams,price_yuan,stock,min_order_quantity,max_per_order,sku';

const GOOD = [
  HEADER,
  'm1,produce,田阳桂七芒果 特级,树上熟,四那村,compliance_certificate,HG-001,桂七,特级,48,ambient,,,,,,,,5斤装,box,2500,59.9,100,,,G7-5',
  'm1,,,,,,,,,,,,,,,,,,10斤装,box,5000,99.90,50,,10,G7-10',
  't1,tea,保靖黄金茶 明前,,黄金村,,,,特级,,,,mingqian,BJ-01,2026-03-18,18,AGI00947,,125克,bag,125,168,40,,,BJ-125',
  'c1,adoption,认养湘西黄牛,,阿拉营镇,,,,,,,,,,,,,"{""species"":""cattle"",""breed"":""湘西黄牛"",""termMonths"":36,""evidenceIntervalDays"":30,""atTermEnd"":{""type"":""delivery""},""maxPerAdopter"":2}",一头,head,,12000,10,,2,COW-1',
].join('\n');

describe('bulk import of products from CSV', () => {
  let db: TestDatabase;
  let api: TestApi;
  let auth: { authorization: string };
  let store: string;
  const root = { email: 'root@furrow.test', password: 'root-password-123' };

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, { SUPERADMIN_EMAIL: root.email, SUPERADMIN_PASSWORD: root.password });
    api = await startTestApi();
    const admin = await loginUser(api, root);
    const farmer = await loginUser(api, await registerUser(api));
    auth = { authorization: `Bearer ${farmer.accessToken}` };
    store = await verifiedSeller(api, farmer.accessToken, admin.accessToken);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const upload = (csv: string) =>
    api
      .http()
      .post(`/api/v1/seller/stores/${store}/products/import`)
      .set(auth)
      .attach('file', Buffer.from(csv), { filename: 'products.csv', contentType: 'text/csv' });

  it('reports every bad row and imports nothing', async () => {
    const bad = [
      HEADER,
      'm1,produce,好芒果,,四那村,,,桂七,特级,48,ambient,,,,,,,,5斤装,box,2500,59.999,100,,,A1',
      'm1,,,,,,,,,,,,,,,,,,10斤装,crate,5000,99.90,-3,,,A2',
      't1,tea,,,黄金村,,,,特级,,,,winter,BJ-01,2026-03-18,18,,,125克,bag,125,168,40,,,A3',
      'c1,adoption,认养,,村,,,,,,,,,,,,,"{""species"":""cattle"",""breed"":""黄牛"",""termMonths"":36,""evidenceIntervalDays"":30,""atTermEnd"":{""type"":""delivery""},""maxPerAdopter"":2}",一头,head,,12000,10,,2,A4',
    ].join('\n');
    const res = await upload(bad);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CSV_INVALID');
    const byRow = Object.fromEntries(
      (res.body.details.rows as Array<{ row: number; errors: Array<{ field: string }> }>).map((r) => [
        r.row,
        r.errors.map((e) => e.field).sort(),
      ]),
    );
    expect(byRow[2]).toEqual(['price_yuan']);
    expect(byRow[3]).toEqual(['sale_unit', 'stock']);
    expect(byRow[4]).toEqual(['harvest_season', 'title']);
    expect(byRow[5]).toBeUndefined();

    const listed = await api.http().get(`/api/v1/seller/stores/${store}/products`).set(auth).expect(200);
    expect(listed.body.items).toEqual([]);
  });

  it('refuses an investment claim in any row and imports nothing', async () => {
    const claim = GOOD.replace('认养湘西黄牛,', '认养湘西黄牛 保本保息,');
    const res = await upload(claim);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PROHIBITED_INVESTMENT_CLAIM');
    const listed = await api.http().get(`/api/v1/seller/stores/${store}/products`).set(auth).expect(200);
    expect(listed.body.items).toEqual([]);
  });

  it('imports a clean file as drafts, prices converted exactly to fen', async () => {
    const res = await upload(GOOD).expect(201);
    expect(res.body).toMatchObject({ imported: 3, variants: 4 });
    const mango = await api
      .http()
      .get(`/api/v1/seller/stores/${store}/products/${res.body.productIds[0]}`)
      .set(auth)
      .expect(200);
    expect(mango.body.status).toBe('draft');
    expect(mango.body.variants.map((v: { priceFen: number }) => v.priceFen)).toEqual([5990, 9990]);
    expect(mango.body.draft.attributes).toMatchObject({ variety: '桂七', shipsWithinHours: 48 });
  });

  it('names unknown columns and unreadable files', async () => {
    const odd = await upload('product_ref,colour\nx,red');
    expect(odd.status).toBe(400);
    expect(odd.body.code).toBe('CSV_UNKNOWN_COLUMNS');
    const broken = await upload(`${HEADER}\n"unterminated`);
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('CSV_UNREADABLE');
  });
});
