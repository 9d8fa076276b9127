import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/config/app-config';
import { TrackingPoller } from '../../src/modules/logistics/tracking-poller.service';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { OrdersService } from '../../src/modules/orders/orders.service';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { eventually } from '../utils/eventually';
import { startFakeKuaidi100 } from '../utils/fake-kuaidi100';
import { withOneConnectionLeft } from '../utils/busy-pool';
import {
  Auth,
  bearer,
  BUYER_ADDRESS as address,
  fakeKuaidi100Environment,
  MarketplaceWithWorker,
  openStore,
  startMarketplace,
  confirmBankTransfer,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';
/** `yyyy-MM-dd HH:mm:ss` in Beijing time, `hours` from now, as Kuaidi100 writes times. */
const beijingTime = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

describe('cash on delivery (货到付款), refused parcels and bank transfer by reference', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let worker: TestWorker;
  let kuaidi100: Awaited<ReturnType<typeof startFakeKuaidi100>>;
  let admin: Auth;
  let owner: Auth;
  let staff: Auth;
  let storeId: string;
  let mango: string;
  let parcelNumber = 1234567890100;

  beforeAll(async () => {
    kuaidi100 = await startFakeKuaidi100();
    market = await startMarketplace({
      ...fakeKuaidi100Environment(kuaidi100),
      PAYABLE_HOLD_DAYS: '0',
      BANK_TRANSFER_ACCOUNT_NAME: '广西富禾农业科技有限公司',
      BANK_TRANSFER_BANK_NAME: '中国工商银行南宁分行',
      BANK_TRANSFER_ACCOUNT_NUMBER: '6222 0211 0000 1234 567',
    });
    ({ api, worker, admin } = market);
    ({ seller: owner, store: storeId } = await openStore(market, { shippingPolicy: { baseFeeFen: 800 } }));
    const staffUser = await registerUser(api);
    await api
      .http()
      .post(`/api/v1/seller/stores/${storeId}/staff`)
      .set(owner)
      .send({ email: staffUser.email })
      .expect((res) => expect([200, 201]).toContain(res.status));
    staff = bearer((await loginUser(api, staffUser)).accessToken);
    [mango] = await publishProduct(api, owner, admin, storeId, mangoProduct());
  });

  afterAll(async () => {
    await market?.close();
    await kuaidi100?.close();
  });

  const newBuyer = () => market.newBuyer();
  const checkout = (buyer: Auth, paymentMethod: string, quantity = 1) =>
    api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', randomUUID())
      .send({ items: [{ variantId: mango, quantity }], shippingAddress: address, paymentMethod })
      .expect(201);
  const orderOf = async (buyer: Auth, orderId: string) =>
    (await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200)).body;
  const storeOrder = (orderId: string) => `/api/v1/seller/stores/${storeId}/orders/${orderId}`;
  const shipmentOf = async (buyer: Auth, orderId: string) =>
    (await api.http().get(`/api/v1/orders/${orderId}/shipment`).set(buyer).expect(200)).body;
  const stockOf = async () =>
    (await worker.dataSource.query('SELECT stock FROM product_variants WHERE id = $1', [mango]))[0].stock as number;
  const userIdOf = async (auth: Auth) => (await api.http().get('/api/v1/me').set(auth).expect(200)).body.id as string;
  const trialBalance = async () =>
    (await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200)).body.totalFen as number;

  /** The store ships with YTO; the fake Kuaidi100 will answer the next poll with `steps`. */
  async function shipAndReport(orderId: string, steps: Array<{ hours: number; context: string; statusCode: string }>) {
    const trackingNumber = `YT${parcelNumber++}`;
    await api
      .http()
      .post(`${storeOrder(orderId)}/ship`)
      .set(staff)
      .send({ carrier: 'yto', trackingNumber })
      .expect(201);
    kuaidi100.parcels.set(trackingNumber, {
      com: 'yuantong',
      steps: steps.map((s) => ({ time: beijingTime(s.hours), context: s.context, statusCode: s.statusCode })),
    });
    return trackingNumber;
  }

  /** A new buyer's bank-transfer order, confirmed by finance with `bankReference`, paid. */
  async function paidTransferOrder(bankReference: string) {
    const buyer = await newBuyer();
    const placed = await checkout(buyer, 'bank_transfer');
    const orderId = placed.body.orders[0].id as string;
    await confirmBankTransfer(market, placed.body.bankTransfer.reference, bankReference);
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'paid', { what: 'the order paid' });
    return { buyer, placed, orderId };
  }

  /** The owner ships by YTO, with no tracking reported (unlike shipAndReport). */
  async function shipAsOwner(orderId: string) {
    await api
      .http()
      .post(`${storeOrder(orderId)}/ship`)
      .set(owner)
      .send({ carrier: 'yto', trackingNumber: `YT${parcelNumber++}` })
      .expect(201);
  }

  /** What notifications were asked for a user, by kind (what the notifications module turns into messages). */
  async function notificationKindsFor(
    userId: string,
  ): Promise<Array<{ kind: string; params: Record<string, unknown> }>> {
    const rows: Array<{ payload: { kind: string; recipientUserId: string; params: Record<string, unknown> } }> =
      await worker.dataSource.query(
        `SELECT payload FROM outbox_events WHERE type = 'notification.requested' ORDER BY created_at, id`,
      );
    return rows.filter((r) => r.payload.recipientUserId === userId).map((r) => r.payload);
  }

  it('confirms at checkout, ships unpaid, and is paid when the cash is collected after delivery; then pays out', async () => {
    const buyer = await newBuyer();
    const stockBefore = await stockOf();
    const placed = await checkout(buyer, 'cash_on_delivery', 2);
    const order = placed.body.orders[0] as { id: string; totalFen: number };
    expect(placed.body.orders[0]).toMatchObject({ status: 'confirmed', expiresAt: null, paidAt: null });
    expect(placed.body.bankTransfer).toBeNull();
    expect(await stockOf()).toBe(stockBefore - 2);
    // A perishable order's shipping window opens at confirmation, as a paid order's opens at payment.
    const [{ hours }] = await worker.dataSource.query(
      `SELECT extract(epoch FROM ship_by - created_at) / 3600 AS hours FROM orders WHERE id = $1`,
      [order.id],
    );
    expect(Math.round(Number(hours))).toBe(48);

    // The store's owner and staff hear of the order at once, though nothing is paid.
    for (const member of [owner, staff]) {
      const memberId = await userIdOf(member);
      const told = await eventually(
        async () =>
          (await notificationKindsFor(memberId)).find(
            (n) => n.kind === 'order.new' && n.params.amountFen === order.totalFen,
          ),
        { what: 'the store told of the new order' },
      );
      expect(told.params).toMatchObject({ paymentMethod: 'cash_on_delivery' });
    }

    // No payment expiry: the sweep leaves it alone however late it is.
    await worker.dataSource.query(`UPDATE orders SET created_at = now() - interval '30 days' WHERE id = $1`, [
      order.id,
    ]);
    await worker.module.get(OrderTimersProcessor).expireOverdue();
    expect((await orderOf(buyer, order.id)).status).toBe('confirmed');

    const early = await api
      .http()
      .post(`${storeOrder(order.id)}/cash-collected`)
      .set(owner);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CASH_BEFORE_DELIVERY');

    await shipAndReport(order.id, [
      { hours: 1, context: '【百色市】田阳网点 已揽收', statusCode: '1' },
      { hours: 20, context: '快件交给李师傅，正在派送途中（货到付款，请备好现金）', statusCode: '5' },
      { hours: 22, context: '已签收，签收人：本人', statusCode: '3' },
    ]);
    expect((await orderOf(buyer, order.id)).status).toBe('shipped');
    const collectedTooSoon = await api
      .http()
      .post(`${storeOrder(order.id)}/cash-collected`)
      .set(owner);
    expect(collectedTooSoon.body.code).toBe('CASH_BEFORE_DELIVERY');
    await worker.module.get(TrackingPoller).pollDue();
    await eventually(async () => (await orderOf(buyer, order.id)).status === 'delivered', {
      what: 'the courier to deliver the order',
    });
    // Delivered is not completed: the cash is not in, so the ledger has nothing of it yet.
    const unpaid = await orderOf(buyer, order.id);
    expect(unpaid).toMatchObject({ paidAt: null, payments: [expect.objectContaining({ status: 'requires_payment' })] });
    const balance = async () =>
      (await api.http().get(`/api/v1/seller/stores/${storeId}/balance`).set(owner).expect(200)).body;
    const before = await balance();
    await api.http().post(`/api/v1/orders/${order.id}/confirm-receipt`).set(buyer).expect(201);
    expect((await orderOf(buyer, order.id)).status).toBe('delivered');

    const collected = await api
      .http()
      .post(`${storeOrder(order.id)}/cash-collected`)
      .set(staff)
      .expect(201);
    expect(collected.body).toMatchObject({
      method: 'cash_on_delivery',
      status: 'succeeded',
      amountFen: order.totalFen,
    });
    await api
      .http()
      .post(`${storeOrder(order.id)}/cash-collected`)
      .set(owner)
      .expect(201); // twice is harmless
    await eventually(async () => (await orderOf(buyer, order.id)).status === 'completed', {
      what: 'the cash order to be paid and completed',
    });
    const done = await api.http().get(storeOrder(order.id)).set(owner).expect(200);
    expect(done.body.paidAt).not.toBeNull();
    expect(done.body.history.map((h: { to: string }) => h.to)).toEqual([
      'confirmed',
      'shipped',
      'delivered',
      'completed',
    ]);
    expect(done.body.history.at(-1)).toMatchObject({ reason: 'CASH_COLLECTED' });
    const owed = order.totalFen - (done.body.commissionFen as number);
    expect((await balance()).heldFen).toBe(before.heldFen + owed);
    expect(await trialBalance()).toBe(0);

    // Paid once: the payable is released and paid out once.
    const timers = worker.module.get(OrderTimersProcessor);
    expect(await timers.releasePayables()).toBe(1);
    expect(await timers.releasePayables()).toBe(0);
    const released = await balance();
    expect(released.availableFen).toBe(before.availableFen + owed);
    const run = await api.http().post('/api/v1/finance/payouts/run').set(admin).expect(201);
    expect(run.body.items.find((p: { sellerId: string }) => p.sellerId === storeId)).toMatchObject({
      amountFen: released.availableFen,
      status: 'pending',
    });
    expect(await trialBalance()).toBe(0);
    // The store was never told "paid, please ship" of an order already delivered.
    const ownerId = await userIdOf(owner);
    expect((await notificationKindsFor(ownerId)).filter((n) => n.kind === 'order.to-ship')).toHaveLength(0);
  });

  it('records a courier COD settlement too, and lets the buyer cancel before it ships', async () => {
    const buyer = await newBuyer();
    const stockBefore = await stockOf();
    const cancelled = await checkout(buyer, 'cash_on_delivery');
    await api.http().post(`/api/v1/orders/${cancelled.body.orders[0].id}/cancel`).set(buyer).expect(201);
    expect(await stockOf()).toBe(stockBefore);
    const gone = await orderOf(buyer, cancelled.body.orders[0].id);
    expect(gone).toMatchObject({ status: 'cancelled', payments: [expect.objectContaining({ status: 'cancelled' })] });

    const placed = await checkout(buyer, 'cash_on_delivery');
    const orderId = placed.body.orders[0].id as string;
    await shipAndReport(orderId, [{ hours: 5, context: '已签收，签收人：门卫', statusCode: '301' }]);
    const cancelShipped = await api.http().post(`/api/v1/orders/${orderId}/cancel`).set(buyer);
    expect(cancelShipped.body.code).toBe('ORDER_NOT_CANCELLABLE');
    await worker.module.get(TrackingPoller).pollDue();
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'delivered', { what: 'delivery' });
    const settlement = await api.app.get(OrdersService).collectCashByCourier(orderId, 'YTO-COD-20261201-77');
    expect(settlement).toMatchObject({
      status: 'succeeded',
      externalReference: 'YTO-COD-20261201-77',
      confirmedBy: null,
    });
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'completed', { what: 'completion' });
    expect(await trialBalance()).toBe(0);
  });

  it('closes an order whose parcel was refused at the door and puts its units back, exactly once', async () => {
    const buyer = await newBuyer();
    const stockBefore = await stockOf();
    const placed = await checkout(buyer, 'cash_on_delivery', 3);
    const orderId = placed.body.orders[0].id as string;
    expect(await stockOf()).toBe(stockBefore - 3);
    const trackingNumber = await shipAndReport(orderId, [
      { hours: 1, context: '【百色市】田阳网点 已揽收', statusCode: '1' },
      { hours: 20, context: '收件人拒签（货到付款，拒付）', statusCode: '14' },
      { hours: 30, context: '快件已退回寄件人', statusCode: '6' },
    ]);
    const poller = worker.module.get(TrackingPoller);
    await poller.pollDue();
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'returned', {
      what: 'the refused order to be closed',
    });
    const closed = await orderOf(buyer, orderId);
    expect(closed).toMatchObject({
      cancelReason: 'REFUSED_AT_DOOR',
      paidAt: null,
      payments: [expect.objectContaining({ method: 'cash_on_delivery', status: 'cancelled' })],
    });
    expect((await shipmentOf(buyer, orderId)).status).toBe('returned');
    expect(await stockOf()).toBe(stockBefore);

    // The courier reports the same steps again; nothing more comes back.
    await worker.dataSource.query(`UPDATE shipments SET polled_at = NULL WHERE tracking_number = $1`, [trackingNumber]);
    await poller.pollDue();
    await expect(api.app.get(OrdersService).collectCashByCourier(orderId, 'YTO-COD-LATE')).rejects.toMatchObject({
      code: 'CASH_BEFORE_DELIVERY',
    });
    expect(await stockOf()).toBe(stockBefore);
    const ownerId = await userIdOf(owner);
    await eventually(
      async () => (await notificationKindsFor(ownerId)).filter((n) => n.kind === 'order.returned').length === 1,
      { what: 'the store told once that the parcel came back' },
    );
    expect(await trialBalance()).toBe(0);
  });

  it('refunds in full an order paid in advance whose parcel was refused', async () => {
    const { buyer, placed, orderId } = await paidTransferOrder('ICBC-20261201-0009');
    const stockBefore = await stockOf();
    await shipAndReport(orderId, [
      { hours: 20, context: '收件人拒收', statusCode: '14' },
      { hours: 30, context: '快件已退回寄件人', statusCode: '6' },
    ]);
    await worker.module.get(TrackingPoller).pollDue();
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'returned', { what: 'the order returned' });
    expect(await stockOf()).toBe(stockBefore + 1);
    const refunds = (
      await api.http().get('/api/v1/finance/refunds').query({ status: 'pending' }).set(admin).expect(200)
    ).body.items.filter((r: { referenceId: string }) => r.referenceId === orderId);
    expect(refunds).toEqual([
      expect.objectContaining({
        amountFen: placed.body.orders[0].totalFen,
        reason: 'REFUSED_AT_DOOR',
        paymentMethod: 'bank_transfer',
      }),
    ]);
  });

  it('closes a refused prepaid order within its own connection, even when the rest of the pool is taken', async () => {
    const { buyer, placed, orderId } = await paidTransferOrder('ICBC-20261201-0010');
    await shipAsOwner(orderId);

    // Every connection but one is busy (as when as many listeners run at once as the pool has
    // connections): closing the order must not wait for a second one while holding its own.
    const dataSource = api.app.get(DataSource);
    const closed = await withOneConnectionLeft(dataSource, api.app.get(AppConfig).database.poolSize, () =>
      dataSource.transaction((em) => api.app.get(OrdersService).returnUndelivered(em, orderId, 'REFUSED_AT_DOOR')),
    );
    expect(closed).toBe(true);
    expect((await orderOf(buyer, orderId)).status).toBe('returned');
    const [{ count }] = await worker.dataSource.query(
      `SELECT count(*)::int AS count FROM refunds WHERE reference_id = $1 AND amount_fen = $2 AND status = 'pending'`,
      [orderId, placed.body.orders[0].totalFen],
    );
    expect(count).toBe(1);
  });

  it('shows the receiving account and a transfer reference, and finance confirms by that reference', async () => {
    const buyer = await newBuyer();
    const placed = await checkout(buyer, 'bank_transfer');
    const transfer = placed.body.bankTransfer as { reference: string; amountFen: number };
    expect(transfer).toEqual({
      accountName: '广西富禾农业科技有限公司',
      bankName: '中国工商银行南宁分行',
      accountNumber: '6222 0211 0000 1234 567',
      amountFen: placed.body.totalFen,
      reference: expect.stringMatching(/^FR[2-9A-HJ-NP-Z]{8}$/),
    });
    const orderId = placed.body.orders[0].id as string;
    const detail = await orderOf(buyer, orderId);
    expect(detail.bankTransfer).toEqual(transfer);
    expect(detail.payments[0].transferReference).toBe(transfer.reference);
    expect(detail).not.toHaveProperty('commissionFen');
    expect((await api.http().get(storeOrder(orderId)).set(owner).expect(200)).body.commissionFen).toBeGreaterThan(0);
    const other = (await checkout(await newBuyer(), 'bank_transfer')).body.bankTransfer.reference as string;
    expect(other).not.toBe(transfer.reference);

    // The store hears of the unpaid order too.
    const ownerId = await userIdOf(owner);
    await eventually(
      async () =>
        (await notificationKindsFor(ownerId)).some(
          (n) => n.kind === 'order.new' && n.params.paymentMethod === 'bank_transfer',
        ),
      { what: 'the store told of the transfer order' },
    );

    const confirm = (reference: string, auth: Auth = admin) =>
      api
        .http()
        .post('/api/v1/finance/bank-transfers/confirm')
        .set(auth)
        .send({ reference, bankReference: 'ICBC-20261201-0007' });
    await confirm(transfer.reference, buyer).expect(403);
    const wrong = await confirm('FR22222222');
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe('TRANSFER_REFERENCE_NOT_FOUND');
    // As finance types it from a bank statement.
    const typed = `${transfer.reference.slice(0, 6).toLowerCase()} - ${transfer.reference.slice(6)}`;
    const confirmed = await confirm(typed).expect(201);
    expect(confirmed.body).toMatchObject({ status: 'succeeded', amountFen: transfer.amountFen });
    await confirm(transfer.reference).expect(201);
    // Another statement line for the same reference is another transfer: refused, never a quiet "confirmed".
    const anotherLine = await api
      .http()
      .post('/api/v1/finance/bank-transfers/confirm')
      .set(admin)
      .send({ reference: transfer.reference, bankReference: 'ICBC-20261201-0099' })
      .expect(409);
    expect(anotherLine.body).toMatchObject({
      code: 'TRANSFER_ALREADY_CONFIRMED',
      details: { bankReference: 'ICBC-20261201-0007' },
    });
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'paid', { what: 'the order paid' });
    const payment = await api.http().get(`/api/v1/finance/payments/${confirmed.body.id}`).set(admin).expect(200);
    expect(payment.body.history.map((h: { to: string }) => h.to)).toEqual(['requires_payment', 'succeeded']);
    expect(await trialBalance()).toBe(0);
  });

  it('brings a parcel the courier never scanned along when the buyer confirms receipt', async () => {
    const { buyer, orderId } = await paidTransferOrder('ICBC-20261201-0008');
    await shipAsOwner(orderId);
    expect((await shipmentOf(buyer, orderId)).status).toBe('awaiting_pickup');
    const done = await api.http().post(`/api/v1/orders/${orderId}/confirm-receipt`).set(buyer).expect(201);
    expect(done.body.status).toBe('completed');
    const shipment = await eventually(
      async () => {
        const s = await shipmentOf(buyer, orderId);
        return s.status === 'delivered' ? s : undefined;
      },
      { what: 'the shipment to follow the completed order' },
    );
    expect(shipment.timeline.at(-1)).toMatchObject({ source: 'buyer', status: 'delivered' });
  });
  it("audits the cash a trainer records for a trainee's store", async () => {
    const trainerUser = await registerUser(api);
    await api
      .http()
      .post(`/api/v1/admin/users/${trainerUser.id}/roles`)
      .set(admin)
      .send({ roles: ['trainer'] })
      .expect(201);
    const trainer = bearer((await loginUser(api, trainerUser)).accessToken);
    await api.http().post('/api/v1/me/assistance-consents').set(owner).send({ trainerId: trainerUser.id }).expect(201);
    const buyer = await newBuyer();
    const placed = await checkout(buyer, 'cash_on_delivery');
    const orderId = placed.body.orders[0].id as string;
    await shipAndReport(orderId, [{ hours: 5, context: '已签收，签收人：本人', statusCode: '301' }]);
    await worker.module.get(TrackingPoller).pollDue();
    await eventually(async () => (await orderOf(buyer, orderId)).status === 'delivered', { what: 'delivery' });

    await api
      .http()
      .post(`${storeOrder(orderId)}/cash-collected`)
      .set(trainer)
      .expect(201);
    await api
      .http()
      .post(`${storeOrder(orderId)}/cash-collected`)
      .set(trainer)
      .expect(201); // twice: one entry
    const detail = await api.http().get(`/api/v1/admin/sellers/${storeId}`).set(admin).expect(200);
    const cashActions = (detail.body.assistedActions as Array<{ action: string }>).filter(
      (a) => a.action === 'order.cash-collected',
    );
    expect(cashActions).toEqual([
      expect.objectContaining({
        actorId: trainerUser.id,
        onBehalfOfId: await userIdOf(owner),
        action: 'order.cash-collected',
      }),
    ]);
  });
});
