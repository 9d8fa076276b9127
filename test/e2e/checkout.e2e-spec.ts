import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { TokenService } from '../../src/modules/auth/token.service';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { BAOJING } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import {
  BUYER_ADDRESS as address,
  bearer,
  MarketplaceWithWorker,
  openStore,
  startMarketplace,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';

describe('checkout, stock and orders', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let worker: TestWorker;
  let admin: { authorization: string };
  let mangoSeller: { authorization: string };
  let teaSeller: { authorization: string };
  let mangoStore: string;
  let teaStore: string;
  let mango5: string; // 5斤装 ¥59.90, 2500 g
  let mango10: string; // 10斤装 ¥99.90, 5000 g, tier 5+ at ¥94.90, max 10 per order
  let tea: string; // ¥268.00, 250 g, min 2

  const publish = (auth: { authorization: string }, store: string, body: object) =>
    publishProduct(api, auth, admin, store, body);

  const checkout = (auth: { authorization: string }, body: object, key: string = randomUUID()) =>
    api.http().post('/api/v1/checkout').set(auth).set('idempotency-key', key).send(body);

  /** The store records the cash of a delivered cash-on-delivery order; waits until the worker completes it. */
  async function collectCash(storeOrder: string, seller: { authorization: string }) {
    await api.http().post(`${storeOrder}/cash-collected`).set(seller).expect(201);
    await eventually(async () => (await api.http().get(storeOrder).set(seller)).body.status === 'completed', {
      what: 'the cash order to be paid and completed',
    });
  }

  /** Finance confirms the bank transfer of an order's group by its reference; waits until the order is paid. */
  async function payByTransfer(buyer: { authorization: string }, orderId: string) {
    const { bankTransfer } = (await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200)).body;
    await api
      .http()
      .post('/api/v1/finance/bank-transfers/confirm')
      .set(admin)
      .send({ reference: bankTransfer.reference, bankReference: `ICBC-${bankTransfer.reference}` })
      .expect(201);
    await eventually(
      async () => (await api.http().get(`/api/v1/orders/${orderId}`).set(buyer)).body.status === 'paid',
      {
        what: 'the order to be paid',
      },
    );
  }

  const stockOf = async (variantId: string) =>
    (await worker.dataSource.query('SELECT stock FROM product_variants WHERE id = $1', [variantId]))[0].stock as number;

  beforeAll(async () => {
    market = await startMarketplace({ COMMISSION_RATE_BPS: '500', PAYABLE_HOLD_DAYS: '0' });
    ({ api, worker, admin } = market);
    ({ seller: mangoSeller, store: mangoStore } = await openStore(market, {
      shippingPolicy: { baseFeeFen: 1000, perKgFen: 200, freeAboveFen: 50000 },
    }));
    ({ seller: teaSeller, store: teaStore } = await openStore(market, {
      originCountyCode: BAOJING,
      shippingPolicy: { baseFeeFen: 800 },
    }));
    [mango5, mango10] = await publish(mangoSeller, mangoStore, mangoProduct());
    [tea] = await publish(teaSeller, teaStore, {
      content: {
        kind: 'tea',
        title: '保靖黄金茶 明前特级',
        description: '',
        traceability: { originVillage: '黄金村', certificates: [] },
        attributes: {
          harvestSeason: 'mingqian',
          batchNumber: 'B1',
          grade: '特级',
          productionDate: '2026-03-18',
          shelfLifeMonths: 18,
        },
      },
      variants: [
        { name: '250克', saleUnit: 'bag', netWeightGrams: 250, priceFen: 26800, stock: 30, minOrderQuantity: 2 },
      ],
    });
  });

  afterAll(async () => {
    await market?.close();
  });

  it('turns a two-farm cart into one group of two orders with server-side totals and commission', async () => {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const res = await checkout(buyer, {
      items: [
        { variantId: mango10, quantity: 5 },
        { variantId: mango5, quantity: 1 },
        { variantId: tea, quantity: 2 },
      ],
      shippingAddress: address,
      paymentMethod: 'bank_transfer',
    }).expect(201);

    // Mango store: 5 × ¥94.90 (tier) + ¥59.90 = ¥534.40 of goods, above ¥500: free shipping.
    // Tea store: 2 × ¥268 = ¥536 + ¥8 base fee. Commission 5 % of goods.
    const bySeller = Object.fromEntries(res.body.orders.map((o: { sellerId: string }) => [o.sellerId, o]));
    expect(bySeller[mangoStore]).toMatchObject({
      goodsFen: 53440,
      shippingFen: 0,
      totalFen: 53440,
      status: 'awaiting_offline_payment',
    });
    expect(bySeller[teaStore]).toMatchObject({ goodsFen: 53600, shippingFen: 800, totalFen: 54400 });
    expect(res.body.totalFen).toBe(53440 + 54400);

    const detail = await api.http().get(`/api/v1/orders/${bySeller[mangoStore].id}`).set(buyer).expect(200);
    // The commission is between the platform and the store: the buyer never sees it.
    expect(detail.body).not.toHaveProperty('commissionFen');
    const storeView = await api
      .http()
      .get(`/api/v1/seller/stores/${mangoStore}/orders/${bySeller[mangoStore].id}`)
      .set(mangoSeller)
      .expect(200);
    expect(storeView.body.commissionFen).toBe(2672);
    expect(detail.body.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variantId: mango10, quantity: 5, unitPriceFen: 9490, lineTotalFen: 47450 }),
      ]),
    );
    expect(detail.body.payments).toEqual([
      expect.objectContaining({ method: 'bank_transfer', amountFen: 107840, status: 'requires_payment' }),
    ]);
    expect(await stockOf(mango10)).toBe(75);

    // Finance confirms the transfer: both orders become paid.
    await api
      .http()
      .post(`/api/v1/finance/payments/${detail.body.payments[0].id}/confirm-transfer`)
      .set(buyer)
      .send({ bankReference: 'ICBC-20261128-0001' })
      .expect(403);
    await api
      .http()
      .post(`/api/v1/finance/payments/${detail.body.payments[0].id}/confirm-transfer`)
      .set(admin)
      .send({ bankReference: 'ICBC-20261128-0001' })
      .expect(201);
    const payment = await api
      .http()
      .get(`/api/v1/finance/payments/${detail.body.payments[0].id}`)
      .set(admin)
      .expect(200);
    expect(payment.body).toMatchObject({ status: 'succeeded', externalReference: 'ICBC-20261128-0001' });
    expect(payment.body.history.map((h: { to: string }) => h.to)).toEqual(['requires_payment', 'succeeded']);
    await eventually(
      async () => {
        const page = await api.http().get('/api/v1/orders').set(buyer).expect(200);
        return page.body.items.every((o: { status: string }) => o.status === 'paid');
      },
      { what: 'both orders to be paid' },
    );
  });

  it('answers a repeated checkout with the same orders, and refuses the key for another cart', async () => {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const body = {
      items: [{ variantId: mango5, quantity: 2 }],
      shippingAddress: address,
      paymentMethod: 'cash_on_delivery',
    };
    const key = randomUUID();
    const first = await checkout(buyer, body, key).expect(201);
    const again = await checkout(buyer, body, key).expect(200);
    expect(again.body.groupId).toBe(first.body.groupId);
    const stockAfter = await stockOf(mango5);
    const other = await checkout(buyer, { ...body, items: [{ variantId: mango5, quantity: 3 }] }, key);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stockOf(mango5)).toBe(stockAfter);

    const noKey = await api.http().post('/api/v1/checkout').set(buyer).send(body);
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const withPrice = await checkout(buyer, { ...body, items: [{ variantId: mango5, quantity: 1, priceFen: 1 }] });
    expect(withPrice.status).toBe(400);
  });

  it('enforces quantities, stock, availability and the payment method', async () => {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const cart = (items: object[], paymentMethod = 'cash_on_delivery') =>
      checkout(buyer, { items, shippingAddress: address, paymentMethod });

    const below = await cart([{ variantId: tea, quantity: 1 }]);
    expect(below.status).toBe(400);
    expect(below.body).toMatchObject({ code: 'QUANTITY_OUT_OF_RANGE', details: { min: 2 } });
    expect((await cart([{ variantId: mango10, quantity: 11 }])).body.code).toBe('QUANTITY_OUT_OF_RANGE');
    expect((await cart([{ variantId: tea, quantity: 0 }])).status).toBe(400);
    expect((await cart([{ variantId: tea, quantity: 1.5 }])).status).toBe(400);

    const before = await stockOf(tea);
    const tooMany = await cart([
      { variantId: mango5, quantity: 1 },
      { variantId: tea, quantity: before + 1 },
    ]);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ code: 'OUT_OF_STOCK', details: { variantId: tea } });
    expect(await stockOf(tea)).toBe(before);

    expect((await cart([{ variantId: randomUUID(), quantity: 1 }])).body.code).toBe('VARIANT_NOT_FOUND');
    const stripe = await cart([{ variantId: mango5, quantity: 1 }], 'stripe');
    expect(stripe.status).toBe(422);
    expect(stripe.body.code).toBe('PAYMENT_METHOD_UNAVAILABLE');
    const badCounty = await checkout(buyer, {
      items: [{ variantId: mango5, quantity: 1 }],
      shippingAddress: { ...address, countyCode: '440100' },
      paymentMethod: 'cash_on_delivery',
    });
    expect(badCounty.body.code).toBe('NOT_A_COUNTY');
  });

  it('takes a cash-on-delivery order from confirmation to completion, each party seeing only its own', async () => {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const stranger = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const placed = await checkout(buyer, {
      items: [{ variantId: mango5, quantity: 1 }],
      shippingAddress: address,
      paymentMethod: 'cash_on_delivery',
    }).expect(201);
    expect(placed.body.orders[0]).toMatchObject({ status: 'confirmed', expiresAt: null, paidAt: null });
    const orderId = placed.body.orders[0].id as string;
    const storeOrder = `/api/v1/seller/stores/${mangoStore}/orders/${orderId}`;

    await api.http().get(`/api/v1/orders/${orderId}`).set(stranger).expect(404);
    await api.http().post(`/api/v1/orders/${orderId}/cancel`).set(stranger).expect(404);
    await api.http().get(`/api/v1/seller/stores/${teaStore}/orders/${orderId}`).set(teaSeller).expect(404);
    await api.http().get(storeOrder).set(teaSeller).expect(404);

    const early = await api.http().post(`${storeOrder}/cash-collected`).set(mangoSeller);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CASH_BEFORE_DELIVERY');
    await api
      .http()
      .post(`${storeOrder}/ship`)
      .set(mangoSeller)
      .send({ carrier: 'sf', trackingNumber: 'SF1234567890123' })
      .expect(201);
    const received = await api.http().post(`/api/v1/orders/${orderId}/confirm-receipt`).set(buyer).expect(201);
    expect(received.body).toMatchObject({ status: 'delivered', paidAt: null });
    await collectCash(storeOrder, mangoSeller);
    const detail = await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200);
    expect(detail.body.history.map((h: { to: string }) => h.to)).toEqual([
      'confirmed',
      'shipped',
      'delivered',
      'completed',
    ]);
    expect(detail.body.paidAt).not.toBeNull();
    const [{ sales_count }] = await worker.dataSource.query(
      `SELECT sales_count FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.id = $1`,
      [mango5],
    );
    expect(sales_count).toBeGreaterThanOrEqual(1);
  });

  it('gives stock back when an unpaid order is cancelled or expires, once however often the timer runs', async () => {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const before = await stockOf(mango5);
    const cancelled = await checkout(buyer, {
      items: [{ variantId: mango5, quantity: 3 }],
      shippingAddress: address,
      paymentMethod: 'cash_on_delivery',
    }).expect(201);
    expect(await stockOf(mango5)).toBe(before - 3);
    await api.http().post(`/api/v1/orders/${cancelled.body.orders[0].id}/cancel`).set(buyer).expect(201);
    expect(await stockOf(mango5)).toBe(before);
    await api.http().post(`/api/v1/orders/${cancelled.body.orders[0].id}/cancel`).set(buyer).expect(409);

    const lapsing = await checkout(buyer, {
      items: [{ variantId: mango5, quantity: 4 }],
      shippingAddress: address,
      paymentMethod: 'bank_transfer',
    }).expect(201);
    const orderId = lapsing.body.orders[0].id as string;
    expect(await stockOf(mango5)).toBe(before - 4);
    await worker.dataSource.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      orderId,
    ]);
    const timers = worker.module.get(OrderTimersProcessor);
    expect(await timers.expireOverdue()).toBe(1);
    expect(await timers.expireOverdue()).toBe(0);
    expect(await stockOf(mango5)).toBe(before);
    const detail = await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200);
    expect(detail.body).toMatchObject({
      status: 'expired',
      // The transfer may still reach the bank: finance can confirm it (see late-bank-transfer).
      payments: [expect.objectContaining({ status: 'requires_payment' })],
    });
  });

  it('sells exactly the stock when 200 buyers race for 50 units', async () => {
    const [variantId] = await publish(mangoSeller, mangoStore, {
      ...mangoProduct({ title: '限量 田阳桂七 秒杀' }),
      variants: [{ name: '秒杀 5斤', saleUnit: 'box', netWeightGrams: 2500, priceFen: 3990, stock: 50 }],
    });
    const ds: DataSource = worker.dataSource;
    const tokens = api.app.get(TokenService);
    const [{ hash }] = await ds.query(`SELECT password_hash AS hash FROM users LIMIT 1`);
    const buyers: string[] = [];
    for (let i = 0; i < 200; i++) {
      const [{ id }] = await ds.query(`INSERT INTO users (phone, password_hash) VALUES ($1, $2) RETURNING id`, [
        `+86139${String(i).padStart(8, '0')}`,
        hash,
      ]);
      const [{ id: sid }] = await ds.query(`INSERT INTO auth_sessions (user_id) VALUES ($1) RETURNING id`, [id]);
      buyers.push(await tokens.signAccess({ sub: id, sid }));
    }
    const results = await Promise.all(
      buyers.map((token) =>
        checkout(bearer(token), {
          items: [{ variantId, quantity: 1 }],
          shippingAddress: address,
          paymentMethod: 'cash_on_delivery',
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'OUT_OF_STOCK')).toBe(true);
    expect(await stockOf(variantId)).toBe(0);
    const [{ sold }] = await ds.query(
      `SELECT coalesce(sum(quantity), 0)::int AS sold FROM order_lines WHERE variant_id = $1`,
      [variantId],
    );
    expect(sold).toBe(50);
  });

  it('keeps the ledger balanced and pays a store what it is owed after delivery, exactly once', async () => {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const placed = await checkout(buyer, {
      items: [{ variantId: tea, quantity: 2 }],
      shippingAddress: address,
      paymentMethod: 'cash_on_delivery',
    }).expect(201);
    const order = placed.body.orders[0] as { id: string; totalFen: number };
    const storeOrder = `/api/v1/seller/stores/${teaStore}/orders/${order.id}`;
    const commission = (await api.http().get(storeOrder).set(teaSeller)).body.commissionFen as number;
    const owed = order.totalFen - commission;
    const balance = () => api.http().get(`/api/v1/seller/stores/${teaStore}/balance`).set(teaSeller).expect(200);
    const unpaid = (await balance()).body;

    await api
      .http()
      .post(`${storeOrder}/ship`)
      .set(teaSeller)
      .send({ carrier: 'ems', trackingNumber: '1234567890123' })
      .expect(201);
    await api.http().post(`/api/v1/orders/${order.id}/confirm-receipt`).set(buyer).expect(201);
    // Cash on delivery posts nothing until its cash is in.
    expect((await balance()).body.heldFen).toBe(unpaid.heldFen);
    await collectCash(storeOrder, teaSeller);
    // The sweep skips orders another transaction holds (SKIP LOCKED), as the order.paid listener
    // does while it runs: it must be done before the sweep can be asked to release this one.
    await drained(worker);
    const before = (await balance()).body;
    expect(before.heldFen).toBe(unpaid.heldFen + owed);
    const timers = worker.module.get(OrderTimersProcessor);
    expect(await timers.releasePayables()).toBeGreaterThanOrEqual(1);
    expect(await timers.releasePayables()).toBe(0);
    const released = (await balance()).body;
    expect(released.heldFen).toBe(before.heldFen - owed);
    expect(released.availableFen).toBe(before.availableFen + owed);

    await api.http().post('/api/v1/finance/payouts/run').set(teaSeller).expect(403);
    const run = await api.http().post('/api/v1/finance/payouts/run').set(admin).expect(201);
    const payout = run.body.items.find((p: { sellerId: string }) => p.sellerId === teaStore);
    expect(payout).toMatchObject({ amountFen: released.availableFen, status: 'pending' });
    const again = await api.http().post('/api/v1/finance/payouts/run').set(admin).expect(201);
    expect(again.body.items.find((p: { sellerId: string }) => p.sellerId === teaStore)).toBeUndefined();
    await api
      .http()
      .post(`/api/v1/finance/payouts/${payout.id}/mark-paid`)
      .set(admin)
      .send({ bankReference: 'ABC-PAY-0001' })
      .expect(201);
    await api
      .http()
      .post(`/api/v1/finance/payouts/${payout.id}/mark-paid`)
      .set(admin)
      .send({ bankReference: 'ABC-PAY-0001' })
      .expect(201);

    const after = (await balance()).body;
    expect(after.availableFen).toBe(0);
    expect(after.payouts[0]).toMatchObject({ id: payout.id, status: 'paid', bankReference: 'ABC-PAY-0001' });
    const trial = await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200);
    expect(trial.body.totalFen).toBe(0);
  });

  it('refunds an offline-paid order only with the reference of the money given back', async () => {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const before = await stockOf(mango5);
    const placed = await checkout(buyer, {
      items: [{ variantId: mango5, quantity: 2 }],
      shippingAddress: address,
      paymentMethod: 'bank_transfer',
    }).expect(201);
    const orderId = placed.body.orders[0].id as string;
    const storeOrder = `/api/v1/seller/stores/${mangoStore}/orders/${orderId}`;
    const early = await api.http().post(`${storeOrder}/refunds`).set(mangoSeller).send({ reason: '缺货' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('ORDER_NOT_PAID');
    await payByTransfer(buyer, orderId);
    const noRef = await api
      .http()
      .post(`${storeOrder}/refunds`)
      .set(mangoSeller)
      .send({ reason: '缺货', restock: true });
    expect(noRef.status).toBe(400);
    expect(noRef.body.code).toBe('REFUND_REFERENCE_REQUIRED');
    await api
      .http()
      .post(`${storeOrder}/refunds`)
      .set(teaSeller)
      .send({ reason: 'x', offlineReference: 'CASH-0001' })
      .expect(404);
    const refund = await api
      .http()
      .post(`${storeOrder}/refunds`)
      .set(mangoSeller)
      .send({ reason: '缺货', restock: true, offlineReference: 'CASH-BACK-0001' })
      .expect(201);
    expect(refund.body).toMatchObject({ status: 'succeeded', externalReference: 'CASH-BACK-0001' });
    await eventually(async () => (await api.http().get(storeOrder).set(mangoSeller)).body.status === 'cancelled', {
      what: 'the refunded order to be cancelled',
    });
    expect(await stockOf(mango5)).toBe(before);
  });

  it('completes a delivered order the buyer never confirmed, after the configured days', async () => {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const placed = await checkout(buyer, {
      items: [{ variantId: mango5, quantity: 1 }],
      shippingAddress: address,
      paymentMethod: 'cash_on_delivery',
    }).expect(201);
    const orderId = placed.body.orders[0].id as string;
    const cashNotIn = (
      await checkout(buyer, {
        items: [{ variantId: mango5, quantity: 1 }],
        shippingAddress: address,
        paymentMethod: 'cash_on_delivery',
      }).expect(201)
    ).body.orders[0].id as string;
    await worker.dataSource.query(
      `UPDATE orders SET status = 'delivered', delivered_at = now() - interval '8 days',
              paid_at = CASE WHEN id = $1 THEN now() - interval '9 days' END
        WHERE id IN ($1, $2)`,
      [orderId, cashNotIn],
    );
    const timers = worker.module.get(OrderTimersProcessor);
    // A cash-on-delivery order whose cash is not in stays delivered.
    expect(await timers.autoComplete()).toBe(1);
    expect(await timers.autoComplete()).toBe(0);
    const detail = await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200);
    expect(detail.body.status).toBe('completed');
    expect(detail.body.history.at(-1)).toMatchObject({ to: 'completed', reason: 'AUTO_COMPLETED' });
    expect((await api.http().get(`/api/v1/orders/${cashNotIn}`).set(buyer).expect(200)).body.status).toBe('delivered');
  });
});
