import { randomUUID } from 'node:crypto';
import { OrderTimersProcessor } from '../../src/modules/orders/order-timers.processor';
import { StripeJobsProcessor } from '../../src/modules/payments/stripe/stripe-jobs.processor';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { BAOJING } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  Auth,
  bearer,
  BUYER_ADDRESS as address,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  openStore,
  startMarketplace,
  stripePaymentSucceeded,
} from '../utils/marketplace';
import { TestApi } from '../utils/test-api';
import { TestWorker } from '../utils/test-worker';

interface PlacedOrder {
  id: string;
  sellerId: string;
  totalFen: number;
}

/**
 * Every fen a payment brings is an order's payment or a refund (issue 10 items 1 and 2):
 * group payments with a share that no longer needs paying, and refunds racing on one order.
 */
describe('money that adds up', () => {
  let market: MarketplaceWithWorker;
  let api: TestApi;
  let worker: TestWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let admin: Auth;
  let mangoStore: string;
  let teaStore: string;
  let mangoSeller: Auth;
  let mango: string;
  let tea: string;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace({
      ...fakeStripeEnvironment(stripe),
      COMMISSION_RATE_BPS: '500',
      PAYABLE_HOLD_DAYS: '0',
    });
    ({ api, worker, admin } = market);
    let teaSeller: Auth;
    ({ seller: mangoSeller, store: mangoStore } = await openStore(market));
    ({ seller: teaSeller, store: teaStore } = await openStore(market, { originCountyCode: BAOJING }));
    [mango] = await publishProduct(api, mangoSeller, admin, mangoStore, mangoProduct());
    [tea] = await publishProduct(api, teaSeller, admin, teaStore, mangoProduct({ title: '保靖 芒果' }));
  });

  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  /** A two-store cart: one order per store, one payment for the group. */
  async function buyFromBoth(paymentMethod: 'bank_transfer' | 'stripe') {
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const res = await api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', randomUUID())
      .send({
        items: [
          { variantId: mango, quantity: 1 },
          { variantId: tea, quantity: 2 },
        ],
        shippingAddress: address,
        paymentMethod,
      })
      .expect(201);
    const orders = res.body.orders as PlacedOrder[];
    const payment = res.body.payments[0] as { id: string; amountFen: number; clientSecret: string | null };
    return {
      buyer,
      payment,
      mangoOrder: orders.find((o) => o.sellerId === mangoStore)!,
      teaOrder: orders.find((o) => o.sellerId === teaStore)!,
    };
  }

  const order = async (buyer: Auth, orderId: string) =>
    (await api.http().get(`/api/v1/orders/${orderId}`).set(buyer).expect(200)).body as {
      status: string;
      cancelReason: string | null;
    };

  const journalTotal = async (account: string, journalLike: string) => {
    const [{ total }] = await worker.dataSource.query(
      `SELECT coalesce(sum(amount_fen), 0)::int AS total FROM ledger_entries WHERE account = $1 AND journal_key LIKE $2`,
      [account, journalLike],
    );
    return total as number;
  };
  const balance = async (account: string) => journalTotal(account, '%');
  const trialBalance = async () =>
    (await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200)).body.totalFen as number;
  /** Cash a payment brought in: the journals posted when it succeeded, for each of its orders. */
  const cashReceivedFor = async (orderIds: string[]) => {
    let total = 0;
    for (const id of orderIds) {
      total += await journalTotal('platform:cash', `order-paid:${id}`);
      total += await journalTotal('platform:cash', `order-owed-back:%:${id}`);
    }
    return total;
  };
  const refundsOf = async (orderId: string) =>
    (await worker.dataSource.query(
      `SELECT id, amount_fen::int AS "amountFen", status, reason, payment_id AS "paymentId" FROM refunds WHERE reference_id = $1`,
      [orderId],
    )) as Array<{ id: string; amountFen: number; status: string; reason: string; paymentId: string }>;

  const stripeWebhook = (intentId: string) => stripePaymentSucceeded(api, stripe, intentId);

  it('refunds the share of a cancelled order when a bank transfer for the whole group arrives', async () => {
    const { buyer, payment, mangoOrder, teaOrder } = await buyFromBoth('bank_transfer');
    expect(payment.amountFen).toBe(mangoOrder.totalFen + teaOrder.totalFen);
    await api.http().post(`/api/v1/orders/${teaOrder.id}/cancel`).set(buyer).expect(201);

    // The buyer had already sent the whole amount; finance confirms it.
    await api
      .http()
      .post(`/api/v1/finance/payments/${payment.id}/confirm-transfer`)
      .set(admin)
      .send({ bankReference: 'ICBC-20261201-7' })
      .expect(201);
    await eventually(async () => (await refundsOf(teaOrder.id)).length === 1, { what: 'the cancelled share refund' });
    expect((await order(buyer, mangoOrder.id)).status).toBe('paid');
    expect((await order(buyer, teaOrder.id)).status).toBe('cancelled');
    const [owed] = await refundsOf(teaOrder.id);
    expect(owed).toMatchObject({
      amountFen: teaOrder.totalFen,
      status: 'pending',
      reason: 'CANCELLED_BEFORE_PAYMENT',
      paymentId: payment.id,
    });
    expect(await refundsOf(mangoOrder.id)).toEqual([]);
    expect(await cashReceivedFor([mangoOrder.id, teaOrder.id])).toBe(payment.amountFen);
    expect(await trialBalance()).toBe(0);
    const dueBefore = await balance('platform:refunds-due');
    expect(await journalTotal('platform:refunds-due', `order-owed-back:${payment.id}:${teaOrder.id}`)).toBe(
      -teaOrder.totalFen,
    );

    // Finance finds it waiting and gives the money back.
    const waiting = await api
      .http()
      .get('/api/v1/finance/refunds?status=pending&provider=offline')
      .set(admin)
      .expect(200);
    expect(waiting.body.items.map((r: { id: string }) => r.id)).toContain(owed.id);
    await api
      .http()
      .post(`/api/v1/finance/refunds/${owed.id}/mark-paid`)
      .set(admin)
      .send({ reference: 'ICBC-BACK-0042' })
      .expect(201);
    await eventually(async () => (await balance('platform:refunds-due')) === dueBefore + teaOrder.totalFen, {
      what: 'the refund to leave platform:refunds-due',
    });
    expect(await journalTotal('platform:cash', `refund:${owed.id}`)).toBe(-teaOrder.totalFen);
    expect(await trialBalance()).toBe(0);
    const detail = await api.http().get(`/api/v1/finance/refunds/${owed.id}`).set(admin).expect(200);
    expect(detail.body).toMatchObject({ status: 'succeeded', externalReference: 'ICBC-BACK-0042' });
    expect(detail.body.history).toEqual([
      expect.objectContaining({ from: null, to: 'pending', actorId: null }),
      expect.objectContaining({ from: 'pending', to: 'succeeded', actorId: expect.any(String) }),
    ]);
  });

  it('refunds the share of an order that expired and could not take its units again', async () => {
    const { buyer, payment, mangoOrder, teaOrder } = await buyFromBoth('bank_transfer');
    await worker.dataSource.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      teaOrder.id,
    ]);
    await worker.module.get(OrderTimersProcessor).expireOverdue();
    expect((await order(buyer, teaOrder.id)).status).toBe('expired');
    const [{ stock }] = await worker.dataSource.query(`SELECT stock FROM product_variants WHERE id = $1`, [tea]);
    await worker.dataSource.query(`UPDATE product_variants SET stock = 0 WHERE id = $1`, [tea]);
    try {
      await api
        .http()
        .post(`/api/v1/finance/payments/${payment.id}/confirm-transfer`)
        .set(admin)
        .send({ bankReference: 'ICBC-20261201-8' })
        .expect(201);
      await eventually(async () => (await refundsOf(teaOrder.id)).length === 1, { what: 'the expired share refund' });
    } finally {
      await worker.dataSource.query(`UPDATE product_variants SET stock = $2 WHERE id = $1`, [tea, stock]);
    }
    expect((await order(buyer, mangoOrder.id)).status).toBe('paid');
    expect(await order(buyer, teaOrder.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'PAID_AFTER_EXPIRY_OUT_OF_STOCK',
    });
    expect(await refundsOf(teaOrder.id)).toEqual([
      expect.objectContaining({ amountFen: teaOrder.totalFen, status: 'pending', paymentId: payment.id }),
    ]);
    expect(await cashReceivedFor([mangoOrder.id, teaOrder.id])).toBe(payment.amountFen);
    // The store whose order was cancelled is owed nothing for it.
    expect(await journalTotal(`seller:${teaStore}:held`, `order-paid:${teaOrder.id}`)).toBe(0);
    expect(await trialBalance()).toBe(0);
  });

  it('refunds the share of a cancelled order through Stripe, once, when the Stripe payment succeeds', async () => {
    const { buyer, payment, mangoOrder, teaOrder } = await buyFromBoth('stripe');
    const intentId = payment.clientSecret!.split('_secret_')[0];
    await api.http().post(`/api/v1/orders/${mangoOrder.id}/cancel`).set(buyer).expect(201);

    await stripeWebhook(intentId);
    await eventually(async () => (await order(buyer, teaOrder.id)).status === 'paid', { what: 'the order to be paid' });
    await eventually(async () => (await refundsOf(mangoOrder.id)).length === 1, { what: 'the cancelled share refund' });
    await stripeWebhook(intentId); // delivered twice: nothing more is owed back
    expect(await cashReceivedFor([mangoOrder.id, teaOrder.id])).toBe(payment.amountFen);

    // The refund sender sends it after the worker's transaction committed; sending again sends nothing.
    const sender = worker.module.get(StripeJobsProcessor);
    const before = stripe.refunds.length;
    expect(await sender.process({ name: 'payments.send-refunds' } as never)).toBe(1);
    expect(await sender.process({ name: 'payments.send-refunds' } as never)).toBe(0);
    const [owed] = await refundsOf(mangoOrder.id);
    expect(stripe.refunds.slice(before)).toEqual([
      expect.objectContaining({
        payment_intent: intentId,
        amount: mangoOrder.totalFen,
        metadata: { refundId: owed.id },
      }),
    ]);
    expect(stripe.requests.filter((r) => r.path === '/v1/refunds').at(-1)?.idempotencyKey).toBe(
      `furrow-refund-${owed.id}`,
    );
    await eventually(async () => (await journalTotal('platform:cash', `refund:${owed.id}`)) === -mangoOrder.totalFen, {
      what: 'the refund to reach the ledger',
    });
    expect(await refundsOf(mangoOrder.id)).toEqual([
      expect.objectContaining({ amountFen: mangoOrder.totalFen, status: 'succeeded' }),
    ]);
    // Owed back when the payment came, and no longer owed once the refund went out.
    expect(
      (await journalTotal('platform:refunds-due', `order-owed-back:%:${mangoOrder.id}`)) +
        (await journalTotal('platform:refunds-due', `refund:${owed.id}`)),
    ).toBe(0);
    expect(await journalTotal(`seller:${mangoStore}:held`, `order-paid:${mangoOrder.id}`)).toBe(0);
    expect(await trialBalance()).toBe(0);
  });

  it('gives one refund and nine 409s to ten parallel full refunds of one order in a group', async () => {
    const { buyer, payment, mangoOrder, teaOrder } = await buyFromBoth('stripe');
    await stripeWebhook(payment.clientSecret!.split('_secret_')[0]);
    await eventually(
      async () =>
        (await order(buyer, mangoOrder.id)).status === 'paid' && (await order(buyer, teaOrder.id)).status === 'paid',
      { what: 'both orders to be paid' },
    );
    const before = stripe.refunds.length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.http().post(`/api/v1/admin/orders/${mangoOrder.id}/refunds`).set(admin).send({ reason: '整单退款' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.code).toBe('ORDER_ALREADY_REFUNDED');
    }
    expect(answers.find((a) => a.status === 201)!.body.amountFen).toBe(mangoOrder.totalFen);
    expect(stripe.refunds.slice(before)).toEqual([expect.objectContaining({ amount: mangoOrder.totalFen })]);
    expect(await refundsOf(mangoOrder.id)).toHaveLength(1);
    // The other order of the group can still be refunded in full: the payment holds its share.
    const other = await api
      .http()
      .post(`/api/v1/admin/orders/${teaOrder.id}/refunds`)
      .set(admin)
      .send({ reason: 'x' })
      .expect(201);
    const refundIds = [answers.find((a) => a.status === 201)!.body.id as string, other.body.id as string];
    await eventually(
      async () => {
        let out = 0;
        for (const id of refundIds) out += await journalTotal('platform:cash', `refund:${id}`);
        return out === -payment.amountFen;
      },
      { what: 'both refunds to reach the ledger' },
    );
    expect(await trialBalance()).toBe(0);
    // Nothing is left to give back from the payment.
    await api.http().post(`/api/v1/admin/orders/${teaOrder.id}/refunds`).set(admin).send({ reason: 'y' }).expect(409);
  });

  it("returns a payout Stripe refuses to the store's available balance, and pays it by the next run", async () => {
    const account = 'acct_1FurrowRefused';
    await api
      .http()
      .put(`/api/v1/admin/sellers/${mangoStore}/stripe-account`)
      .set(admin)
      .send({ accountId: account })
      .expect(200);
    const buyer = bearer((await loginUser(api, await registerUser(api))).accessToken);
    const res = await api
      .http()
      .post('/api/v1/checkout')
      .set(buyer)
      .set('idempotency-key', randomUUID())
      .send({ items: [{ variantId: mango, quantity: 1 }], shippingAddress: address, paymentMethod: 'stripe' })
      .expect(201);
    const orderId = res.body.orders[0].id as string;
    await stripeWebhook((res.body.payments[0].clientSecret as string).split('_secret_')[0]);
    await eventually(async () => (await order(buyer, orderId)).status === 'paid', { what: 'the order to be paid' });
    await api
      .http()
      .post(`/api/v1/seller/stores/${mangoStore}/orders/${orderId}/ship`)
      .set(mangoSeller)
      .send({ carrier: 'sf', trackingNumber: 'SF1234567890123' })
      .expect(201);
    await api.http().post(`/api/v1/orders/${orderId}/confirm-receipt`).set(buyer).expect(201);
    await worker.module.get(OrderTimersProcessor).releasePayables();
    const owed = -(await balance(`seller:${mangoStore}:available`));
    expect(owed).toBeGreaterThan(0);

    stripe.refuseTransfersTo(account, true);
    try {
      const refused = await api.http().post('/api/v1/finance/payouts/run').set(admin).expect(201);
      const failed = refused.body.items.find((p: { sellerId: string }) => p.sellerId === mangoStore);
      expect(failed).toMatchObject({ status: 'failed', amountFen: owed, paidAt: null });
      expect(-(await balance(`seller:${mangoStore}:available`))).toBe(owed);
      expect(await balance('platform:payouts-pending')).toBe(0);
      const detail = await api.http().get(`/api/v1/finance/payouts/${failed.id}`).set(admin).expect(200);
      expect(detail.body).toMatchObject({ method: 'stripe_connect', status: 'failed' });
      expect(detail.body.history).toEqual([
        expect.objectContaining({ from: null, to: 'pending', reason: null }),
        expect.objectContaining({ from: 'pending', to: 'failed', reason: 'account_invalid' }),
      ]);
      const manual = await api
        .http()
        .post(`/api/v1/finance/payouts/${failed.id}/mark-paid`)
        .set(admin)
        .send({ bankReference: 'X-0002' });
      expect(manual.status).toBe(409);
    } finally {
      stripe.refuseTransfersTo(account, false);
    }

    const next = await api.http().post('/api/v1/finance/payouts/run').set(admin).expect(201);
    const paid = next.body.items.find((p: { sellerId: string }) => p.sellerId === mangoStore);
    expect(paid).toMatchObject({ status: 'paid', amountFen: owed, bankReference: expect.stringMatching(/^tr_/) });
    expect(stripe.transfers.filter((t) => t.destination === account)).toHaveLength(1);
    expect(await balance(`seller:${mangoStore}:available`)).toBe(0);
    expect(await trialBalance()).toBe(0);
  });
});
