import { cohortBody, newTrainer, openCohort } from '../factories/cohort.factory';
import { Marketplace, startMarketplace } from '../utils/marketplace';

describe('training cohorts over HTTP', () => {
  let market: Marketplace;

  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
  });

  afterAll(async () => {
    await market?.close();
  });

  it('lets a trainer create, schedule and open a cohort; a buyer may not create one', async () => {
    const trainer = await newTrainer(market);
    const { id, sessionIds } = await openCohort(market, trainer.auth);
    expect(sessionIds).toHaveLength(4);
    const sessions = await market.api.http().get(`/api/v1/cohorts/${id}/sessions`).expect(200);
    expect(sessions.body.items.map((s: { topic: string }) => s.topic)).toEqual([
      '第 1 课',
      '第 2 课',
      '第 3 课',
      '第 4 课',
    ]);

    const buyer = await market.newBuyer();
    const refused = await market.api.http().post('/api/v1/cohorts').set(buyer).send(cohortBody()).expect(403);
    expect(refused.body.code).toBe('TRAINER_ROLE_REQUIRED');
  });

  it('refuses dates out of order, a county that is not one, and opening without sessions', async () => {
    const trainer = await newTrainer(market);
    const http = () => market.api.http().post('/api/v1/cohorts').set(trainer.auth);
    const backwards = await http()
      .send(cohortBody({ startsAt: '2027-06-10T00:00:00+08:00', endsAt: '2027-06-01T00:00:00+08:00' }))
      .expect(400);
    expect(backwards.body).toMatchObject({ code: 'INVALID_COHORT_DATES', details: { field: 'endsAt' } });
    expect(
      (
        await http()
          .send(cohortBody({ countyCode: '451000' }))
          .expect(400)
      ).body.code,
    ).toBe('NOT_A_COUNTY');
    const draft = await http().send(cohortBody()).expect(201);
    const open = await market.api.http().post(`/api/v1/cohorts/${draft.body.id}/open`).set(trainer.auth).expect(409);
    expect(open.body.code).toBe('COHORT_HAS_NO_SESSIONS');
    const other = await newTrainer(market);
    await market.api.http().post(`/api/v1/cohorts/${draft.body.id}/open`).set(other.auth).expect(404);
    await market.api.http().get(`/api/v1/cohorts/${draft.body.id}/sessions`).expect(404);
  });
});
