import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CohortTimers } from '../../src/modules/training/cohort-timers.service';
import { newFeeCollectingTrainer, openPaidCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { trainees } from '../factories/trainee.factory';
import { drained } from '../utils/drained';
import { confirmBankTransfer, Marketplace, startMarketplace } from '../utils/marketplace';
import { startTestWorker, TestWorker } from '../utils/test-worker';

const BANK = {
  BANK_TRANSFER_ACCOUNT_NAME: '广西富禾科技有限公司',
  BANK_TRANSFER_BANK_NAME: '中国工商银行南宁分行',
  BANK_TRANSFER_ACCOUNT_NUMBER: '6222020000000000000',
};

/** The worker is started late: the payment has succeeded (committed), its event not yet handled. */
describe('seat hold vs a payment that already succeeded', () => {
  let market: Marketplace;
  let worker: TestWorker | undefined;

  beforeAll(async () => {
    market = await startMarketplace(BANK, { worker: false });
  });
  afterAll(async () => {
    await worker?.close();
    await market?.close();
  });

  it('does not release a held seat whose payment succeeded while it was held', async () => {
    const { api } = market;
    const ds = api.app.get(DataSource);
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 9900, { capacity: 1 });
    const [t] = await trainees(market, 1);
    const held = await enrol(api, cohort.id, t.auth);
    const paid = await api
      .http()
      .post(`/api/v1/enrollments/${held.id}/payment`)
      .set(t.auth)
      .send({ paymentMethod: 'bank_transfer' })
      .expect(201);
    await confirmBankTransfer(market, paid.body.bankTransfer.reference, `ICBC-${randomUUID().slice(0, 8)}`);
    const [payment] = await ds.query(`SELECT status, succeeded_at FROM payments WHERE reference_id = $1`, [held.id]);
    expect(payment.status).toBe('succeeded');
    expect(new Date(payment.succeeded_at).getTime()).toBeLessThan(new Date(held.seatHeldUntil!).getTime());

    // The clock passes the hold; the timer runs before the worker has handled payment.succeeded.
    await ds.query(`UPDATE enrollments SET seat_held_until = now() - interval '1 second' WHERE id = $1`, [held.id]);
    const released = await api.app.get(CohortTimers, { strict: false }).releaseExpiredHolds();

    worker = await startTestWorker();
    await drained(worker);
    const [after] = await ds.query(`SELECT status FROM enrollments WHERE id = $1`, [held.id]);
    const refunds = await ds.query(`SELECT reason, status FROM refunds WHERE reference_id = $1`, [held.id]);
    expect(released).toBe(0);
    // Correct: money that arrived while the seat was held confirms it.
    expect(after.status).toBe('enrolled');
    expect(refunds).toEqual([]);
  });
});
