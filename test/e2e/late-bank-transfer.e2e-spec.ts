import { randomUUID } from 'node:crypto';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { eventually } from '../utils/eventually';
import {
  Auth,
  confirmBankTransfer,
  MarketplaceWithWorker,
  openStore,
  placeOrder,
  startMarketplace,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';

/**
 * Money can reach the bank whatever we think of the order: a transfer that arrives after its
 * orders expired or were cancelled is still confirmed by finance, and is then either an order's
 * payment again or refunded in full.
 */
describe('a bank transfer that arrives after its orders closed', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let worker: TestWorker;
  let admin: Auth;
  let mango: string;

  beforeAll(async () => {
    market = await startMarketplace();
    ({ api, worker, admin } = market);
    const { seller: owner, store: storeId } = await openStore(market, { shippingPolicy: { baseFeeFen: 800 } });
    [mango] = await publishProduct(api, owner, admin, storeId, mangoProduct());
  });

  afterAll(async () => {
    await market?.close();
  });

  const stockOf = async () =>
    (await worker.dataSource.query('SELECT stock FROM product_variants WHERE id = $1', [mango]))[0].stock as number;
  const setStock = (stock: number) =>
    worker.dataSource.query('UPDATE product_variants SET stock = $2 WHERE id = $1', [mango, stock]);
  const orderOf = async (buyer: Auth, orderId: string) =>
    (await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200)).body;
  const trialBalance = async () =>
    (await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200)).body.totalFen as number;
  const cashOf = async (orderId: string) => {
    const [{ total }] = await worker.dataSource.query(
      `SELECT coalesce(sum(amount_fen), 0)::int AS total FROM ledger_entries
        WHERE account = 'platform:cash' AND (journal_key = $1 OR journal_key LIKE $2)`,
      [`order-paid:${orderId}`, `order-owed-back:%:${orderId}`],
    );
    return total as number;
  };
  const pendingRefundsOf = async (orderId: string) =>
    (
      await api.http().get('/api/v1/finance/refunds').query({ status: 'pending' }).set(admin).expect(200)
    ).body.items.filter((r: { referenceId: string }) => r.referenceId === orderId);

  /** A buyer checks out 2 mangoes by bank transfer; the order's reservation lapses. */
  async function transferOrder() {
    const buyer = await market.newBuyer();
    const placed = await placeOrder(api, buyer, [{ variantId: mango, quantity: 2 }], 'bank_transfer');
    const order = placed.body.orders[0] as { id: string; totalFen: number };
    const transfer = placed.body.bankTransfer as { reference: string; amountFen: number };
    return { buyer, order, transfer, paymentId: placed.body.payments[0].id as string };
  }
  async function expire(orderId: string) {
    await worker.dataSource.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      orderId,
    ]);
    expect(await worker.module.get(OrderTimersProcessor).expireOverdue()).toBe(1);
  }
  const confirmLate = (reference: string) =>
    confirmBankTransfer(market, reference, `ICBC-LATE-${randomUUID().slice(0, 8)}`);
  async function paymentHistory(paymentId: string) {
    const payment = await api.http().get(`/api/v1/finance/payments/${paymentId}`).set(admin).expect(200);
    return payment.body.history.map((h: { to: string }) => h.to) as string[];
  }

  it('pays an expired order again when the transfer comes late and the units are still there', async () => {
    const { buyer, order, transfer, paymentId } = await transferOrder();
    const stockBefore = await stockOf();
    await expire(order.id);
    expect(await stockOf()).toBe(stockBefore + 2);
    // Still waiting for the money: the transfer can arrive at any time.
    expect((await orderOf(buyer, order.id)).payments).toEqual([
      expect.objectContaining({ status: 'requires_payment', transferReference: transfer.reference }),
    ]);

    const confirmed = await confirmLate(transfer.reference);
    expect(confirmed.body).toMatchObject({ id: paymentId, status: 'succeeded', amountFen: order.totalFen });
    await eventually(async () => (await orderOf(buyer, order.id)).status === 'paid', { what: 'the order paid again' });
    expect(await stockOf()).toBe(stockBefore);
    expect(await paymentHistory(paymentId)).toEqual(['requires_payment', 'succeeded']);
    expect(await pendingRefundsOf(order.id)).toEqual([]);
    expect(await cashOf(order.id)).toBe(transfer.amountFen);
    expect(await trialBalance()).toBe(0);
  });

  it('refunds the whole transfer when the units of the expired order are gone', async () => {
    const { buyer, order, transfer, paymentId } = await transferOrder();
    await expire(order.id);
    const stock = await stockOf();
    await setStock(0);
    try {
      await confirmLate(transfer.reference);
      await eventually(async () => (await pendingRefundsOf(order.id)).length === 1, { what: 'the refund' });
    } finally {
      await setStock(stock);
    }
    expect(await orderOf(buyer, order.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'PAID_AFTER_EXPIRY_OUT_OF_STOCK',
      paidAt: null,
    });
    expect(await pendingRefundsOf(order.id)).toEqual([
      expect.objectContaining({ amountFen: transfer.amountFen, paymentMethod: 'bank_transfer' }),
    ]);
    expect(await paymentHistory(paymentId)).toEqual(['requires_payment', 'succeeded']);
    expect(await cashOf(order.id)).toBe(transfer.amountFen);
    expect(await trialBalance()).toBe(0);
  });

  it('refunds the whole transfer when the buyer had cancelled the order', async () => {
    const { buyer, order, transfer, paymentId } = await transferOrder();
    await api.http().post(`/api/v1/orders/${order.id}/cancel`).set(buyer).expect(201);
    await confirmLate(transfer.reference);
    await eventually(async () => (await pendingRefundsOf(order.id)).length === 1, { what: 'the refund' });
    expect(await orderOf(buyer, order.id)).toMatchObject({ status: 'cancelled', cancelReason: 'BUYER_CANCELLED' });
    expect(await pendingRefundsOf(order.id)).toEqual([
      expect.objectContaining({ amountFen: transfer.amountFen, reason: 'CANCELLED_BEFORE_PAYMENT' }),
    ]);
    expect(await paymentHistory(paymentId)).toEqual(['requires_payment', 'succeeded']);
    expect(await cashOf(order.id)).toBe(transfer.amountFen);
    expect(await trialBalance()).toBe(0);
  });
});
