import { newTrainer, openCohort } from '../factories/cohort.factory';
import { liveSessionBody } from '../factories/live-session.factory';
import { cattleAdoption, mangoProduct, publishProduct } from '../factories/product.factory';
import { sellerApplication, TIANYANG, verifiedSeller } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { rawRequest } from '../utils/raw-http';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

type Auth = { authorization: string } | Record<string, never>;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unb64 = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

/** The tags lists give their cursors (src/common/http/pagination.ts and its callers). */
const LIST_TAGS = [
  'admin.users',
  'admin.sellers',
  'admin.products',
  'products.newest',
  'products.price_asc',
  'products.price_desc',
  'products.best_selling',
  'products.relevance',
  'orders.buyer',
  'orders.store',
  'notifications.inbox',
  'finance.refunds',
  'cohorts.public',
  'cohorts.trainer',
  'live-sessions.managed',
];

describe('bad input is a 4xx with a code, never a 500', () => {
  let db: TestDatabase;
  let api: TestApi;
  let port: number;
  const auth: Record<'admin' | 'seller' | 'buyer' | 'finance' | 'trainer' | 'none', Auth> = {
    admin: {},
    trainer: {},
    seller: {},
    buyer: {},
    finance: {},
    none: {},
  };
  let storeId: string;
  const root = { email: 'root@furrow.test', password: 'root-password-123' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, {
      SUPERADMIN_EMAIL: root.email,
      SUPERADMIN_PASSWORD: root.password,
      BODY_LIMIT_BYTES: String(64 * 1024),
    });
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as { port: number }).port;
    const admin = (await loginUser(api, root)).accessToken;
    auth.admin = bearer(admin);
    const farmer = (await loginUser(api, await registerUser(api))).accessToken;
    auth.seller = bearer(farmer);
    storeId = await verifiedSeller(api, farmer, admin);
    await publishProduct(api, auth.seller, auth.admin, storeId, mangoProduct());
    await publishProduct(api, auth.seller, auth.admin, storeId, cattleAdoption());
    auth.buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const accountant = await registerUser(api);
    await api
      .http()
      .post(`/api/v1/admin/users/${accountant.id}/roles`)
      .set(auth.admin)
      .send({ roles: ['finance'] })
      .expect(201);
    auth.finance = bearer((await loginUser(api, accountant)).accessToken);
    // Two open cohorts, so both cohort lists give out a real cursor.
    const trainer = await newTrainer({ api, admin: auth.admin });
    auth.trainer = trainer.auth;
    await openCohort({ api }, trainer.auth, { minSessionsAttended: 1 }, 1);
    await openCohort({ api }, trainer.auth, { minSessionsAttended: 1 }, 1);
    // Two live sessions of the store, so its managed list gives out a real cursor.
    for (let i = 0; i < 2; i++) {
      await api.http().post('/api/v1/live-sessions').set(auth.seller).send(liveSessionBody(storeId)).expect(201);
    }
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /** Who may read each list, and its path; a list missing here fails the test below. */
  const LISTS: Record<string, { as: keyof typeof auth; path: () => string }> = {
    '/api/v1/admin/users': { as: 'admin', path: () => '/api/v1/admin/users' },
    '/api/v1/admin/sellers': { as: 'admin', path: () => '/api/v1/admin/sellers' },
    '/api/v1/products': { as: 'none', path: () => '/api/v1/products' },
    '/api/v1/admin/products': { as: 'admin', path: () => '/api/v1/admin/products' },
    '/api/v1/orders': { as: 'buyer', path: () => '/api/v1/orders' },
    '/api/v1/seller/stores/{sellerId}/orders': { as: 'seller', path: () => `/api/v1/seller/stores/${storeId}/orders` },
    '/api/v1/finance/refunds': { as: 'finance', path: () => '/api/v1/finance/refunds' },
    '/api/v1/me/notifications': { as: 'buyer', path: () => '/api/v1/me/notifications' },
    '/api/v1/cohorts': { as: 'none', path: () => '/api/v1/cohorts' },
    '/api/v1/trainer/cohorts': { as: 'trainer', path: () => '/api/v1/trainer/cohorts' },
    '/api/v1/seller/live-sessions': { as: 'seller', path: () => '/api/v1/seller/live-sessions' },
  };

  it('refuses a tampered or foreign cursor on every list with INVALID_CURSOR', async () => {
    const doc = (await api.http().get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    };
    const lists = Object.entries(doc.paths)
      .filter(([, ops]) => ops.get?.parameters?.some((p) => p.name === 'cursor'))
      .map(([path]) => path);
    expect(lists.sort()).toEqual(Object.keys(LISTS).sort());

    // Real cursors, each from the list (and sort order) that gave it out.
    const real: Record<string, string> = {};
    const take = async (key: string, path: string, as: Auth) => {
      const res = await api.http().get(path).set(as).expect(200);
      expect(res.body.nextCursor).toEqual(expect.any(String));
      real[key] = res.body.nextCursor;
      // The cursor does lead to the next page of its own list.
      const next = await api.http().get(`${path}&cursor=${res.body.nextCursor}`).set(as).expect(200);
      expect(next.body.items.length).toBeGreaterThan(0);
    };
    await take('/api/v1/admin/users', '/api/v1/admin/users?limit=1', auth.admin);
    await take('/api/v1/admin/products', '/api/v1/admin/products?limit=1', auth.admin);
    await take('/api/v1/products', '/api/v1/products?limit=1', {});
    await take('/api/v1/cohorts', '/api/v1/cohorts?limit=1', {});
    await take('/api/v1/trainer/cohorts', '/api/v1/trainer/cohorts?limit=1', auth.trainer);
    await take('/api/v1/seller/live-sessions', '/api/v1/seller/live-sessions?limit=1', auth.seller);
    await take('products.price_asc', '/api/v1/products?limit=1&sort=price_asc', {});
    await take(
      'products.relevance',
      `/api/v1/products?limit=1&q=${encodeURIComponent('芒果 黄牛')}&sort=relevance`,
      {},
    );

    const tampered = Object.values(real).flatMap((cursor) => {
      const values = unb64(cursor) as Record<string, string>;
      return [
        ...Object.keys(values)
          .filter((k) => k !== 'list')
          .flatMap((k) => [b64({ ...values, [k]: 'not-a-value' }), b64({ ...values, [k]: `${values[k]}' OR '1'='1` })]),
        b64({ ...values, extra: '1' }),
        b64({ list: values.list }),
        b64(Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'list'))),
        `${cursor.slice(0, -2)}`,
      ];
    });
    const forged = LIST_TAGS.flatMap((list) => [
      b64({ list, createdAt: '2026-02-30T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
      b64({ list, createdAt: '0000-01-01T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
      b64({ list, v: '-1', id: '00000000-0000-4000-8000-000000000000' }),
      b64({ list, offset: '99999999999999999999' }),
    ]);
    const garbage = ['abc', '%FF', b64(null), b64([]), b64('x'), b64({}), b64({ list: 1 }), '='.repeat(10)];

    for (const [route, list] of Object.entries(LISTS)) {
      const path = list.path();
      const foreign = Object.entries(real)
        .filter(([key]) => key !== route)
        .map(([, cursor]) => cursor);
      for (const cursor of [...foreign, ...tampered, ...forged, ...garbage]) {
        const res = await api
          .http()
          .get(`${path}?cursor=${encodeURIComponent(cursor)}`)
          .set(list.as === 'none' ? {} : auth[list.as]);
        if (res.status !== 400 || res.body.code !== 'INVALID_CURSOR') {
          throw new Error(
            `${path} answered ${res.status} ${JSON.stringify(res.body)} to ${cursor} (${JSON.stringify(unb64Safe(cursor))})`,
          );
        }
      }
    }
  });

  it('never answers a GET route with a 5xx for hostile query and path values; every refusal has a code', async () => {
    const doc = (await api.http().get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string }> } }>;
    };
    const hostile = ['1e400', '-1', '1.5', '99999999999999999999', '', '%00', '%ED%A0%80', 'NaN', 'x'.repeat(3000)];
    hostile.push('000000', '451001', 'true', '[]', '%E2%80%AE', 'null', 'a&limit=2');
    const failures: string[] = [];
    const check = async (url: string) => {
      const res = await api.http().get(url).set(auth.admin);
      if (res.status >= 500 || (res.status >= 400 && typeof res.body.code !== 'string')) {
        failures.push(`${url.slice(0, 100)} → ${res.status} ${res.text.slice(0, 200)}`);
      }
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get) continue;
      const somewhere = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      const names = (ops.get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      for (const name of [...names, 'unknown'])
        for (const value of hostile) await check(`${somewhere}?${name}=${value}`);
      if (!path.includes('{')) continue;
      for (const value of ['%00', '%ED%A0%80', 'x'.repeat(3000), '..%2F..', '%E2%80%AE']) {
        await check(path.replace(/\{\w+\}/g, value));
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses sort=relevance without q with a code', async () => {
    const res = await api.http().get('/api/v1/products?sort=relevance').expect(400);
    expect(res.body.code).toBe('SORT_NEEDS_QUERY');
    await api.http().get('/api/v1/products?sort=relevance&q=芒果').expect(200);
  });

  it('refuses NUL and lone surrogates in bodies, queries and params', async () => {
    const hostile = ['a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800'];
    for (const text of hostile) {
      const body = await api
        .http()
        .post('/api/v1/sellers')
        .set(auth.buyer)
        .set('content-type', 'application/json')
        // JSON.stringify escapes lone surrogates (\ud800), so the server parses them back as such.
        .send(JSON.stringify(sellerApplication({ description: text })));
      expect([body.status, body.body.code]).toEqual([400, 'UNSTORABLE_TEXT']);
      expect(body.body.details.issues[0].path).toBe('body.description');

      const nested = await api
        .http()
        .post(`/api/v1/seller/stores/${storeId}/products`)
        .set(auth.seller)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ ...mangoProduct(), content: { ...mangoProduct().content, [`k${text}`]: 1 } }));
      expect([nested.status, nested.body.code]).toEqual([400, 'UNSTORABLE_TEXT']);
    }
    // A lone surrogate has no UTF-8 form: its CESU-8 bytes in a URL are refused, never a 500.
    for (const escaped of ['%ED%A0%80', '%ED%BF%BF', '%F0%9F']) {
      const query = await api.http().get(`/api/v1/products?q=${escaped}`);
      expect(query.status).toBeLessThan(500);
      const path = await api.http().get(`/api/v1/sellers/${escaped}`);
      expect([path.status, path.body.code]).toEqual([400, expect.any(String)]);
    }
    const nulQuery = await api.http().get('/api/v1/products?q=%00');
    expect([nulQuery.status, nulQuery.body.code]).toEqual([400, 'UNSTORABLE_TEXT']);
    const nulParam = await api.http().get('/api/v1/regions?parent=45%0000');
    expect(nulParam.status).toBe(400);
    const nulPath = await api.http().get('/api/v1/sellers/%00');
    expect([nulPath.status, nulPath.body.code]).toEqual([400, 'UNSTORABLE_TEXT']);
  });

  it('refuses NUL in the cells of a CSV import, naming row and column', async () => {
    const header =
      'product_ref,kind,title,origin_village,variety,grade,ships_within_hours,storage_class,variant_name,sale_unit,price_yuan,stock';
    const csv = [header, 'm1,produce,好芒\u0000果,四那村,桂七,特级,48,ambient,5斤装,box,59.9,100'].join('\n');
    const res = await api
      .http()
      .post(`/api/v1/seller/stores/${storeId}/products/import`)
      .set(auth.seller)
      .attach('file', Buffer.from(csv), { filename: 'products.csv', contentType: 'text/csv' });
    expect([res.status, res.body.code]).toEqual([400, 'CSV_INVALID']);
    expect(res.body.details.rows).toEqual([{ row: 2, errors: [{ field: 'title', message: expect.any(String) }] }]);

    const escaped = [
      `${header},attributes_json`,
      'o1,other,好东西,四那村,,,,,一件,box,10,1,"{""note"":""\\u0000""}"',
    ].join('\n');
    const viaJson = await api
      .http()
      .post(`/api/v1/seller/stores/${storeId}/products/import`)
      .set(auth.seller)
      .attach('file', Buffer.from(escaped), { filename: 'products.csv', contentType: 'text/csv' });
    expect([viaJson.status, viaJson.body.code]).toEqual([400, 'CSV_INVALID']);
    expect(viaJson.body.details.rows[0].errors[0].field).toBe('attributes_json');
  });

  it("answers Fastify's own refusals in the { code, message } shape", async () => {
    const expectShape = (res: { status: number; body: string; headers: string }, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(res.headers).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(res.body)).toEqual({ code, message: expect.any(String) });
    };
    const get = (path: Buffer) =>
      rawRequest(port, Buffer.concat([Buffer.from('GET '), path, Buffer.from(' HTTP/1.1\r\nHost: furrow.test')]));
    expectShape(await get(Buffer.from('/api/v1/regions?parent=田阳')), 400, 'BAD_URL');
    expectShape(await get(Buffer.from('/api/v1/sellers/田阳')), 400, 'BAD_URL');
    expectShape(await get(Buffer.from('/api/v1/sellers/%E4%B8')), 400, 'BAD_URL');
    expectShape(await get(Buffer.from('/api/v1/sellers/%zz')), 400, 'BAD_URL');
    expectShape(await get(Buffer.from('/api/v1/no-such-route')), 404, 'ROUTE_NOT_FOUND');

    const post = (contentType: string, body: string) =>
      rawRequest(
        port,
        `POST /api/v1/auth/login HTTP/1.1\r\nHost: furrow.test\r\nContent-Type: ${contentType}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close`,
        body,
      );
    expectShape(await post('application/json', '{"email": '), 400, 'INVALID_JSON');
    expectShape(await post('application/json', ''), 400, 'INVALID_JSON');
    expectShape(await post('application/xml', '<login/>'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectShape(
      await post('application/json', JSON.stringify({ email: 'x'.repeat(70 * 1024) })),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('treats placeholder codes (市辖区) as no county: not offered, not accepted', async () => {
    const baise = await api.http().get('/api/v1/regions?parent=451000').expect(200);
    const names = baise.body.items.map((r: { name: string }) => r.name);
    expect(names).toContain('田阳区');
    expect(names).not.toContain('市辖区');
    const nanning = await api.http().get('/api/v1/regions?parent=450100').expect(200);
    expect(nanning.body.items.map((r: { code: string }) => r.code)).not.toContain('450101');

    const applicant = bearer((await loginUser(api, await registerUser(api))).accessToken);
    for (const code of ['451001', '450101', '110101'.replace('110101', '130101')]) {
      const res = await api
        .http()
        .post('/api/v1/sellers')
        .set(applicant)
        .send(sellerApplication({ originCountyCode: code }));
      expect([res.status, res.body.code]).toEqual([400, 'NOT_A_COUNTY']);
    }
    await api
      .http()
      .post('/api/v1/sellers')
      .set(applicant)
      .send(sellerApplication({ originCountyCode: TIANYANG }))
      .expect(201);
  });
});

function unb64Safe(cursor: string): unknown {
  try {
    return unb64(cursor);
  } catch {
    return null;
  }
}
