import { DataSource } from 'typeorm';
import { StripeJobsProcessor } from '../../src/modules/payments/stripe/stripe-jobs.processor';
import { newFeeCollectingTrainer, openPaidCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { trainees } from '../factories/trainee.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  startMarketplace,
  stripePaymentSucceeded,
} from '../utils/marketplace';

const BANK = {
  BANK_TRANSFER_ACCOUNT_NAME: '广西富禾科技有限公司',
  BANK_TRANSFER_BANK_NAME: '中国工商银行南宁分行',
  BANK_TRANSFER_ACCOUNT_NUMBER: '6222020000000000000',
};

describe('seat refunds that fail, sent again; a transfer chosen again', () => {
  let market: MarketplaceWithWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let ds: DataSource;
  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace({ ...fakeStripeEnvironment(stripe), ...BANK });
    ds = market.api.app.get(DataSource);
  });
  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });
  const balance = async (account: string) =>
    Number(
      (
        await ds.query(`SELECT coalesce(sum(amount_fen),0)::bigint AS b FROM ledger_entries WHERE account = $1`, [
          account,
        ])
      )[0].b,
    );
  const status = async (id: string) => (await ds.query(`SELECT status FROM enrollments WHERE id = $1`, [id]))[0].status;

  it('a refund pending at the finish that then fails and is sent again leaves nothing in held and takes nothing from available', async () => {
    const { api, admin } = market;
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 9900, { capacity: 2 });
    const [t] = await trainees(market, 1);
    const held = await enrol(api, cohort.id, t.auth);
    const res = await api
      .http()
      .post(`/api/v1/enrollments/${held.id}/payment`)
      .set(t.auth)
      .send({ paymentMethod: 'stripe' })
      .expect(201);
    const intentId = res.body.payments[0].clientSecret.split('_secret_')[0];
    await stripePaymentSucceeded(api, stripe, intentId);
    await eventually(async () => (await status(held.id)) === 'enrolled', { what: 'paid' });
    stripe.refuseRefundsOf(intentId, true);
    await api.http().post(`/api/v1/enrollments/${held.id}/withdraw`).set(trainer.auth).send({}).expect(201);
    const [r0] = await ds.query(`SELECT status FROM refunds WHERE reference_id = $1`, [held.id]);
    expect(r0.status).toBe('pending'); // still pending when the cohort finishes
    await api.http().post(`/api/v1/cohorts/${cohort.id}/start`).set(trainer.auth).expect(201);
    await api.http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(trainer.auth).expect(201);
    await drained(market.worker);
    await market.worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never);
    const [r1] = await ds.query(`SELECT status FROM refunds WHERE reference_id = $1`, [held.id]);
    expect(r1.status).toBe('failed');
    stripe.refuseRefundsOf(intentId, false);
    await api.http().post(`/api/v1/finance/enrollments/${held.id}/seat-refund`).set(admin).expect(201);
    await market.worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never);
    await drained(market.worker);
    const h = await balance(`seller:${trainer.feeSellerId}:held`);
    const a = await balance(`seller:${trainer.feeSellerId}:available`);
    expect({ h, a }).toEqual({ h: 0, a: 0 });
    expect(await balance('platform:cash')).toBe(0);
  });

  it('sends again money owed back whose refund failed, out of refunds-due', async () => {
    const { api, admin } = market;
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 5000, { capacity: 2 });
    const [t] = await trainees(market, 1);
    const held = await enrol(api, cohort.id, t.auth);
    const res = await api
      .http()
      .post(`/api/v1/enrollments/${held.id}/payment`)
      .set(t.auth)
      .send({ paymentMethod: 'stripe' })
      .expect(201);
    const intentId = res.body.payments[0].clientSecret.split('_secret_')[0];
    // The trainee gives the seat up, then the card payment succeeds anyway: owed back, and Stripe refuses the refund.
    await api.http().post(`/api/v1/enrollments/${held.id}/withdraw`).set(t.auth).send({}).expect(201);
    stripe.refuseRefundsOf(intentId, true);
    await stripePaymentSucceeded(api, stripe, intentId);
    await eventually(
      async () => (await ds.query(`SELECT 1 FROM refunds WHERE reference_id = $1`, [held.id])).length === 1,
      { what: 'the money owed back' },
    );
    await market.worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never);
    const [failed] = await ds.query(`SELECT status FROM refunds WHERE reference_id = $1`, [held.id]);
    expect(failed.status).toBe('failed');
    expect(await balance('platform:refunds-due')).toBe(-5000);

    stripe.refuseRefundsOf(intentId, false);
    const again = await api.http().post(`/api/v1/finance/enrollments/${held.id}/seat-refund`).set(admin).expect(201);
    expect(again.body).toMatchObject({ amountFen: 5000, status: 'pending', reason: 'SEAT_REFUND_RETRIED' });
    const twice = await api.http().post(`/api/v1/finance/enrollments/${held.id}/seat-refund`).set(admin).expect(409);
    expect(twice.body.code).toBe('SEAT_REFUND_NOT_DUE');
    await market.worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never);
    await drained(market.worker);
    expect(await balance('platform:refunds-due')).toBe(0);
    expect(await balance('platform:cash')).toBe(0);
    expect(await balance(`seller:${trainer.feeSellerId}:held`)).toBe(0);
  });

  it('holds a seat longer for a transfer once, when it is first asked for, not on every tap', async () => {
    const { api } = market;
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 5000, { capacity: 2 });
    const [t] = await trainees(market, 1);
    const held = await enrol(api, cohort.id, t.auth);
    const pay = () =>
      api.http().post(`/api/v1/enrollments/${held.id}/payment`).set(t.auth).send({ paymentMethod: 'bank_transfer' });
    const first = (await pay().expect(201)).body.enrollment.seatHeldUntil as string;
    expect(new Date(first).getTime()).toBeGreaterThan(new Date(held.seatHeldUntil!).getTime());
    // Later, the hold shortened in the database as if time had passed: tapping again does not push it out.
    await ds.query(`UPDATE enrollments SET seat_held_until = now() + interval '1 hour' WHERE id = $1`, [held.id]);
    const again = (await pay().expect(201)).body.enrollment.seatHeldUntil as string;
    expect(new Date(again).getTime()).toBeLessThan(new Date(first).getTime());
    expect(new Date(again).getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1_000);
  });
});
