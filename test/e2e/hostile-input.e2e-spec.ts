import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { verifiedSeller } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { hostileBody, JsonSchema } from '../utils/hostile-values';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

/** One seed per run, printed with any failure, so a failing run can be replayed: FUZZ_SEED=<seed>. */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 14);

/** Tables a refused request may still write: the abuse counters count refusals too. */
const WRITTEN_BY_REFUSALS = new Set(['rate_limits', 'migrations', 'typeorm_metadata']);

type Role = 'none' | 'admin' | 'seller' | 'buyer' | 'finance';
interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** The role a route needs, by where it lives (DESIGN §8's resource families). */
function roleOf(path: string): Role {
  if (path.startsWith('/api/v1/auth/')) return 'none';
  if (path.startsWith('/api/v1/admin/')) return 'admin';
  if (path.startsWith('/api/v1/finance/')) return 'finance';
  if (path.startsWith('/api/v1/seller/')) return 'seller';
  return 'buyer';
}

/**
 * Every JSON write route of the OpenAPI document, driven from its own schema with hostile
 * values (wrong types, huge, negative and fractional numbers, NaN-ish strings, NUL, lone
 * surrogates, RTL marks, emoji, 100k characters, unknown and missing fields), signed in
 * with the role it needs and aimed at real resources. Never a 5xx; every refusal has a
 * JSON `code` and leaves every table as it was; the ledger always balances.
 */
describe('hostile input on every JSON write route', () => {
  let db: TestDatabase;
  let api: TestApi;
  let sql: Client;
  const tokens: Record<Role, { authorization?: string }> = { none: {}, admin: {}, seller: {}, buyer: {}, finance: {} };
  const as = (role: Role) => tokens[role] as { authorization: string };
  const ids: Record<string, string> = {};
  const root = { email: 'root@furrow.test', password: 'root-password-123' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, { SUPERADMIN_EMAIL: root.email, SUPERADMIN_PASSWORD: root.password });
    api = await startTestApi();
    sql = new Client({ connectionString: db.url });
    await sql.connect();

    const admin = (await loginUser(api, root)).accessToken;
    tokens.admin = bearer(admin);
    const farmer = (await loginUser(api, await registerUser(api))).accessToken;
    tokens.seller = bearer(farmer);
    ids.store = await verifiedSeller(api, farmer, admin);
    // Admin routes act on a store and a user of their own, so a suspension leaves the seller's routes open.
    const other = await registerUser(api);
    ids.otherStore = await verifiedSeller(api, (await loginUser(api, other)).accessToken, admin);
    ids.otherUser = other.id;

    const products = `/api/v1/seller/stores/${ids.store}/products`;
    [ids.variant] = await publishProduct(api, as('seller'), as('admin'), ids.store, mangoProduct());
    ids.product = (await api.http().get(products).set(tokens.seller).expect(200)).body.items[0].id;
    ids.draft = (await api.http().post(products).set(tokens.seller).send(mangoProduct()).expect(201)).body.id;

    await api
      .http()
      .put(`/api/v1/seller/stores/${ids.store}/shipping-policy`)
      .set(tokens.seller)
      .send({ baseFeeFen: 1000 })
      .expect(200);
    tokens.buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const checkout = await api
      .http()
      .post('/api/v1/checkout')
      .set(tokens.buyer)
      .set('idempotency-key', randomUUID())
      .send({
        items: [{ variantId: ids.variant, quantity: 1 }],
        shippingAddress: { recipient: '陈女士', phone: '13800138000', countyCode: '440106', detail: '天河路 385 号' },
        paymentMethod: 'bank_transfer',
      })
      .expect(201);
    ids.order = checkout.body.orders[0].id;
    ids.payment = checkout.body.payments?.[0]?.id ?? randomUUID();

    const accountant = await registerUser(api);
    await api
      .http()
      .post(`/api/v1/admin/users/${accountant.id}/roles`)
      .set(tokens.admin)
      .send({ roles: ['finance'] })
      .expect(201);
    tokens.finance = bearer((await loginUser(api, accountant)).accessToken);
  });

  afterAll(async () => {
    await sql?.end();
    await api?.close();
    await db?.drop();
  });

  /** Real ids for path parameters, by the route's path; anything else gets an id nobody has. */
  function fillPath(path: string): string {
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'sellerId') return ids.store;
      if (name === 'productId') return path.includes('/variants/') ? ids.product : ids.draft;
      if (name === 'variantId') return ids.variant;
      if (name === 'orderId') return ids.order;
      if (path.startsWith('/api/v1/admin/sellers/')) return ids.otherStore;
      if (path.startsWith('/api/v1/admin/users/')) return ids.otherUser;
      if (path.startsWith('/api/v1/admin/products/')) return ids.draft;
      if (path.startsWith('/api/v1/admin/orders/') || path.startsWith('/api/v1/orders/')) return ids.order;
      if (path.startsWith('/api/v1/finance/payments/')) return ids.payment;
      if (path.startsWith('/api/v1/seller/stores/')) return ids.store;
      return randomUUID();
    });
  }

  /** Row counts of every table and the ledger's trial balance, in one statement. */
  async function snapshot(): Promise<Record<string, string>> {
    if (!tables) {
      const rows = await sql.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      );
      tables = rows.rows.map((r) => r.name).filter((name) => !WRITTEN_BY_REFUSALS.has(name));
    }
    const counts = tables.map((t) => `(SELECT count(*) FROM "${t}")::text AS "${t}"`).join(', ');
    const { rows } = await sql.query<Record<string, string>>(
      `SELECT ${counts}, (SELECT coalesce(sum(amount_fen), 0) FROM ledger_entries)::text AS "(trial balance)"`,
    );
    return rows[0];
  }
  let tables: string[] | undefined;

  it('never answers 5xx, always with a code, and a refusal writes nothing', async () => {
    const doc = (await api.http().get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      (['post', 'put', 'patch'] as const)
        .filter((method) => ops[method]?.requestBody?.content?.['application/json']?.schema)
        .map((method) => ({ method, path, schema: ops[method].requestBody!.content!['application/json'].schema! })),
    );
    expect(routes.length).toBeGreaterThan(25);

    const pool = { ...ids, unknown: randomUUID() };
    let requests = 0;
    const statuses: Record<string, Record<number, number>> = {};
    for (const route of routes) {
      const role = roleOf(route.path);
      await fc.assert(
        fc.asyncProperty(hostileBody(route.schema, Object.values(pool)), async (body) => {
          const before = await snapshot();
          const url = fillPath(route.path);
          const res = await api
            .http()
            [route.method](url)
            .set(tokens[role])
            .set('idempotency-key', randomUUID())
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? 'null');
          requests++;
          const key = `${route.method.toUpperCase()} ${route.path}`;
          statuses[key] = { ...statuses[key], [res.status]: (statuses[key]?.[res.status] ?? 0) + 1 };
          const where = `${route.method.toUpperCase()} ${route.path} (FUZZ_SEED=${SEED}) answered ${res.status} ${res.text.slice(0, 300)} to ${JSON.stringify(body)?.slice(0, 300)}`;
          if (res.status >= 500) throw new Error(where);
          if (res.status >= 400) {
            if (typeof res.body?.code !== 'string') throw new Error(`no code: ${where}`);
            const after = await snapshot();
            const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
            if (changed.length > 0) throw new Error(`refused, yet ${changed.join(', ')} changed: ${where}`);
          } else {
            const balance = (await snapshot())['(trial balance)'];
            if (balance !== '0') throw new Error(`ledger out of balance (${balance}) after ${where}`);
          }
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
    }
    process.stdout.write(`hostile input: ${requests} requests on ${routes.length} routes, seed ${SEED}\n`);
    if (process.env.FUZZ_STATS) process.stdout.write(`${JSON.stringify(statuses, null, 1)}\n`);
  });
});
