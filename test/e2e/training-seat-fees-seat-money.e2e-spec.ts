import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { StripeJobsProcessor } from '../../src/modules/payments/stripe/stripe-jobs.processor';
import { CohortTimers } from '../../src/modules/training/cohort-timers.service';
import { newFeeCollectingTrainer, openPaidCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { Trainee, trainees } from '../factories/trainee.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  confirmBankTransfer,
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

describe('seat fee money review', () => {
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

  async function payByStripe(t: Trainee, enrollmentId: string) {
    const res = await market.api
      .http()
      .post(`/api/v1/enrollments/${enrollmentId}/payment`)
      .set(t.auth)
      .send({ paymentMethod: 'stripe' })
      .expect(201);
    const secret: string = res.body.payments[0].clientSecret;
    const intentId = secret.split('_secret_')[0];
    await stripePaymentSucceeded(market.api, stripe, intentId);
    await eventually(async () => (await status(enrollmentId)) === 'enrolled', { what: 'the seat paid' });
    return intentId;
  }

  it('a Stripe seat refund that fails is not left held for the store once the cohort finishes', async () => {
    const { api, admin } = market;
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 9900, { capacity: 2 });
    const [t] = await trainees(market, 1);
    const held = await enrol(api, cohort.id, t.auth);
    const intentId = await payByStripe(t, held.id);
    stripe.refuseRefundsOf(intentId, true);
    await api.http().post(`/api/v1/enrollments/${held.id}/withdraw`).set(trainer.auth).send({}).expect(201);
    await market.worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never);
    const [refund] = await ds.query(`SELECT id, status FROM refunds WHERE reference_id = $1`, [held.id]);
    expect(refund.status).toBe('failed');
    // A Stripe refund is not settled by hand; finance sends it again instead.
    const mark = await api
      .http()
      .post(`/api/v1/finance/refunds/${refund.id}/mark-paid`)
      .set(admin)
      .send({ reference: 'ICBC-123456' });
    expect(mark.status).toBe(409);
    await api.http().post(`/api/v1/cohorts/${cohort.id}/start`).set(trainer.auth).expect(201);
    await api.http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(trainer.auth).expect(201);
    await drained(market.worker);
    // Nothing is left held for the store: the failed refund gave nothing back, so the fee was released.
    expect(await balance(`seller:${trainer.feeSellerId}:held`)).toBe(0);
    expect(await balance(`seller:${trainer.feeSellerId}:available`)).toBe(-9900);

    // Only finance sends it again, once Stripe takes it; it comes out of what was released.
    const retry = `/api/v1/finance/enrollments/${held.id}/seat-refund`;
    await api.http().post(retry).set(trainer.auth).expect(403);
    stripe.refuseRefundsOf(intentId, false);
    const again = await api.http().post(retry).set(admin).expect(201);
    expect(again.body).toMatchObject({ amountFen: 9900, status: 'pending', reason: 'SEAT_REFUND_RETRIED' });
    expect((await api.http().post(retry).set(admin).expect(409)).body.code).toBe('SEAT_REFUND_NOT_DUE');
    await market.worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never);
    await drained(market.worker);
    const [sent] = await ds.query(`SELECT status FROM refunds WHERE id = $1`, [again.body.id]);
    expect(sent.status).toBe('succeeded');
    expect(await balance(`seller:${trainer.feeSellerId}:available`)).toBe(0);
    expect(await balance('platform:cash')).toBe(0);
    const trial = await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200);
    expect(trial.body.totalFen).toBe(0);
  });

  it('once the hold ran out, the payment answer invites no more money (no Stripe secret, no bank details)', async () => {
    const { api } = market;
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 5000, { capacity: 1 });
    const [t] = await trainees(market, 1);
    const held = await enrol(api, cohort.id, t.auth);
    await api
      .http()
      .post(`/api/v1/enrollments/${held.id}/payment`)
      .set(t.auth)
      .send({ paymentMethod: 'bank_transfer' })
      .expect(201);
    await api
      .http()
      .post(`/api/v1/enrollments/${held.id}/payment`)
      .set(t.auth)
      .send({ paymentMethod: 'stripe' })
      .expect(201);
    await ds.query(`UPDATE enrollments SET seat_held_until = now() - interval '1 second' WHERE id = $1`, [held.id]);
    expect(await market.worker.module.get(CohortTimers).releaseExpiredHolds()).toBe(1);
    const page = await api.http().get(`/api/v1/enrollments/${held.id}/payment`).set(t.auth).expect(200);

    expect(page.body.enrollment.status).toBe('withdrawn');
    // Correct: nothing invites the trainee to pay for a seat they no longer hold.
    expect(page.body.bankTransfer).toBeNull();
    expect(page.body.payments.every((p: { clientSecret: string | null }) => p.clientSecret === null)).toBe(true);
  });

  it('a trainer starting the cohort early does not take away the refund of a trainee leaving before the start date', async () => {
    const { api } = market;
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 9900, { capacity: 2 });
    const [t] = await trainees(market, 1);
    const held = await enrol(api, cohort.id, t.auth);
    const paid = await api
      .http()
      .post(`/api/v1/enrollments/${held.id}/payment`)
      .set(t.auth)
      .send({ paymentMethod: 'bank_transfer' })
      .expect(201);
    await confirmBankTransfer(market, paid.body.bankTransfer.reference, `ICBC-${randomUUID().slice(0, 8)}`);
    await eventually(async () => (await status(held.id)) === 'enrolled', { what: 'the seat paid' });
    // Eight days before startsAt, the trainer starts it.
    await api.http().post(`/api/v1/cohorts/${cohort.id}/start`).set(trainer.auth).expect(201);
    await api.http().post(`/api/v1/enrollments/${held.id}/withdraw`).set(t.auth).send({}).expect(201);
    const refunds = await ds.query(`SELECT amount_fen FROM refunds WHERE reference_id = $1`, [held.id]);

    expect(refunds.length).toBe(1);
  });
});
