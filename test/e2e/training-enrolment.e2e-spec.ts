import { DataSource } from 'typeorm';
import { EnrollmentPromotionListener } from '../../src/modules/training/enrollment-promotion.listener';
import type { OutboxEnvelope } from '../../src/queue/event-map';
import { cohortBody, newTrainer, openCohort } from '../factories/cohort.factory';
import { trainees, Trainee } from '../factories/trainee.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { startFakeAliyunSms } from '../utils/fake-aliyun-sms';
import { Auth, bearer, MarketplaceWithWorker, startMarketplace } from '../utils/marketplace';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('enrolment and the waitlist over HTTP', () => {
  let market: MarketplaceWithWorker;
  let sms: Awaited<ReturnType<typeof startFakeAliyunSms>>;
  let ds: DataSource;

  beforeAll(async () => {
    sms = await startFakeAliyunSms();
    market = await startMarketplace(sms.env());
    ds = market.api.app.get(DataSource);
  });

  afterAll(async () => {
    await market?.close();
    await sms?.close();
  });

  const http = () => market.api.http();
  const enrol = (auth: Auth, cohortId: string, body?: object) => {
    const req = http().post(`/api/v1/cohorts/${cohortId}/enrollments`).set(auth);
    return body ? req.send(body) : req;
  };
  const withdraw = (auth: Auth, enrollmentId: string) =>
    http().post(`/api/v1/enrollments/${enrollmentId}/withdraw`).set(auth).send({ reason: '家里农忙' });
  const roster = async (auth: Auth, cohortId: string) =>
    (await http().get(`/api/v1/cohorts/${cohortId}/enrollments`).set(auth).expect(200)).body as {
      enrolledCount: number;
      waitlistLength: number;
      items: Array<{
        id: string;
        traineeId: string;
        status: string;
        waitlistPosition: number | null;
        displayName: string | null;
        phoneMasked: string | null;
      }>;
    };
  const notifications = async (kind: string, recipientUserId: string): Promise<number> => {
    const [{ count }] = await ds.query(
      `SELECT count(*)::int AS count FROM outbox_events
        WHERE type = 'notification.requested' AND payload->>'kind' = $1 AND payload->>'recipientUserId' = $2`,
      [kind, recipientUserId],
    );
    return count as number;
  };

  /** Each trainee's status and place in the queue, from the trainer's roster. */
  const placesOf = async (trainer: Auth, cohortId: string, people: Trainee[]) => {
    const byTrainee = new Map((await roster(trainer, cohortId)).items.map((i) => [i.traineeId, i]));
    return people.map((t) => [byTrainee.get(t.id)?.status, byTrainee.get(t.id)?.waitlistPosition]);
  };

  it('gives exactly 30 seats to 100 simultaneous enrolments and queues the other 70 as 1..70', async () => {
    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth, { capacity: 30 });
    const crowd = await trainees(market, 100);

    const answers = await Promise.all(crowd.map((t) => enrol(t.auth, cohortId)));

    expect(answers.map((a) => a.status)).toEqual(crowd.map(() => 201));
    const enrolled = answers.filter((a) => a.body.status === 'enrolled');
    const waitlisted = answers.filter((a) => a.body.status === 'waitlisted');
    expect(enrolled).toHaveLength(30);
    expect(enrolled.every((a) => a.body.waitlistPosition === null && a.body.seatConfirmedAt)).toBe(true);
    expect(waitlisted.map((a) => a.body.waitlistPosition as number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 70 }, (_, i) => i + 1),
    );
    const list = await roster(trainer.auth, cohortId);
    expect(list).toMatchObject({ enrolledCount: 30, waitlistLength: 70 });
    expect(new Set(list.items.map((i) => i.traineeId)).size).toBe(100);
    const [{ enrolledNotes, waitlistedNotes }] = await ds.query(
      `SELECT count(*) FILTER (WHERE payload->>'kind' = 'cohort.enrolled')::int AS "enrolledNotes",
              count(*) FILTER (WHERE payload->>'kind' = 'cohort.waitlisted')::int AS "waitlistedNotes"
         FROM outbox_events WHERE type = 'notification.requested' AND payload->'params'->>'cohortTitle' =
              (SELECT title FROM cohorts WHERE id = $1)`,
      [cohortId],
    );
    expect({ enrolledNotes, waitlistedNotes }).toEqual({ enrolledNotes: 30, waitlistedNotes: 70 });
  }, 60_000);

  it('gives a freed seat to the first in the queue exactly once, however often the event is delivered', async () => {
    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth, { capacity: 2 });
    const [a, b, c, d] = await trainees(market, 4);
    const first = (await enrol(a.auth, cohortId).expect(201)).body;
    await enrol(b.auth, cohortId).expect(201);
    expect((await enrol(c.auth, cohortId).expect(201)).body).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect((await enrol(d.auth, cohortId).expect(201)).body).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 2,
    });

    expect((await withdraw(a.auth, first.id).expect(201)).body).toMatchObject({ status: 'withdrawn' });

    // The worker's listener fills the seat after the withdrawal commits.
    await eventually(async () => (await roster(trainer.auth, cohortId)).enrolledCount === 2, { what: 'promotion' });
    const byTrainee = async () => new Map((await roster(trainer.auth, cohortId)).items.map((i) => [i.traineeId, i]));
    let people = await byTrainee();
    expect(people.get(c.id)).toMatchObject({ status: 'enrolled', waitlistPosition: null });
    expect(people.get(d.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    // The same event delivered twice more: no free seat, nothing happens.
    const [event] = await ds.query(
      `SELECT id, type, payload, created_at AS "occurredAt" FROM outbox_events
        WHERE type = 'enrollment.status-changed' AND payload->>'enrollmentId' = $1 AND payload->>'to' = 'withdrawn'`,
      [first.id],
    );
    const listener = market.worker.module.get(EnrollmentPromotionListener);
    for (let i = 0; i < 2; i++) {
      await ds.transaction((em) => listener.seatFreed(event as OutboxEnvelope<'enrollment.status-changed'>, em));
    }
    people = await byTrainee();
    expect(people.get(d.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await roster(trainer.auth, cohortId)).enrolledCount).toBe(2);
    expect(await notifications('cohort.promoted', c.id)).toBe(1);
    expect(await notifications('cohort.promoted', d.id)).toBe(0);
    const [{ promotions }] = await ds.query(
      `SELECT count(*)::int AS promotions FROM enrollment_status_changes
        WHERE from_status = 'waitlisted' AND to_status = 'enrolled'
          AND enrollment_id IN (SELECT id FROM enrollments WHERE cohort_id = $1)`,
      [cohortId],
    );
    expect(promotions).toBe(1);
  });

  it('moves everyone behind a waitlisted trainee up when they withdraw, and promotes no one', async () => {
    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth, { capacity: 1 });
    const [a, b, c, d] = await trainees(market, 4);
    await enrol(a.auth, cohortId).expect(201);
    const ids: string[] = [];
    for (const t of [b, c, d]) ids.push((await enrol(t.auth, cohortId).expect(201)).body.id);

    await withdraw(c.auth, ids[1]).expect(201);
    // The trainer withdraws b for them.
    await withdraw(trainer.auth, ids[0]).expect(201);

    const list = await roster(trainer.auth, cohortId);
    expect(list).toMatchObject({ enrolledCount: 1, waitlistLength: 1 });
    expect(list.items.find((i) => i.traineeId === d.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(
      list.items
        .filter((i) => i.status === 'withdrawn')
        .map((i) => i.traineeId)
        .sort(),
    ).toEqual([b.id, c.id].sort());
    // Withdrawing again is a transition a withdrawn enrollment cannot make.
    expect((await withdraw(c.auth, ids[1]).expect(409)).body.code).toBe('INVALID_ENROLLMENT_TRANSITION');
  });

  it('refuses enrolment outside the window, twice in one cohort, and by the cohort’s own trainer', async () => {
    const trainer = await newTrainer(market);
    const later = await openCohort(market, trainer.auth, {
      enrolmentOpensAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    });
    const [a, b] = await trainees(market, 2);
    const closed = await enrol(a.auth, later.id).expect(409);
    expect(closed.body).toMatchObject({
      code: 'ENROLMENT_CLOSED',
      details: { opensAt: expect.any(String), closesAt: expect.any(String) },
    });

    const { id: cohortId } = await openCohort(market, trainer.auth);
    const both = await Promise.all([enrol(a.auth, cohortId), enrol(a.auth, cohortId)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('ALREADY_ENROLLED');
    const again = await enrol(a.auth, cohortId).expect(409);
    expect(again.body.code).toBe('ALREADY_ENROLLED');
    expect((await enrol(trainer.auth, cohortId).expect(409)).body.code).toBe('TRAINER_CANNOT_ENROL');

    // Withdrawn, the trainee may come back.
    const mine = (await http().get('/api/v1/me/enrollments').set(a.auth).expect(200)).body.items;
    const current = mine.find((e: { cohortId: string }) => e.cohortId === cohortId);
    await withdraw(a.auth, current.id).expect(201);
    expect((await enrol(a.auth, cohortId).expect(201)).body.status).toBe('enrolled');

    // A draft is no one's to enrol in but its trainer's to see.
    const draft = await http()
      .post('/api/v1/cohorts')
      .set(trainer.auth)
      .send(cohortBody({ title: '草稿班' }))
      .expect(201);
    expect((await enrol(b.auth, draft.body.id).expect(404)).body.code).toBe('COHORT_NOT_FOUND');
    expect((await enrol(b.auth, cohortId, { nonsense: true }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('lets the trainer enrol people by phone: a new number becomes an account that signs in by code', async () => {
    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth);
    const made = await enrol(trainer.auth, cohortId, { phone: '139 0000 0001', displayName: '黄大姐' }).expect(201);
    expect(made.body).toMatchObject({ status: 'enrolled', enrolledBy: trainer.user.id });

    // The new account signs in by SMS code as an existing one, and finds its cohort.
    await http().post('/api/v1/auth/phone/code').send({ phone: '13900000001' }).expect(202);
    const code = sms.sent.filter((m) => m.phoneNumbers === '13900000001').at(-1)!.params.code;
    const login = await http().post('/api/v1/auth/phone/login').send({ phone: '13900000001', code }).expect(200);
    expect(login.body.newAccount).toBe(false);
    const newcomer = bearer(login.body.accessToken);
    const me = await http().get('/api/v1/me').set(newcomer).expect(200);
    expect(me.body).toMatchObject({ id: made.body.traineeId, displayName: '黄大姐' });
    const mine = await http().get('/api/v1/me/enrollments').set(newcomer).expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        id: made.body.id,
        status: 'enrolled',
        cohort: expect.objectContaining({ id: cohortId }),
      }),
    ]);

    // An existing number: that account, not a new one.
    const [existing] = await trainees(market, 1);
    const [{ phone }] = await ds.query(`SELECT phone FROM users WHERE id = $1`, [existing.id]);
    const byPhone = await enrol(trainer.auth, cohortId, { phone }).expect(201);
    expect(byPhone.body.traineeId).toBe(existing.id);
    expect((await enrol(trainer.auth, cohortId, { phone }).expect(409)).body.code).toBe('ALREADY_ENROLLED');

    const list = await roster(trainer.auth, cohortId);
    expect(list.items.find((i) => i.id === made.body.id)).toMatchObject({
      displayName: '黄大姐',
      phoneMasked: '139****0001',
    });
    expect(JSON.stringify(list)).not.toContain('13900000001');

    // Only a manager enrols someone else, and only a manager sees the list.
    const stranger = await market.newBuyer();
    expect((await enrol(stranger, cohortId, { phone: '13900000002' }).expect(404)).body.code).toBe('COHORT_NOT_FOUND');
    await http().get(`/api/v1/cohorts/${cohortId}/enrollments`).set(stranger).expect(404);
    const other = await newTrainer(market);
    await http().get(`/api/v1/cohorts/${cohortId}/enrollments`).set(other.auth).expect(404);
    expect((await withdraw(stranger, made.body.id).expect(404)).body.code).toBe('ENROLLMENT_NOT_FOUND');
    await http().get(`/api/v1/me/enrollments/${made.body.id}`).set(stranger).expect(404);
  });

  it('gives seats added by a larger capacity to the head of the queue at once, in order; a newcomer queues behind', async () => {
    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth, { capacity: 1 });
    const [a, b, c, d, newcomer] = await trainees(market, 5);
    for (const t of [a, b, c, d]) await enrol(t.auth, cohortId).expect(201);

    await http().patch(`/api/v1/cohorts/${cohortId}`).set(trainer.auth).send({ capacity: 3 }).expect(200);

    // Seated by the PATCH itself, before any listener runs: nothing is left for a newcomer to take.
    expect(await placesOf(trainer.auth, cohortId, [a, b, c, d])).toEqual([
      ['enrolled', null],
      ['enrolled', null],
      ['enrolled', null],
      ['waitlisted', 1],
    ]);
    expect((await enrol(newcomer.auth, cohortId).expect(201)).body).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 2,
    });
    expect(await notifications('cohort.promoted', b.id)).toBe(1);
    expect(await notifications('cohort.promoted', c.id)).toBe(1);
    expect(await notifications('cohort.promoted', d.id)).toBe(0);
  });

  it('a seat freed while people wait goes to the head of the queue, never to a newcomer', async () => {
    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth, { capacity: 1 });
    const [a, b, newcomer] = await trainees(market, 3);
    const seated = (await enrol(a.auth, cohortId).expect(201)).body;
    expect((await enrol(b.auth, cohortId).expect(201)).body).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });

    await withdraw(a.auth, seated.id).expect(201);
    // At once, before the promotion listener has given the seat away: the seat is b's, so the newcomer waits.
    expect((await enrol(newcomer.auth, cohortId).expect(201)).body.status).toBe('waitlisted');

    await eventually(async () => (await roster(trainer.auth, cohortId)).enrolledCount === 1, { what: 'promotion' });
    await drained(market.worker);
    expect(await placesOf(trainer.auth, cohortId, [a, b, newcomer])).toEqual([
      ['withdrawn', null],
      ['enrolled', null],
      ['waitlisted', 1],
    ]);
    expect(await notifications('cohort.promoted', b.id)).toBe(1);
    expect(await notifications('cohort.promoted', newcomer.id)).toBe(0);
  });

  it('keeps seats within capacity and the queue numbered 1..n through withdrawals and enrolments at once', async () => {
    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth, { capacity: 5 });
    const crowd = await trainees(market, 30);
    const first = await Promise.all(crowd.slice(0, 20).map((t) => enrol(t.auth, cohortId)));
    expect(first.map((r) => r.status)).toEqual(first.map(() => 201));

    // Every other one of the first twenty leaves (three seated, seven waiting) while ten more arrive.
    const leaving = crowd.slice(0, 20).flatMap((t, i) => (i % 2 === 0 ? [{ t, id: first[i].body.id as string }] : []));
    const answers = await Promise.all([
      ...leaving.map(({ t, id }) => withdraw(t.auth, id)),
      ...crowd.slice(20).map((t) => enrol(t.auth, cohortId)),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));

    await drained(market.worker);
    const list = await roster(trainer.auth, cohortId);
    // 20 stayed of 30: five seats, filled from the queue, and fifteen waiting as 1..15.
    expect(list).toMatchObject({ enrolledCount: 5, waitlistLength: 15 });
    const positions = list.items
      .filter((i) => i.status === 'waitlisted')
      .map((i) => i.waitlistPosition as number)
      .sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(list.items.filter((i) => i.status === 'withdrawn')).toHaveLength(10);
  }, 60_000);

  it('keeps enrolment open while the cohort runs, until its enrolment window ends', async () => {
    const trainer = await newTrainer(market);
    const { id: cohortId } = await openCohort(market, trainer.auth, {
      enrolmentOpensAt: new Date(Date.now() - HOUR).toISOString(),
      startsAt: new Date(Date.now() + DAY).toISOString(),
      enrolmentClosesAt: new Date(Date.now() + 10 * DAY).toISOString(),
      minSessionsAttended: 1,
    });
    await http().post(`/api/v1/cohorts/${cohortId}/start`).set(trainer.auth).expect(201);
    const [late, later] = await trainees(market, 2);
    expect((await enrol(late.auth, cohortId).expect(201)).body.status).toBe('enrolled');

    // Time passes to the end of the window: no API moves it once the cohort runs.
    await ds.query(`UPDATE cohorts SET enrolment_closes_at = now() - interval '1 minute' WHERE id = $1`, [cohortId]);
    expect((await enrol(later.auth, cohortId).expect(409)).body.code).toBe('ENROLMENT_CLOSED');
  });
});
