import { AppConfig } from '../../src/config/app-config';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { OrdersService } from '../../src/modules/orders/orders.service';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { withOneConnectionLeft } from '../utils/busy-pool';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { Auth, MarketplaceWithWorker, openStore, placeOrder, startMarketplace } from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';

/** A delivered cash-on-delivery order whose cash is never recorded: the store is reminded once. */
describe('uncollected cash on delivery', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let worker: TestWorker;
  let owner: Auth;
  let storeId: string;
  let mango: string;

  beforeAll(async () => {
    market = await startMarketplace({ COD_CASH_REMINDER_DAYS: '5' });
    ({ api, worker } = market);
    ({ seller: owner, store: storeId } = await openStore(market, { shippingPolicy: { baseFeeFen: 800 } }));
    [mango] = await publishProduct(api, owner, market.admin, storeId, mangoProduct());
  });

  afterAll(async () => {
    await market?.close();
  });

  const ownerId = async () => (await api.http().get('/api/v1/me').set(owner).expect(200)).body.id as string;
  const reminders = async (orderNumber: string) => {
    const rows: Array<{ payload: { kind: string; recipientUserId: string; params: Record<string, unknown> } }> =
      await worker.dataSource.query(
        `SELECT payload FROM outbox_events WHERE type = 'notification.requested' AND payload->>'kind' = 'order.cash-uncollected'`,
      );
    return rows.map((r) => r.payload).filter((p) => p.params.orderNumber === orderNumber);
  };
  const inbox = async () =>
    (await api.http().get('/api/v1/me/notifications').set(owner).expect(200)).body.items as Array<{
      kind: string;
      title: string;
      body: string;
    }>;

  async function deliveredCodOrder() {
    const buyer = await market.newBuyer();
    const placed = await placeOrder(api, buyer, [{ variantId: mango, quantity: 1 }], 'cash_on_delivery');
    const order = placed.body.orders[0] as { id: string; totalFen: number };
    await api
      .http()
      .post(`/api/v1/seller/stores/${storeId}/orders/${order.id}/ship`)
      .set(owner)
      .send({ carrier: 'sf', trackingNumber: `SF${Date.now()}` })
      .expect(201);
    await api.http().post(`/api/v1/orders/${order.id}/confirm-receipt`).set(buyer).expect(201);
    const detail = (await api.http().get(`/api/v1/orders/${order.id}`).set(buyer).expect(200)).body;
    expect(detail).toMatchObject({ status: 'delivered', paidAt: null });
    await drained(worker); // the order's listeners hold it; the sweep skips locked orders
    return { ...order, orderNumber: order.id.slice(0, 8).toUpperCase() };
  }
  const deliveredDaysAgo = (orderId: string, days: number) =>
    worker.dataSource.query(`UPDATE orders SET delivered_at = now() - make_interval(days => $2) WHERE id = $1`, [
      orderId,
      days,
    ]);

  it('reminds the store once, the configured days after delivery, however often the timer runs', async () => {
    const order = await deliveredCodOrder();
    const timers = worker.module.get(OrderTimersProcessor);
    await deliveredDaysAgo(order.id, 4);
    expect(await timers.remindUncollectedCash()).toBe(0);
    expect(await reminders(order.orderNumber)).toHaveLength(0);

    await deliveredDaysAgo(order.id, 6);
    expect(await timers.remindUncollectedCash()).toBe(1);
    expect(await timers.remindUncollectedCash()).toBe(0);
    const sent = await reminders(order.orderNumber);
    expect(sent).toEqual([
      {
        kind: 'order.cash-uncollected',
        recipientUserId: await ownerId(),
        params: { orderNumber: order.orderNumber, amountFen: order.totalFen, deliveredAt: expect.any(String) },
      },
    ]);
    const told = await eventually(async () => (await inbox()).find((n) => n.kind === 'order.cash-uncollected'), {
      what: 'the reminder in the store owner inbox',
    });
    expect(told.body).toContain(order.orderNumber);
    await drained(worker);
    expect((await inbox()).filter((n) => n.kind === 'order.cash-uncollected')).toHaveLength(1);
  });

  it('does not remind a store whose cash was recorded', async () => {
    const order = await deliveredCodOrder();
    await api.app.get(OrdersService).collectCashByCourier(order.id, 'SF-COD-0001');
    await eventually(
      async () =>
        (await worker.dataSource.query(`SELECT status FROM orders WHERE id = $1`, [order.id]))[0].status ===
        'completed',
      { what: 'the cash order completed' },
    );
    await deliveredDaysAgo(order.id, 30);
    await worker.module.get(OrderTimersProcessor).remindUncollectedCash();
    expect(await reminders(order.orderNumber)).toHaveLength(0);
  });

  it("reminds within the timer's own connection, even when the rest of the pool is taken", async () => {
    const order = await deliveredCodOrder();
    await deliveredDaysAgo(order.id, 6);
    const reminded = await withOneConnectionLeft(
      worker.dataSource,
      worker.module.get(AppConfig).database.poolSize,
      () => worker.module.get(OrderTimersProcessor).remindUncollectedCash(),
    );
    expect(reminded).toBe(1);
    expect(await reminders(order.orderNumber)).toHaveLength(1);
  });
});
