import { randomUUID } from 'node:crypto';
import { newFeeCollectingTrainer, openPaidCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { trainees } from '../factories/trainee.factory';
import { eventually } from '../utils/eventually';
import { confirmBankTransfer, MarketplaceWithWorker, startMarketplace } from '../utils/marketplace';

describe('seat fees (smoke)', () => {
  let market: MarketplaceWithWorker;

  beforeAll(async () => {
    market = await startMarketplace();
  });
  afterAll(async () => {
    await market?.close();
  });

  it('holds a seat, takes its fee by bank transfer, confirms it, and keeps the ledger balanced', async () => {
    const { api, admin } = market;
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 9900, { capacity: 1 });
    const [first, second] = await trainees(market, 2);
    const held = await enrol(api, cohort.id, first.auth);
    expect(held).toMatchObject({ status: 'awaiting_payment', seatFeeFen: 9900 });
    expect((await enrol(api, cohort.id, second.auth)).status).toBe('waitlisted');
    const paid = await api
      .http()
      .post(`/api/v1/enrollments/${held.id}/payment`)
      .set(first.auth)
      .send({ paymentMethod: 'bank_transfer' })
      .expect(201);
    expect(paid.body.bankTransfer).toMatchObject({ amountFen: 9900 });
    await confirmBankTransfer(market, paid.body.bankTransfer.reference, `ICBC-${randomUUID().slice(0, 8)}`);
    await eventually(async () => {
      const mine = await api.http().get(`/api/v1/enrollments/${held.id}/payment`).set(first.auth).expect(200);
      return mine.body.enrollment.status === 'enrolled';
    });
    const mine = await api.http().get(`/api/v1/enrollments/${held.id}/payment`).set(first.auth).expect(200);
    expect(mine.body.enrollment).toMatchObject({ status: 'enrolled', seatPaid: true });
    const trial = await api.http().get('/api/v1/finance/ledger/trial-balance').set(admin).expect(200);
    expect(trial.body.totalFen).toBe(0);
  });
});
