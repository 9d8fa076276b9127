import { DataSource } from 'typeorm';
import { newTrainer, openCohort } from '../factories/cohort.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { Auth, bearer, Marketplace, startMarketplace } from '../utils/marketplace';

const HOUR = 3600_000;

describe('attendance over HTTP', () => {
  let market: Marketplace;
  let trainer: Awaited<ReturnType<typeof newTrainer>>;
  let cohortId: string;
  let sessionIds: string[];
  const people: Array<{ id: string; auth: Auth; enrollmentId: string }> = [];

  beforeAll(async () => {
    market = await startMarketplace({}, { worker: false });
    trainer = await newTrainer(market);
    // The cohort began three hours ago: its first class started an hour ago, the rest are weeks away.
    ({ id: cohortId, sessionIds } = await openCohort(market, trainer.auth, {
      capacity: 3,
      startsAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    }));
    for (let i = 0; i < 4; i++) {
      const user = await registerUser(market.api);
      const auth = bearer((await loginUser(market.api, user)).accessToken);
      const enrolled = await http().post(`/api/v1/cohorts/${cohortId}/enrollments`).set(auth).expect(201);
      people.push({ id: user.id, auth, enrollmentId: enrolled.body.id });
    }
  });

  afterAll(async () => {
    await market?.close();
  });

  const http = () => market.api.http();
  const sheetPath = (sessionId: string) => `/api/v1/cohorts/${cohortId}/sessions/${sessionId}/attendance`;
  const save = (sessionId: string, marks: Array<{ enrollmentId: string; mark: string }>, auth = trainer.auth) =>
    http().put(sheetPath(sessionId)).set(auth).send({ marks });

  it('records marks for a started session, late counting as attended, and lets the trainer correct them', async () => {
    const [a, b, c, waiting] = people;
    const blank = await http().get(sheetPath(sessionIds[0])).set(trainer.auth).expect(200);
    expect(blank.body.editable).toBe(true);
    // Every seat holder, none marked yet; the waitlisted fourth is not on the sheet.
    expect(blank.body.items.map((i: { enrollmentId: string }) => i.enrollmentId).sort()).toEqual(
      [a, b, c].map((p) => p.enrollmentId).sort(),
    );
    expect(blank.body.items.every((i: { mark: string | null }) => i.mark === null)).toBe(true);

    const saved = await save(sessionIds[0], [
      { enrollmentId: a.enrollmentId, mark: 'present' },
      { enrollmentId: b.enrollmentId, mark: 'late' },
      { enrollmentId: c.enrollmentId, mark: 'absent' },
    ]).expect(200);
    const row = (body: { items: Array<{ enrollmentId: string }> }, who: { enrollmentId: string }) =>
      body.items.find((i) => i.enrollmentId === who.enrollmentId);
    expect(row(saved.body, a)).toMatchObject({ mark: 'present', attendedCount: 1 });
    expect(row(saved.body, b)).toMatchObject({ mark: 'late', attendedCount: 1 });
    expect(row(saved.body, c)).toMatchObject({ mark: 'absent', attendedCount: 0 });

    // A correction replaces one mark and leaves the others as they were.
    const corrected = await save(sessionIds[0], [{ enrollmentId: c.enrollmentId, mark: 'excused' }]).expect(200);
    expect(row(corrected.body, c)).toMatchObject({ mark: 'excused', attendedCount: 0 });
    expect(row(corrected.body, a)).toMatchObject({ mark: 'present', attendedCount: 1 });
    // One stored row per trainee, not one per save: the sheet shows marks, not the rows behind them.
    const [{ rows }] = await market.api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS rows FROM attendance WHERE session_id = $1`, [sessionIds[0]]);
    expect(rows).toBe(3);

    // Someone not enrolled here (the waitlisted fourth) is refused, and nothing of the request is kept.
    const refused = await save(sessionIds[0], [
      { enrollmentId: a.enrollmentId, mark: 'absent' },
      { enrollmentId: waiting.enrollmentId, mark: 'present' },
    ]).expect(400);
    expect(refused.body).toMatchObject({
      code: 'ENROLLMENT_NOT_IN_COHORT',
      details: { enrollmentIds: [waiting.enrollmentId] },
    });
    expect(row((await http().get(sheetPath(sessionIds[0])).set(trainer.auth)).body, a)).toMatchObject({
      mark: 'present',
    });
  });

  it('refuses a session that has not started, bad marks, and a finished cohort', async () => {
    const [a] = people;
    const early = await save(sessionIds[1], [{ enrollmentId: a.enrollmentId, mark: 'present' }]).expect(409);
    expect(early.body).toMatchObject({ code: 'SESSION_NOT_STARTED', details: { startsAt: expect.any(String) } });
    expect((await http().get(sheetPath(sessionIds[1])).set(trainer.auth).expect(200)).body.editable).toBe(false);
    const wrong = await save(sessionIds[0], [{ enrollmentId: a.enrollmentId, mark: 'asleep' }]).expect(400);
    expect(wrong.body.code).toBe('VALIDATION_FAILED');
    const twice = await save(sessionIds[0], [
      { enrollmentId: a.enrollmentId, mark: 'present' },
      { enrollmentId: a.enrollmentId, mark: 'late' },
    ]).expect(400);
    expect(twice.body.code).toBe('VALIDATION_FAILED');
    const unknownSession = await save('00000000-0000-4000-8000-000000000000', [
      { enrollmentId: a.enrollmentId, mark: 'present' },
    ]).expect(404);
    expect(unknownSession.body.code).toBe('COHORT_SESSION_NOT_FOUND');

    // A finished cohort's sheet is closed: its trainer starts it and finishes it.
    const other = await newTrainer(market);
    const done = await openCohort(market, other.auth, { startsAt: new Date(Date.now() - 3 * HOUR).toISOString() });
    const trainee = people[0];
    const enrolled = await http().post(`/api/v1/cohorts/${done.id}/enrollments`).set(trainee.auth).expect(201);
    await http().post(`/api/v1/cohorts/${done.id}/start`).set(other.auth).expect(201);
    await http().post(`/api/v1/cohorts/${done.id}/finish`).set(other.auth).expect(201);
    const closed = await http()
      .put(`/api/v1/cohorts/${done.id}/sessions/${done.sessionIds[0]}/attendance`)
      .set(other.auth)
      .send({ marks: [{ enrollmentId: enrolled.body.id, mark: 'present' }] })
      .expect(409);
    expect(closed.body.code).toBe('COHORT_CLOSED');
  });

  it('shows each trainee their own marks only; other trainers and trainees get 404', async () => {
    const [a, b] = people;
    const mine = await http().get(`/api/v1/me/enrollments/${b.enrollmentId}`).set(b.auth).expect(200);
    expect(mine.body).toMatchObject({ id: b.enrollmentId, status: 'enrolled', attendedCount: 1 });
    expect(mine.body.sessions.map((s: { id: string; mark: string | null }) => [s.id, s.mark])).toEqual([
      [sessionIds[0], 'late'],
      [sessionIds[1], null],
      [sessionIds[2], null],
      [sessionIds[3], null],
    ]);
    expect(JSON.stringify(mine.body)).not.toContain(a.enrollmentId);

    expect((await http().get(`/api/v1/me/enrollments/${a.enrollmentId}`).set(b.auth).expect(404)).body.code).toBe(
      'ENROLLMENT_NOT_FOUND',
    );
    const list = await http().get('/api/v1/me/enrollments').set(a.auth).expect(200);
    // a is in this cohort and, newer, the finished one above.
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        id: a.enrollmentId,
        cohort: expect.objectContaining({ id: cohortId, status: 'open' }),
        nextSession: expect.objectContaining({ id: sessionIds[1] }),
      }),
    );

    const stranger = await newTrainer(market);
    const sheet = sheetPath(sessionIds[0]);
    expect((await http().get(sheet).set(stranger.auth).expect(404)).body.code).toBe('COHORT_NOT_FOUND');
    expect((await http().get(sheet).set(a.auth).expect(404)).body.code).toBe('COHORT_NOT_FOUND');
    await save(sessionIds[0], [{ enrollmentId: a.enrollmentId, mark: 'absent' }], a.auth).expect(404);
    await http().get(sheet).expect(401);
  });

  it('marks nothing for a trainee who withdrew: 409 ENROLLMENT_NOT_ACTIVE on an assignment, 400 on the sheet', async () => {
    const {
      id,
      sessionIds: [first],
    } = await openCohort(market, trainer.auth, {
      startsAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    });
    const enrolled: Array<{ auth: Auth; enrollmentId: string }> = [];
    for (let i = 0; i < 2; i++) {
      const auth = bearer((await loginUser(market.api, await registerUser(market.api))).accessToken);
      enrolled.push({
        auth,
        enrollmentId: (await http().post(`/api/v1/cohorts/${id}/enrollments`).set(auth).expect(201)).body.id,
      });
    }
    const [stays, leaves] = enrolled;
    await http().post(`/api/v1/enrollments/${leaves.enrollmentId}/withdraw`).set(leaves.auth).send({}).expect(201);
    const video = (
      await http()
        .post(`/api/v1/cohorts/${id}/assignments`)
        .set(trainer.auth)
        .send({ title: '拍一条短视频' })
        .expect(201)
    ).body.key as string;
    const markFor = (enrollmentId: string) =>
      http().put(`/api/v1/enrollments/${enrollmentId}/assignments/${video}`).set(trainer.auth).send({});

    expect((await markFor(stays.enrollmentId).expect(200)).body.done).toBe(true);
    const refused = await markFor(leaves.enrollmentId).expect(409);
    expect(refused.body).toMatchObject({ code: 'ENROLLMENT_NOT_ACTIVE', details: { status: 'withdrawn' } });
    const sheet = `/api/v1/cohorts/${id}/sessions/${first}/attendance`;
    const absent = await http()
      .put(sheet)
      .set(trainer.auth)
      .send({ marks: [{ enrollmentId: leaves.enrollmentId, mark: 'present' }] })
      .expect(400);
    expect(absent.body.code).toBe('ENROLLMENT_NOT_IN_COHORT');
    const items = (await http().get(sheet).set(trainer.auth).expect(200)).body.items as Array<{ enrollmentId: string }>;
    expect(items.map((i) => i.enrollmentId)).toEqual([stays.enrollmentId]);
  });
});
