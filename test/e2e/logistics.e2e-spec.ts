import { createHash, randomUUID } from 'node:crypto';
import { AppConfig } from '../../src/config/app-config';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { StripeJobsProcessor } from '../../src/modules/payments/stripe/stripe-jobs.processor';
import { TrackingPoller } from '../../src/modules/logistics/tracking-poller.service';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { withOneConnectionLeft } from '../utils/busy-pool';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { startFakeKuaidi100 } from '../utils/fake-kuaidi100';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  Auth,
  BUYER_ADDRESS as address,
  confirmBankTransfer,
  fakeKuaidi100Environment,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  openStore,
  placeOrder,
  startMarketplace,
  stripePaymentSucceeded,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';
/** `yyyy-MM-dd HH:mm:ss` in Beijing time, `hours` from now, as Kuaidi100 writes times. */
const beijingTime = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
/** Our public callback address as Kuaidi100 is told it, and the salt it signs every push with. */
const CALLBACK_URL = 'https://furrow.example.cn/api/v1/logistics/webhooks/kuaidi100';
const SALT = 'kuaidi100-push-salt-0123456789';
const ACCEPTED = { status: 200, answer: { result: true, returnCode: '200', message: '成功' } };

describe('logistics: shipping, courier tracking and perishable deadlines', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let worker: TestWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let kuaidi100: Awaited<ReturnType<typeof startFakeKuaidi100>>;
  let admin: Auth;
  let seller: Auth;
  let storeId: string;
  let mango: string;
  let chilledLychee: string;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    kuaidi100 = await startFakeKuaidi100();
    market = await startMarketplace({
      ...fakeStripeEnvironment(stripe),
      ...fakeKuaidi100Environment(kuaidi100),
      KUAIDI100_CALLBACK_URL: CALLBACK_URL,
      KUAIDI100_SALT: SALT,
      SHIPPING_DEADLINE_GRACE_HOURS: '1',
    });
    ({ api, worker, admin } = market);
    kuaidi100.deliverTo = await api.url();
    ({ seller, store: storeId } = await openStore(market, {
      shippingPolicy: { baseFeeFen: 1000, coldChain: true, coldChainSurchargeFen: 1500 },
    }));
    [mango] = await publishProduct(api, seller, admin, storeId, mangoProduct());
    const lychee = mangoProduct({ title: '钦州妃子笑荔枝 冰鲜' });
    lychee.content.attributes = { ...lychee.content.attributes, storageClass: 'chilled', shipsWithinHours: 24 };
    [chilledLychee] = await publishProduct(api, seller, admin, storeId, lychee);
  });

  afterAll(async () => {
    await market?.close();
    await stripe?.close();
    await kuaidi100?.close();
  });

  /** A buyer orders and pays by card; resolves once the worker has marked the order paid. */
  async function paidOrder(variantId = mango) {
    const buyer = await market.newBuyer();
    const res = await api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', randomUUID())
      .send({ items: [{ variantId, quantity: 1 }], shippingAddress: address, paymentMethod: 'stripe' })
      .expect(201);
    const intentId = (res.body.payments[0].clientSecret as string).split('_secret_')[0];
    await stripePaymentSucceeded(api, stripe, intentId);
    const orderId = res.body.orders[0].id as string;
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'paid', { what: 'the order to be paid' });
    return { buyer, orderId, totalFen: res.body.orders[0].totalFen as number };
  }

  const orderOf = async (buyer: Auth, orderId: string) =>
    (await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200)).body;

  const ship = (orderId: string, body: object) =>
    api.http().post(`/api/v1/seller/stores/${storeId}/orders/${orderId}/ship`).set(seller).send(body);

  /** Kuaidi100's subscription of a parcel: the worker sends it once the order is shipped. */
  const subscriptionOf = (number: string) =>
    eventually(async () => kuaidi100.subscriptions.find((sub) => sub.number === number), {
      what: `the subscription of ${number}`,
    });

  /** A push as Kuaidi100 sends it, but with any `param` text: form fields `param` and `sign`. */
  async function rawPush(
    param: string,
    sign = createHash('md5')
      .update(param + SALT)
      .digest('hex')
      .toUpperCase(),
  ) {
    const res = await api
      .http()
      .post('/api/v1/logistics/webhooks/kuaidi100')
      .type('form')
      .send(new URLSearchParams({ param, sign }).toString());
    return { status: res.status, answer: res.body as Record<string, unknown> };
  }

  const storedUpdates = async (trackingNumber: string) =>
    (
      await worker.dataSource.query(
        `SELECT count(*)::int AS n FROM tracking_updates WHERE provider = 'kuaidi100' AND body->>'trackingNumber' = $1`,
        [trackingNumber],
      )
    )[0].n as number;

  /** The notifications asked for a user, by kind (what the notifications module turns into messages). */
  async function notificationsFor(userId: string): Promise<Array<{ kind: string; params: Record<string, unknown> }>> {
    const rows: Array<{ payload: { kind: string; recipientUserId: string; params: Record<string, unknown> } }> =
      await worker.dataSource.query(
        `SELECT payload FROM outbox_events WHERE type = 'notification.requested' ORDER BY created_at, id`,
      );
    return rows.filter((r) => r.payload.recipientUserId === userId).map((r) => r.payload);
  }

  /** What the user sees in the in-app inbox, oldest first. */
  async function inboxOf(auth: Auth): Promise<Array<{ kind: string; body: string; params: Record<string, unknown> }>> {
    const res = await api.http().get('/api/v1/me/notifications').query({ limit: 100 }).set(auth).expect(200);
    return [...res.body.items].reverse();
  }

  const userIdOf = async (auth: Auth) => (await api.http().get('/api/v1/me').set(auth).expect(200)).body.id as string;

  it('ships an order and follows the courier: duplicates ignored, late steps never move it back', async () => {
    const { buyer, orderId } = await paidOrder();

    const wrongNumber = await ship(orderId, { carrier: 'sf', trackingNumber: 'YT1234567890123' });
    expect(wrongNumber.status).toBe(400);
    expect(wrongNumber.body.code).toBe('INVALID_TRACKING_NUMBER');
    expect((await ship(orderId, { carrier: 'dhl', trackingNumber: 'SF1234567890123' })).status).toBe(400);

    const shipped = await ship(orderId, { carrier: 'sf', trackingNumber: 'sf 1234-5678-90123' }).expect(201);
    expect(shipped.body).toMatchObject({ carrier: 'sf', trackingNumber: 'SF1234567890123', status: 'awaiting_pickup' });
    expect((await orderOf(buyer, orderId)).status).toBe('shipped');

    // The worker subscribed the parcel at Kuaidi100 with our callback, salt and the phone's last digits.
    const sub = await subscriptionOf('SF1234567890123');
    expect(sub).toEqual({
      company: 'shunfeng',
      number: 'SF1234567890123',
      callbackurl: CALLBACK_URL,
      salt: SALT,
      phone: '8000',
    });
    // Each push carries every step so far (newest first), signed with the salt.
    const pickedUp = { time: beijingTime(1), context: '顺丰速运 已收取快件', statusCode: '1' };
    const inTransit = { time: beijingTime(12), context: '快件到达 【广州白云中转场】', statusCode: '0' };
    const outForDelivery = {
      time: beijingTime(20),
      context: '快件交给李师傅，正在派送途中',
      statusCode: '5',
      areaName: '广州市天河区',
    };
    const signedFor = { time: beijingTime(22), context: '已签收，签收人：本人', statusCode: '3' };
    expect(await kuaidi100.push(sub, [pickedUp])).toEqual(ACCEPTED);
    expect(await kuaidi100.push(sub, [pickedUp])).toEqual(ACCEPTED); // Kuaidi100 retries: accepted, stored once
    expect(await storedUpdates('SF1234567890123')).toBe(1);
    const statusOf = async () =>
      (await api.http().get(`/api/v1/orders/${orderId}/shipment`).set(buyer).expect(200)).body.status as string;
    // Updates are applied concurrently: the courier's next step is sent once this one has landed.
    await eventually(async () => (await statusOf()) === 'picked_up', { what: 'the parcel picked up' });
    expect(await kuaidi100.push(sub, [pickedUp, outForDelivery])).toEqual(ACCEPTED);
    await eventually(async () => (await statusOf()) === 'out_for_delivery', { what: 'the parcel out for delivery' });
    // Sent before the delivery attempt but arriving after it.
    expect(await kuaidi100.push(sub, [pickedUp, inTransit])).toEqual(ACCEPTED);
    expect(await kuaidi100.push(sub, [pickedUp, inTransit, outForDelivery, signedFor])).toEqual(ACCEPTED);

    await eventually(async () => (await orderOf(buyer, orderId)).status === 'delivered', {
      what: 'the order to be delivered by the courier',
    });
    const tracked = await api.http().get(`/api/v1/orders/${orderId}/shipment`).set(buyer).expect(200);
    expect(tracked.body.status).toBe('delivered');
    expect(tracked.body.timeline.map((e: { status: string }) => e.status)).toEqual([
      'awaiting_pickup',
      'picked_up',
      'in_transit',
      'out_for_delivery',
      'delivered',
    ]);
    expect(tracked.body.history.map((h: { to: string }) => h.to)).toEqual([
      'awaiting_pickup',
      'picked_up',
      'out_for_delivery',
      'delivered',
    ]);
    await api.http().get(`/api/v1/seller/stores/${storeId}/orders/${orderId}/shipment`).set(seller).expect(200);
    const stranger = await market.newBuyer();
    await api.http().get(`/api/v1/orders/${orderId}/shipment`).set(stranger).expect(404);

    // One message per real step in the buyer's inbox: shipped, picked up, out for delivery, delivered.
    const buyerId = await userIdOf(buyer);
    await eventually(async () => (await inboxOf(buyer)).some((n) => n.kind === 'shipment.delivered'), {
      what: 'the delivery notification in the inbox',
    });
    const steps = [
      ['shipment.shipped', null],
      ['shipment.progress', 'picked_up'],
      ['shipment.progress', 'out_for_delivery'],
      ['shipment.delivered', null],
    ];
    await drained(worker); // every message there is to be written has been: the list below is complete
    const inbox = (await inboxOf(buyer)).filter((n) => n.kind.startsWith('shipment.'));
    expect(inbox.map((n) => [n.kind, n.params.status ?? null])).toEqual(steps);
    expect(inbox[0].body).toContain('SF1234567890123');
    // And asked for exactly once each, phone numbers never in the request.
    const requested = (await notificationsFor(buyerId)).filter((n) => n.kind.startsWith('shipment.'));
    expect(requested.map((n) => [n.kind, n.params.status ?? null])).toEqual(steps);
    expect(JSON.stringify(requested)).not.toContain('13800138000');
  });

  it("refuses a push with a wrong sign, a malformed param or a carrier we do not ship with, in Kuaidi100's answer format", async () => {
    const sub = { company: 'shunfeng', number: 'SF1234567890125', callbackurl: CALLBACK_URL, salt: SALT };
    const step = { time: beijingTime(1), context: '顺丰速运 已收取快件', statusCode: '1' };
    const refused = (status: number) => ({
      status,
      answer: { result: false, returnCode: String(status), message: expect.any(String) },
    });
    expect(await kuaidi100.push(sub, [step], { sign: 'D41D8CD98F00B204E9800998ECF8427E' })).toEqual(refused(401));
    expect(await kuaidi100.push({ ...sub, salt: 'another-salt-0123456789' }, [step])).toEqual(refused(401));
    expect(await kuaidi100.push({ ...sub, company: 'dhl' }, [step])).toEqual(refused(400));
    expect(await rawPush('not json')).toEqual(refused(400));
    expect(await rawPush(JSON.stringify({ status: 'polling', lastResult: { nu: 'SF1234567890125' } }))).toEqual(
      refused(400),
    );
    // A step time of the right shape that is no moment at all: refused, not a crash outside Kuaidi100's format.
    expect(await kuaidi100.push(sub, [{ ...step, time: '2026-02-30 25:61:00' }])).toEqual(refused(400));
    const unsigned = await api.http().post('/api/v1/logistics/webhooks/kuaidi100').send({ param: '{}' });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body).toMatchObject({ result: false, returnCode: '401' });
    expect(await storedUpdates('SF1234567890125')).toBe(0);
    // Kuaidi100 gave up on a parcel it never saw move: accepted, nothing to apply (it stays polled).
    expect(await kuaidi100.push(sub, [], { status: 'abort', message: '3天查询无记录' })).toEqual(ACCEPTED);
    expect(await storedUpdates('SF1234567890125')).toBe(0);
  });

  it('needs a cold-chain service for chilled goods, from a carrier that runs one', async () => {
    const { orderId } = await paidOrder(chilledLychee);
    expect((await ship(orderId, { carrier: 'sf', trackingNumber: 'SF1234567890124' })).body.code).toBe(
      'COLD_CHAIN_REQUIRED',
    );
    expect(
      (await ship(orderId, { carrier: 'yto', trackingNumber: 'YT1234567890123', service: 'cold_chain' })).body.code,
    ).toBe('CARRIER_HAS_NO_COLD_CHAIN');
    const shipped = await ship(orderId, { carrier: 'jd', trackingNumber: 'JDVA12345678901', service: 'cold_chain' });
    expect(shipped.status).toBe(201);
    expect(shipped.body.service).toBe('cold_chain');
  });

  it('polls Kuaidi100 for parcels that get no pushed updates', async () => {
    const { buyer, orderId } = await paidOrder();
    await ship(orderId, { carrier: 'zto', trackingNumber: '731234567890' }).expect(201);
    const sentOn = beijingTime(13);
    kuaidi100.parcels.set('731234567890', {
      com: 'zhongtong',
      phone: '8000',
      steps: [
        { time: beijingTime(1), context: '【百色市】田阳网点 已揽收', statusCode: '103' },
        { time: sentOn, context: '快件已发往 广州转运中心', statusCode: '1002' },
      ],
    });
    const poller = worker.module.get(TrackingPoller);
    expect(await poller.pollDue()).toBeGreaterThanOrEqual(2);
    expect(kuaidi100.queries.at(-1)).toEqual({ com: 'zhongtong', num: '731234567890', phone: '8000' });
    const tracked = await api.http().get(`/api/v1/orders/${orderId}/shipment`).set(buyer).expect(200);
    expect(tracked.body.status).toBe('in_transit');
    expect(tracked.body.timeline.at(-1)).toMatchObject({
      source: 'poll',
      status: 'in_transit',
      at: new Date(`${sentOn.replace(' ', 'T')}+08:00`).toISOString(),
    });
    // Asked again only after the polling interval.
    const asked = kuaidi100.queries.length;
    await poller.pollDue();
    expect(kuaidi100.queries.length).toBe(asked);
  });

  it('reminds the store once at half the shipping window, then cancels and refunds a perishable order it missed', async () => {
    const { buyer, orderId, totalFen } = await paidOrder();
    // The deadline sweep skips orders another transaction holds (SKIP LOCKED), as the order.paid
    // listener does while it runs: it is done before the sweep is asked about this order.
    await drained(worker);
    const timers = worker.module.get(OrderTimersProcessor);
    const ownerId = await userIdOf(seller);
    const reminders = async () =>
      (await notificationsFor(ownerId)).filter((n) => n.kind === 'order.ship-reminder').length;
    const stockBefore = (await worker.dataSource.query('SELECT stock FROM product_variants WHERE id = $1', [mango]))[0]
      .stock as number;

    await timers.enforceShippingDeadlines();
    expect(await reminders()).toBe(0); // 48 hours to ship: not yet half way

    // 30 of the 48 hours have passed.
    await worker.dataSource.query(
      `UPDATE orders SET paid_at = now() - interval '30 hours', ship_by = now() + interval '18 hours' WHERE id = $1`,
      [orderId],
    );
    await timers.enforceShippingDeadlines();
    await timers.enforceShippingDeadlines();
    expect(await reminders()).toBe(1);
    expect((await orderOf(buyer, orderId)).status).toBe('paid');

    // The deadline passed, and the hour of grace too.
    await worker.dataSource.query(
      `UPDATE orders SET paid_at = now() - interval '50 hours', ship_by = now() - interval '2 hours' WHERE id = $1`,
      [orderId],
    );
    await timers.enforceShippingDeadlines();
    await timers.enforceShippingDeadlines();
    const cancelled = await orderOf(buyer, orderId);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'SHIPPING_DEADLINE_MISSED' });
    const stockAfter = (await worker.dataSource.query('SELECT stock FROM product_variants WHERE id = $1', [mango]))[0]
      .stock as number;
    expect(stockAfter).toBe(stockBefore + 1);

    // The full amount goes back through Stripe, once.
    await worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never);
    await worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never);
    const refunds = stripe.refunds.filter((r) => r.amount === totalFen);
    expect(refunds).toHaveLength(1);
    const rows: Array<{ amount_fen: string; reason: string }> = await worker.dataSource.query(
      `SELECT amount_fen, reason FROM refunds WHERE reference_id = $1`,
      [orderId],
    );
    expect(rows).toEqual([{ amount_fen: String(totalFen), reason: 'SHIPPING_DEADLINE_MISSED' }]);

    const store = await api.http().get(`/api/v1/sellers/${storeId}`).expect(200);
    expect(store.body.onTimeShippingRate).toBe(0.75); // three earlier orders shipped in time, this one missed
    const missed = (await notificationsFor(ownerId)).filter((n) => n.kind === 'order.shipping-deadline-missed');
    expect(missed).toHaveLength(1);
    await eventually(async () => (await inboxOf(seller)).some((n) => n.kind === 'order.shipping-deadline-missed'), {
      what: 'the store to be told of the missed deadline',
    });
    await drained(worker);
    expect((await inboxOf(seller)).filter((n) => n.kind === 'order.ship-reminder')).toHaveLength(1);
    await eventually(
      async () => (await notificationsFor(await userIdOf(buyer))).some((n) => n.kind === 'order.cancelled'),
      { what: 'the buyer to be told of the cancellation' },
    );
  });

  it("cancels and refunds a missed deadline within the sweep's own connection, even when the rest of the pool is taken", async () => {
    const buyer = await market.newBuyer();
    const placed = await placeOrder(api, buyer, [{ variantId: mango, quantity: 1 }], 'bank_transfer');
    const orderId = placed.body.orders[0].id as string;
    await confirmBankTransfer(market, placed.body.bankTransfer.reference, 'ICBC-20261201-0043');
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'paid', { what: 'the order paid' });
    await drained(worker);
    await worker.dataSource.query(
      `UPDATE orders SET paid_at = now() - interval '50 hours', ship_by = now() - interval '2 hours' WHERE id = $1`,
      [orderId],
    );
    await withOneConnectionLeft(worker.dataSource, worker.module.get(AppConfig).database.poolSize, () =>
      worker.module.get(OrderTimersProcessor).enforceShippingDeadlines(),
    );
    expect((await orderOf(buyer, orderId)).status).toBe('cancelled');
    const rows = await worker.dataSource.query(
      `SELECT amount_fen FROM refunds WHERE reference_id = $1 AND reason = 'SHIPPING_DEADLINE_MISSED'`,
      [orderId],
    );
    expect(rows).toEqual([{ amount_fen: String(placed.body.orders[0].totalFen) }]);
  });

  it('leaves the refund of a transfer order cancelled for a missed deadline to finance, who records it once', async () => {
    const buyer = await market.newBuyer();
    const placed = await placeOrder(api, buyer, [{ variantId: mango, quantity: 1 }], 'bank_transfer');
    const orderId = placed.body.orders[0].id as string;
    const totalFen = placed.body.orders[0].totalFen as number;
    await confirmBankTransfer(market, placed.body.bankTransfer.reference, 'ICBC-20261201-0042');
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'paid', {
      what: 'the transfer order paid',
    });
    await drained(worker); // the order.paid listener holds the order while it runs, and the sweep skips it
    await worker.dataSource.query(
      `UPDATE orders SET paid_at = now() - interval '50 hours', ship_by = now() - interval '2 hours' WHERE id = $1`,
      [orderId],
    );
    await worker.module.get(OrderTimersProcessor).enforceShippingDeadlines();
    expect((await orderOf(buyer, orderId)).status).toBe('cancelled');

    const pendingOffline = async () =>
      (
        await api
          .http()
          .get('/api/v1/finance/refunds')
          .query({ status: 'pending', provider: 'offline' })
          .set(admin)
          .expect(200)
      ).body.items as Array<{ id: string; referenceId: string }>;
    const [refund] = (await pendingOffline()).filter((r) => r.referenceId === orderId);
    expect(refund).toMatchObject({
      paymentMethod: 'bank_transfer',
      amountFen: totalFen,
      status: 'pending',
      reason: 'SHIPPING_DEADLINE_MISSED',
      externalReference: null,
    });
    await api.http().get('/api/v1/finance/refunds').set(buyer).expect(403);
    const bad = await api.http().get('/api/v1/finance/refunds').query({ status: 'lost' }).set(admin);
    expect(bad.status).toBe(400);

    const markPaid = (id: string, reference: string, auth: Auth = admin) =>
      api.http().post(`/api/v1/finance/refunds/${id}/mark-paid`).set(auth).send({ reference });
    await markPaid(refund.id, 'CASH-BACK-1', seller).expect(403);
    expect((await markPaid(refund.id, 'x')).body.code).toBe('VALIDATION_FAILED');
    const paid = await markPaid(refund.id, 'CASH-BACK-1').expect(201);
    expect(paid.body).toMatchObject({ id: refund.id, status: 'succeeded', externalReference: 'CASH-BACK-1' });
    await markPaid(refund.id, 'CASH-BACK-1').expect(201);
    const other = await markPaid(refund.id, 'CASH-BACK-2');
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('REFUND_ALREADY_SETTLED');
    expect((await pendingOffline()).some((r) => r.id === refund.id)).toBe(false);
    expect((await markPaid(randomUUID(), 'CASH-BACK-3')).status).toBe(404);

    // A card refund is Stripe's to report, not finance's to mark.
    const cardRefunds = (
      await api.http().get('/api/v1/finance/refunds').query({ provider: 'stripe' }).set(admin).expect(200)
    ).body.items as Array<{ id: string }>;
    expect(cardRefunds.length).toBeGreaterThan(0);
    const card = await markPaid(cardRefunds[0].id, 'CASH-BACK-4');
    expect(card.status).toBe(409);
    expect(card.body.code).toBe('REFUND_SENT_BY_STRIPE');

    // The buyer hears of the money once, and the books still balance.
    await eventually(async () => (await inboxOf(buyer)).some((n) => n.kind === 'order.refunded'), {
      what: 'the buyer told of the refund',
    });
    await drained(worker);
    expect((await inboxOf(buyer)).filter((n) => n.kind === 'order.refunded')).toHaveLength(1);
    await eventually(
      async () =>
        (await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200)).body.totalFen === 0,
      { what: 'a balanced ledger' },
    );
  });
});
