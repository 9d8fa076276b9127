import { randomUUID } from 'node:crypto';
import { faker } from '@faker-js/faker';
import { DataSource } from 'typeorm';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { loginUser } from '../factories/user.factory';
import { Auth, BUYER_ADDRESS as address, bearer, Marketplace, openStore, startMarketplace } from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
let addressCounter = 0;
/** A fresh client address per caller (the api trusts X-Forwarded-For here), so only the test under way is limited. */
const nextAddress = () => `198.51.100.${++addressCounter}`;

describe('abuse limits: registrations per address, unpaid orders and checkouts per buyer', () => {
  let market: Marketplace;
  let api: TestApi;
  let admin: Auth;
  let variants: string[];

  beforeAll(async () => {
    market = await startMarketplace(
      {
        TRUST_PROXY: 'true',
        REGISTRATION_MAX_PER_ADDRESS: '3',
        CHECKOUT_MAX_UNPAID_ORDERS: '3',
        CHECKOUT_MAX_UNPAID_ORDERS_PER_VARIANT: '2',
        CHECKOUT_MAX_PER_BUYER: '8',
      },
      { worker: false },
    );
    ({ api, admin } = market);
    // Registered from its own address, so the store's owner counts against no test's limit.
    const { seller, store: storeId } = await openStore(market, {
      seller: await newUser(),
      shippingPolicy: { baseFeeFen: 800 },
    });
    variants = [
      ...(await publishProduct(api, seller, admin, storeId, mangoProduct())),
      ...(await publishProduct(api, seller, admin, storeId, mangoProduct({ title: '百色 台农芒 10斤' }))),
    ];
  });

  afterAll(async () => {
    await market?.close();
  });

  const register = (from: string) =>
    api
      .http()
      .post('/api/v1/auth/register')
      .set('x-forwarded-for', from)
      .send({ email: faker.internet.email().toLowerCase(), password: faker.internet.password({ length: 14 }) });

  async function newUser(): Promise<Auth> {
    const from = nextAddress();
    const email = faker.internet.email().toLowerCase();
    const password = faker.internet.password({ length: 14 });
    await api.http().post('/api/v1/auth/register').set('x-forwarded-for', from).send({ email, password }).expect(201);
    return bearer((await loginUser(api, { email, password })).accessToken);
  }

  const checkout = (buyer: Auth, variantId: string, paymentMethod = 'cash_on_delivery', key = randomUUID()) =>
    api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', key)
      .send({ items: [{ variantId, quantity: 1 }], shippingAddress: address, paymentMethod });

  const stockOf = async (variantId: string) =>
    (await api.app.get(DataSource).query('SELECT stock FROM product_variants WHERE id = $1', [variantId]))[0]
      .stock as number;

  it('limits registrations per client address, with the seconds to wait', async () => {
    const from = nextAddress();
    for (let i = 0; i < 3; i++) await register(from).expect(201);
    const refused = await register(from);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('REGISTRATION_RATE_LIMITED');
    expect(refused.body.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.body.details.retryAfterSeconds).toBeLessThanOrEqual(3600);
    await register(nextAddress()).expect(201);
  });

  it('caps the unpaid orders a buyer holds, per variant and in all, until some are paid or cancelled', async () => {
    const buyer = await newUser();
    const [a, b, c] = variants;
    const firstKey = randomUUID();
    const first = await checkout(buyer, a, 'cash_on_delivery', firstKey).expect(201);
    await checkout(buyer, a, 'bank_transfer').expect(201);

    const stockBefore = await stockOf(a);
    const thirdOfA = await checkout(buyer, a);
    expect(thirdOfA.status).toBe(429);
    expect(thirdOfA.body).toMatchObject({
      code: 'TOO_MANY_UNPAID_ORDERS_FOR_VARIANT',
      details: { limit: 2, variantIds: [a] },
    });
    // Room comes back when the transfer order expires (72 hours), if nothing else happens first.
    expect(thirdOfA.body.details.retryAfterSeconds).toBeGreaterThan(71 * 3600);
    expect(thirdOfA.body.details.retryAfterSeconds).toBeLessThanOrEqual(72 * 3600);
    expect(await stockOf(a)).toBe(stockBefore);

    const ofB = await checkout(buyer, b).expect(201);
    const fourth = await checkout(buyer, c);
    expect(fourth.status).toBe(429);
    expect(fourth.body).toMatchObject({ code: 'TOO_MANY_UNPAID_ORDERS', details: { limit: 3 } });

    // A repeated checkout is not a new one: it still answers.
    expect((await checkout(buyer, a, 'cash_on_delivery', firstKey).expect(200)).body.groupId).toBe(first.body.groupId);

    await api.http().post(`/api/v1/orders/${ofB.body.orders[0].id}/cancel`).set(buyer).expect(201);
    await checkout(buyer, c).expect(201);
  });

  it('holds the cap under parallel checkouts of one buyer', async () => {
    const buyer = await newUser();
    const results = await Promise.all(variants.flatMap((v) => [checkout(buyer, v), checkout(buyer, v)]));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429).every((r) => r.body.code.startsWith('TOO_MANY_UNPAID_ORDERS'))).toBe(
      true,
    );
    const [{ count }] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM orders WHERE buyer_id = (SELECT buyer_id FROM orders WHERE id = $1)`, [
        results.find((r) => r.status === 201)!.body.orders[0].id,
      ]);
    expect(count).toBe(3);
  });

  it('limits the checkout rate per buyer, refused attempts included', async () => {
    const buyer = await newUser();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await checkout(buyer, variants[i % variants.length])).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    const refused = await checkout(buyer, variants[0]);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('CHECKOUT_RATE_LIMITED');
    expect(refused.body.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.body.details.retryAfterSeconds).toBeLessThanOrEqual(600);
    // Another buyer is not slowed down by this one.
    await checkout(await newUser(), variants[0]).expect(201);
  });
});
