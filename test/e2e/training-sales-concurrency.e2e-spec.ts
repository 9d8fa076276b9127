import { AssignmentEventsListener } from '../../src/modules/training/assignment-events.listener';
import type { OutboxEnvelope } from '../../src/queue/event-map';
import { newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { mangoProduct } from '../factories/product.factory';
import { sellerApplication } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { eventually } from '../utils/eventually';
import {
  Auth,
  bearer,
  confirmBankTransfer,
  MarketplaceWithWorker,
  placeOrder,
  startMarketplace,
} from '../utils/marketplace';

/**
 * Training learns a trainee's sales from order.paid and order.refunded, which the events queue
 * may hand to two workers at once or in either order: the sale's refunds come out right anyway.
 */
describe('a trainee sale and its refund handled at the same time', () => {
  let market: MarketplaceWithWorker;
  afterAll(async () => market?.close());

  it('keeps a refund that commits while the order’s payment is being handled', async () => {
    market = await startMarketplace();
    const { api, admin } = market;
    const trainer = (await newTrainer(market)).auth;
    const cohortId = (await openCohort(market, trainer)).id;
    const user = await registerUser(api);
    const trainee: Auth = bearer((await loginUser(api, user)).accessToken);
    await enrol(api, cohortId, trainee);
    const storeId = (await api.http().post('/api/v1/sellers').set(trainee).send(sellerApplication()).expect(201)).body
      .id;
    await api.http().post(`/api/v1/admin/sellers/${storeId}/approve`).set(admin).expect(201);
    await api
      .http()
      .put(`/api/v1/seller/stores/${storeId}/shipping-policy`)
      .set(trainee)
      .send({ baseFeeFen: 1000 })
      .expect(200);
    const products = `/api/v1/seller/stores/${storeId}/products`;
    const created = await api.http().post(products).set(trainee).send(mangoProduct()).expect(201);
    await api.http().post(`${products}/${created.body.id}/submit`).set(trainee).expect(201);
    await api.http().post(`/api/v1/admin/products/${created.body.id}/approve`).set(admin).expect(201);
    const buyer = await market.newBuyer();
    const placed = await placeOrder(
      api,
      buyer,
      [{ variantId: created.body.variants[0].id, quantity: 1 }],
      'bank_transfer',
    );
    const orderId = placed.body.orders[0].id as string;
    await confirmBankTransfer(market, placed.body.bankTransfer.reference, 'ICBC-20260701-0009');
    const ds = market.worker.dataSource;
    const processed = (type: string) =>
      eventually(
        async () => {
          const rows = await ds.query(
            `SELECT processed_at FROM outbox_events WHERE type = $1 AND payload->>'orderId' = $2`,
            [type, orderId],
          );
          return rows.length > 0 && rows.every((r: { processed_at: Date | null }) => r.processed_at !== null);
        },
        { what: type },
      );
    await processed('order.paid');
    await api
      .http()
      .post(`/api/v1/seller/stores/${storeId}/orders/${orderId}/refunds`)
      .set(trainee)
      .send({ amountFen: 1000, reason: '坏了', offlineReference: 'ICBC-RF-9' })
      .expect(201);
    await processed('order.refunded');
    const refunded = async () =>
      Number(
        (await ds.query(`SELECT refunded_fen FROM trainee_sales WHERE order_id = $1`, [orderId]))[0]?.refunded_fen,
      );
    expect(await refunded()).toBe(1000);

    const eventOf = async (type: string) =>
      (
        await ds.query(
          `SELECT id, type, payload, created_at AS "occurredAt" FROM outbox_events WHERE type = $1 AND payload->>'orderId' = $2`,
          [type, orderId],
        )
      )[0] as OutboxEnvelope;
    const paid = (await eventOf('order.paid')) as OutboxEnvelope<'order.paid'>;
    const refundEvent = (await eventOf('order.refunded')) as OutboxEnvelope<'order.refunded'>;
    const listener = market.worker.module.get(AssignmentEventsListener);

    // Replay: order.paid handled again (a retried job) while the refund commits and its own
    // event is handled by another worker, whose transaction must wait for the first.
    await ds.query(`DELETE FROM trainee_sales WHERE order_id = $1`, [orderId]);
    await ds.query(`UPDATE refunds SET status = 'pending' WHERE reference_id = $1`, [orderId]);
    let second: Promise<void> | undefined;
    await ds.transaction(async (em) => {
      await listener.orderPaid(paid, em); // sees no succeeded refund yet
      await ds.query(`UPDATE refunds SET status = 'succeeded' WHERE reference_id = $1`, [orderId]);
      second = ds.transaction((em2) => listener.orderRefunded(refundEvent, em2));
      await new Promise((r) => setTimeout(r, 300)); // the second handler is waiting meanwhile
    });
    await second;
    expect(await refunded()).toBe(1000);
  });
});
