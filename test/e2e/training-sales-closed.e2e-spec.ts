import { AssignmentEventsListener } from '../../src/modules/training/assignment-events.listener';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import {
  confirmBankTransfer,
  MarketplaceWithWorker,
  openStore,
  placeOrder,
  startMarketplace,
} from '../utils/marketplace';

/** A paid order that is cancelled or comes back is no sale, whatever its refund is still doing. */
describe('a trainee’s sales after a paid order is cancelled', () => {
  let market: MarketplaceWithWorker;
  afterAll(async () => market?.close());

  it('takes a paid order cancelled for a missed deadline out of the GMV while its refund still waits for finance', async () => {
    market = await startMarketplace({ SHIPPING_DEADLINE_GRACE_HOURS: '1' });
    const { api, admin, worker } = market;
    const trainer = (await newTrainer(market)).auth;
    const cohortId = (await openCohort(market, trainer)).id;
    const { seller, store } = await openStore(market);
    const enrollmentId = (await enrol(api, cohortId, seller)).id;
    const [variant] = await publishProduct(api, seller, admin, store, mangoProduct());
    const buyer = await market.newBuyer();
    const placed = await placeOrder(api, buyer, [{ variantId: variant, quantity: 1 }], 'bank_transfer');
    const orderId = placed.body.orders[0].id as string;
    const goodsFen = placed.body.orders[0].goodsFen as number;
    await confirmBankTransfer(market, placed.body.bankTransfer.reference, 'ICBC-R3-0001');
    const line = async () =>
      (await api.http().get(`/api/v1/cohorts/${cohortId}/progress`).set(trainer).expect(200)).body.trainees.find(
        (t: { enrollmentId: string }) => t.enrollmentId === enrollmentId,
      );
    await eventually(async () => (await line()).gmvFen === goodsFen, { what: 'the sale' });
    await drained(worker);
    await worker.dataSource.query(
      `UPDATE orders SET paid_at = now() - interval '50 hours', ship_by = now() - interval '2 hours' WHERE id = $1`,
      [orderId],
    );
    await worker.module.get(OrderTimersProcessor).enforceShippingDeadlines();
    const [order] = await worker.dataSource.query(`SELECT status, cancel_reason FROM orders WHERE id = $1`, [orderId]);
    expect(order).toEqual({ status: 'cancelled', cancel_reason: 'SHIPPING_DEADLINE_MISSED' });
    const refunds = await worker.dataSource.query(`SELECT status FROM refunds WHERE reference_id = $1`, [orderId]);
    expect(refunds).toEqual([{ status: 'pending' }]);
    await drained(worker);
    // Nothing was sold and nothing shipped: no GMV and no first sale, though the refund is pending.
    const after = await line();
    expect(after.gmvFen).toBe(0);
    expect(after.firstSaleAt).toBeNull();

    // The payment's event handled again afterwards (a retry, or out of order) does not reopen it.
    const [paid] = await worker.dataSource.query(
      `SELECT id, type, payload, created_at AS "occurredAt" FROM outbox_events WHERE type = 'order.paid' AND payload->>'orderId' = $1`,
      [orderId],
    );
    await worker.dataSource.transaction((em) => worker.module.get(AssignmentEventsListener).orderPaid(paid, em));
    expect((await line()).gmvFen).toBe(0);
  });
});
