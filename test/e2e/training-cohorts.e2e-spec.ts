import { CohortTimers } from '../../src/modules/training/cohort-timers.service';
import { OutboxDispatcher } from '../../src/queue/outbox/outbox-dispatcher.service';
import { cohortBody, newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { BAOJING } from '../factories/seller.factory';
import { loginUser, registerUser } from '../factories/user.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { Auth, bearer, MarketplaceWithWorker, startMarketplace } from '../utils/marketplace';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('training cohorts over HTTP', () => {
  let market: MarketplaceWithWorker;
  const http = () => market.api.http();

  beforeAll(async () => {
    // A fast sweep: the start and reminder timers run every second through the real queue.
    market = await startMarketplace({ TRAINING_TIMER_SWEEP_SECONDS: '1' });
  });

  afterAll(async () => {
    await market?.close();
  });

  /** A newly registered trainee who enrols themself: a seat, or a place in the queue once the seats are gone. */
  async function seatTrainee(cohortId: string) {
    const user = await registerUser(market.api);
    const auth = bearer((await loginUser(market.api, user)).accessToken);
    const enrollment = await enrol(market.api, cohortId, auth);
    return { user, auth, enrollmentId: enrollment.id, status: enrollment.status };
  }

  /** The notifications asked for, as recorded in the outbox (the inbox shows only what one trainee was sent). */
  const requested = async (kind: string) =>
    (
      (await market.worker.dataSource.query(
        `SELECT payload FROM outbox_events WHERE type = 'notification.requested' AND payload->>'kind' = $1`,
        [kind],
      )) as Array<{ payload: { recipientUserId: string; params: Record<string, string> } }>
    ).map((r) => r.payload);

  /** A session's reminder stamps, read from the database: no API shows them. */
  const sessionRow = async (id: string) =>
    (
      await market.worker.dataSource.query(
        `SELECT day_reminder_sent_at, hour_reminder_sent_at FROM cohort_sessions WHERE id = $1`,
        [id],
      )
    )[0] as { day_reminder_sent_at: Date | null; hour_reminder_sent_at: Date | null };

  it('lets a trainer create, schedule and open a cohort; a buyer may not create one', async () => {
    const trainer = await newTrainer(market);
    const { id, sessionIds } = await openCohort(market, trainer.auth);
    expect(sessionIds).toHaveLength(4);
    const sessions = await http().get(`/api/v1/cohorts/${id}/sessions`).expect(200);
    expect(sessions.body.items.map((s: { topic: string }) => s.topic)).toEqual([
      '第 1 课',
      '第 2 课',
      '第 3 课',
      '第 4 课',
    ]);

    const buyer = await market.newBuyer();
    const refused = await http().post('/api/v1/cohorts').set(buyer).send(cohortBody()).expect(403);
    expect(refused.body.code).toBe('TRAINER_ROLE_REQUIRED');
  });

  it('refuses dates out of order, a county that is not one, and opening without sessions', async () => {
    const trainer = await newTrainer(market);
    const post = () => http().post('/api/v1/cohorts').set(trainer.auth);
    const backwards = await post()
      .send(cohortBody({ startsAt: '2027-06-10T00:00:00+08:00', endsAt: '2027-06-01T00:00:00+08:00' }))
      .expect(400);
    expect(backwards.body).toMatchObject({ code: 'INVALID_COHORT_DATES', details: { field: 'endsAt' } });
    expect(
      (
        await post()
          .send(cohortBody({ countyCode: '451000' }))
          .expect(400)
      ).body.code,
    ).toBe('NOT_A_COUNTY');
    const draft = await post().send(cohortBody()).expect(201);
    const open = await http().post(`/api/v1/cohorts/${draft.body.id}/open`).set(trainer.auth).expect(409);
    expect(open.body.code).toBe('COHORT_HAS_NO_SESSIONS');
    const other = await newTrainer(market);
    await http().post(`/api/v1/cohorts/${draft.body.id}/open`).set(other.auth).expect(404);
    await http().get(`/api/v1/cohorts/${draft.body.id}/sessions`).expect(404);
  });

  it('edits a draft or open cohort field by field, never below its seats or past its sessions', async () => {
    const trainer = await newTrainer(market);
    const { id } = await openCohort(market, trainer.auth, { capacity: 5 });
    const patch = (body: Record<string, unknown>, as: Auth = trainer.auth) =>
      http().patch(`/api/v1/cohorts/${id}`).set(as).send(body);
    const before = (await http().get(`/api/v1/cohorts/${id}`).expect(200)).body;

    const renamed = await patch({ title: '保靖黄金茶直播班' }).expect(200);
    expect(renamed.body).toEqual({ ...toCohort(before), title: '保靖黄金茶直播班' });
    expect((await patch({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await patch({ status: 'running' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await patch({ endsAt: at(DAY) }).expect(400)).body).toMatchObject({
      code: 'INVALID_COHORT_DATES',
      details: { field: 'endsAt' },
    });
    // The first class is 8 days and 2 hours out: starting the cohort later would leave it outside.
    expect((await patch({ startsAt: at(9 * DAY) }).expect(409)).body.code).toBe('COHORT_SESSIONS_OUTSIDE_DATES');
    expect((await patch({ minSessionsAttended: 5 }).expect(409)).body).toMatchObject({
      code: 'COHORT_RULE_UNREACHABLE',
      details: { minSessionsAttended: 5, sessions: 4 },
    });
    expect((await patch({ countyCode: '451000' }).expect(400)).body.code).toBe('NOT_A_COUNTY');

    await seatTrainee(id);
    await seatTrainee(id);
    expect((await patch({ capacity: 1 }).expect(409)).body).toMatchObject({
      code: 'COHORT_CAPACITY_BELOW_ENROLLED',
      details: { enrolled: 2 },
    });
    expect((await patch({ capacity: 2, minSessionsAttended: 4 }).expect(200)).body).toMatchObject({
      capacity: 2,
      minSessionsAttended: 4,
      title: '保靖黄金茶直播班',
    });
    const seats = (await http().get(`/api/v1/cohorts/${id}`).expect(200)).body;
    expect(seats).toMatchObject({ capacity: 2, enrolledCount: 2, waitlistCount: 0, seatsLeft: 0 });

    expect((await patch({ title: 'x' }, (await newTrainer(market)).auth).expect(404)).body.code).toBe(
      'COHORT_NOT_FOUND',
    );
    await http().post(`/api/v1/cohorts/${id}/start`).set(trainer.auth).expect(201);
    expect((await patch({ title: '开课了' }).expect(409)).body).toMatchObject({
      code: 'COHORT_CLOSED',
      details: { status: 'running' },
    });
  });

  it('changes and removes sessions only before they start, keeping a published cohort able to certify', async () => {
    const trainer = await newTrainer(market);
    const { id, sessionIds } = await openCohort(market, trainer.auth); // four classes, 3 needed
    const session = (sessionId: string) => `/api/v1/cohorts/${id}/sessions/${sessionId}`;

    const moved = await http()
      .patch(session(sessionIds[1]))
      .set(trainer.auth)
      .send({ topic: '第 2 课：拍短视频', link: 'https://meeting.example.cn/furrow-2' })
      .expect(200);
    expect(moved.body).toMatchObject({ topic: '第 2 课：拍短视频', link: 'https://meeting.example.cn/furrow-2' });
    expect(moved.body.place).toBe('田阳区电子商务公共服务中心');
    const outside = await http()
      .patch(session(sessionIds[1]))
      .set(trainer.auth)
      .send({ startsAt: at(60 * DAY) });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('SESSION_OUTSIDE_COHORT');

    await http().delete(session(sessionIds[3])).set(trainer.auth).expect(204);
    const unreachable = await http().delete(session(sessionIds[2])).set(trainer.auth).expect(409);
    expect(unreachable.body.code).toBe('COHORT_RULE_UNREACHABLE');
    await http().delete(session(sessionIds[3])).set(trainer.auth).expect(404);
    await http()
      .delete(session(sessionIds[2]))
      .set((await newTrainer(market)).auth)
      .expect(404);

    // Attendance on a session: taken once it starts, and then the session is history.
    await http().patch(`/api/v1/cohorts/${id}`).set(trainer.auth).send({ minSessionsAttended: 1 }).expect(200);
    const trainee = await seatTrainee(id);
    const third = (
      (await http().get(`/api/v1/cohorts/${id}/sessions`).expect(200)).body.items as Array<{
        id: string;
        startsAt: string;
      }>
    ).find((s) => s.id === sessionIds[2])!.startsAt;
    // Time passes to the third class: no API moves a session's start into the past.
    await market.worker.dataSource.query(
      `UPDATE cohort_sessions SET starts_at = now() - interval '1 minute' WHERE id = $1`,
      [sessionIds[2]],
    );
    await http()
      .put(`${session(sessionIds[2])}/attendance`)
      .set(trainer.auth)
      .send({ marks: [{ enrollmentId: trainee.enrollmentId, mark: 'excused' }] })
      .expect(200);
    expect((await http().delete(session(sessionIds[2])).set(trainer.auth).expect(409)).body.code).toBe(
      'SESSION_ALREADY_STARTED',
    );
    // The backstop behind that: a session with attendance stays even if its start is ahead again, which
    // no API allows (a started session cannot be re-timed), so its old start is put back directly.
    await market.worker.dataSource.query(`UPDATE cohort_sessions SET starts_at = $2 WHERE id = $1`, [
      sessionIds[2],
      third,
    ]);
    expect((await http().delete(session(sessionIds[2])).set(trainer.auth).expect(409)).body.code).toBe(
      'SESSION_HAS_ATTENDANCE',
    );
    await http().delete(session(sessionIds[1])).set(trainer.auth).expect(204);
    expect((await http().delete(session(sessionIds[2])).set(trainer.auth).expect(409)).body.code).toBe(
      'SESSION_HAS_ATTENDANCE',
    );

    // A class that has begun is history.
    const running = await http()
      .post('/api/v1/cohorts')
      .set(trainer.auth)
      .send(
        cohortBody({
          enrolmentOpensAt: at(-3 * DAY),
          enrolmentClosesAt: at(DAY),
          startsAt: at(-2 * DAY),
          minSessionsAttended: 0,
        }),
      )
      .expect(201);
    const held = await http()
      .post(`/api/v1/cohorts/${running.body.id}/sessions`)
      .set(trainer.auth)
      .send({ startsAt: at(-HOUR), durationMinutes: 120, topic: '开班', kind: 'class', place: '保靖县电商中心' })
      .expect(201);
    const heldPath = `/api/v1/cohorts/${running.body.id}/sessions/${held.body.id}`;
    expect((await http().patch(heldPath).set(trainer.auth).send({ topic: '改' }).expect(409)).body.code).toBe(
      'SESSION_ALREADY_STARTED',
    );
    expect((await http().delete(heldPath).set(trainer.auth).expect(409)).body.code).toBe('SESSION_ALREADY_STARTED');
  });

  it('cancels an open cohort and tells each enrolled and waitlisted trainee exactly once', async () => {
    const trainer = await newTrainer(market);
    const { id } = await openCohort(market, trainer.auth, { capacity: 2, title: '凤凰腊肉网店班' });
    const trainees: Auth[] = [];
    for (let i = 0; i < 3; i++) {
      const trainee = await market.newBuyer();
      await http().post(`/api/v1/cohorts/${id}/enrollments`).set(trainee).send({}).expect(201);
      trainees.push(trainee);
    }
    expect((await http().get(`/api/v1/cohorts/${id}`).expect(200)).body).toMatchObject({
      enrolledCount: 2,
      waitlistCount: 1,
    });

    const reason = '讲师生病，改期另行通知';
    const cancelled = await http().post(`/api/v1/cohorts/${id}/cancel`).set(trainer.auth).send({ reason }).expect(201);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: reason });
    const roster = await http().get(`/api/v1/cohorts/${id}/enrollments`).set(trainer.auth).expect(200);
    expect(roster.body.items.map((e: { status: string }) => e.status)).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);
    await drained(market.worker);
    const told = (await requested('cohort.cancelled')).filter((p) => p.params.cohortTitle === '凤凰腊肉网店班');
    expect(told).toHaveLength(3);
    expect(new Set(told.map((p) => p.recipientUserId)).size).toBe(3);
    expect(told.every((p) => p.params.reason === reason)).toBe(true);

    // The event delivered again tells nobody twice.
    const [event] = await market.worker.dataSource.query(
      `SELECT id FROM outbox_events WHERE type = 'cohort.status-changed' AND payload->>'cohortId' = $1 AND payload->>'to' = 'cancelled'`,
      [id],
    );
    // Redelivery is the outbox's own doing: no API asks for it.
    await market.worker.dataSource.query(`UPDATE outbox_events SET processed_at = NULL WHERE id = $1`, [event.id]);
    await market.worker.module.get(OutboxDispatcher).dispatch(event.id);
    await drained(market.worker);
    expect((await requested('cohort.cancelled')).filter((p) => p.params.cohortTitle === '凤凰腊肉网店班')).toHaveLength(
      3,
    );
    for (const trainee of trainees) {
      const inbox = (await http().get('/api/v1/me/notifications').set(trainee).expect(200)).body.items as Array<{
        kind: string;
      }>;
      expect(inbox.filter((n) => n.kind === 'cohort.cancelled')).toHaveLength(1);
    }

    await http().get(`/api/v1/cohorts/${id}`).expect(404);
    const again = await http().post(`/api/v1/cohorts/${id}/cancel`).set(trainer.auth).send({ reason }).expect(409);
    expect(again.body.code).toBe('INVALID_COHORT_TRANSITION');
    expect(
      (await http().patch(`/api/v1/cohorts/${id}`).set(trainer.auth).send({ capacity: 9 }).expect(409)).body.code,
    ).toBe('COHORT_CLOSED');
  });

  it('tells only those the cancellation withdrew, not a trainee who left before with the same reason typed', async () => {
    const trainer = await newTrainer(market);
    const { id } = await openCohort(market, trainer.auth, { title: '田林八渡笋网店班' });
    const left = await seatTrainee(id);
    const stayed = await seatTrainee(id);
    // The reason is free text: a trainee may type what the cancellation writes.
    await http()
      .post(`/api/v1/enrollments/${left.enrollmentId}/withdraw`)
      .set(left.auth)
      .send({ reason: 'COHORT_CANCELLED' })
      .expect(201);

    await http().post(`/api/v1/cohorts/${id}/cancel`).set(trainer.auth).send({ reason: '场地维修' }).expect(201);
    await drained(market.worker);
    const told = (await requested('cohort.cancelled')).filter((p) => p.params.cohortTitle === '田林八渡笋网店班');
    expect(told.map((p) => p.recipientUserId)).toEqual([stayed.user.id]);
    const inbox = (await http().get('/api/v1/me/notifications').set(left.auth).expect(200)).body.items as Array<{
      kind: string;
    }>;
    expect(inbox.filter((n) => n.kind === 'cohort.cancelled')).toEqual([]);
  });

  it('accepts a certificate requiring any built-in assignment, first_livestream_held included, and refuses an unknown one', async () => {
    const trainer = await newTrainer(market);
    const unknown = await http()
      .post('/api/v1/cohorts')
      .set(trainer.auth)
      .send(cohortBody({ requiredAssignments: ['first_livestream_watched'], minSessionsAttended: 0 }))
      .expect(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(unknown.body.details)).toContain('requiredAssignments');

    const requirable = ['store_verified', 'first_product_approved', 'first_order_paid', 'first_order_shipped'];
    const created = await http()
      .post('/api/v1/cohorts')
      .set(trainer.auth)
      .send(cohortBody({ requiredAssignments: requirable }))
      .expect(201);
    expect(created.body.requiredAssignments).toEqual(requirable);
    // A livestream held completes itself now (live selling), so an edit may require it too.
    const all = [...requirable, 'first_livestream_held'];
    const edit = await http()
      .patch(`/api/v1/cohorts/${created.body.id}`)
      .set(trainer.auth)
      .send({ requiredAssignments: all })
      .expect(200);
    expect(edit.body.requiredAssignments).toEqual(all);
  });

  it('tells the public a session is online but never its link; the trainer and the trainee’s own schedule have it', async () => {
    const trainer = await newTrainer(market);
    const link = 'https://meeting.tencent.com/dm/furrow-secret-room';
    const created = await http()
      .post('/api/v1/cohorts')
      .set(trainer.auth)
      .send(cohortBody({ format: 'online', minSessionsAttended: 1 }))
      .expect(201);
    const id = created.body.id as string;
    const starts = new Date(created.body.startsAt as string).getTime();
    const addSession = async (offset: number, where: Record<string, string>) =>
      (
        await http()
          .post(`/api/v1/cohorts/${id}/sessions`)
          .set(trainer.auth)
          .send({
            startsAt: new Date(starts + offset).toISOString(),
            durationMinutes: 60,
            topic: `课 ${offset}`,
            kind: 'class',
            ...where,
          })
          .expect(201)
      ).body.id as string;
    const online = await addSession(HOUR, { link });
    const inPerson = await addSession(DAY, { place: '田林县电商中心' });
    await http().post(`/api/v1/cohorts/${id}/open`).set(trainer.auth).expect(201);

    const detail = (await http().get(`/api/v1/cohorts/${id}`).expect(200)).body;
    const listed = (await http().get(`/api/v1/cohorts/${id}/sessions`).expect(200)).body;
    for (const sessions of [detail.sessions, listed.items] as Array<Array<Record<string, unknown>>>) {
      expect(sessions.map((s) => [s.id, s.online])).toEqual([
        [online, true],
        [inPerson, false],
      ]);
      expect(sessions.every((s) => !('link' in s))).toBe(true);
    }
    expect(JSON.stringify([detail, listed])).not.toContain('furrow-secret-room');
    // Signed in changes nothing on the public routes.
    const stranger = await market.newBuyer();
    expect(JSON.stringify((await http().get(`/api/v1/cohorts/${id}`).set(stranger).expect(200)).body)).not.toContain(
      'furrow-secret-room',
    );

    const own = (await http().get(`/api/v1/trainer/cohorts/${id}`).set(trainer.auth).expect(200)).body;
    expect(own.sessions.map((s: { link: string | null }) => s.link)).toEqual([link, null]);
    const trainee = await seatTrainee(id);
    const schedule = (await http().get(`/api/v1/me/enrollments/${trainee.enrollmentId}`).set(trainee.auth).expect(200))
      .body;
    expect(schedule.sessions.map((s: { id: string; link: string | null }) => [s.id, s.link])).toEqual([
      [online, link],
      [inPerson, null],
    ]);
  });

  it('starts an open cohort by the timer once its start has come', async () => {
    const trainer = await newTrainer(market);
    const { id } = await openCohort(
      market,
      trainer.auth,
      { enrolmentOpensAt: at(-2 * DAY), enrolmentClosesAt: at(DAY), startsAt: at(-MINUTE), minSessionsAttended: 1 },
      2,
    );
    const later = await openCohort(market, trainer.auth);
    await eventually(async () => (await http().get(`/api/v1/cohorts/${id}`).expect(200)).body.status === 'running', {
      what: 'the cohort running',
    });
    const detail = (await http().get(`/api/v1/trainer/cohorts/${id}`).set(trainer.auth).expect(200)).body;
    expect(detail.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['draft', 'open', 'running']);
    expect(detail.history[2]).toMatchObject({ fromStatus: 'open', actorId: null });
    expect(await market.worker.module.get(CohortTimers).startDue()).toBe(0);
    expect((await http().get(`/api/v1/cohorts/${later.id}`).expect(200)).body.status).toBe('open');
  });

  it('reminds enrolled trainees a day and an hour before each session, once each, and again when re-timed', async () => {
    const trainer = await newTrainer(market);
    // Starts in twenty minutes, so it is still open for enrolment while the test runs; two seats.
    const created = await http()
      .post('/api/v1/cohorts')
      .set(trainer.auth)
      .send(
        cohortBody({
          title: '田东直播提醒班',
          capacity: 2,
          enrolmentOpensAt: at(-3 * HOUR),
          enrolmentClosesAt: at(2 * DAY),
          startsAt: at(20 * MINUTE),
          minSessionsAttended: 0,
        }),
      )
      .expect(201);
    const id = created.body.id as string;
    const addSession = async (startsIn: number, topic: string, where: Record<string, string>) =>
      (
        await http()
          .post(`/api/v1/cohorts/${id}/sessions`)
          .set(trainer.auth)
          .send({ startsAt: at(startsIn), durationMinutes: 90, topic, kind: 'class', ...where })
          .expect(201)
      ).body.id as string;
    // Opened with only the class three days out, nothing yet to remind of; the trainees enrol (the third
    // one waits), then the two classes due for a reminder are added.
    const nextWeek = await addSession(3 * DAY, '发货', { place: '田东县电商中心' });
    await http().post(`/api/v1/cohorts/${id}/open`).set(trainer.auth).expect(201);
    const [a, b] = [await seatTrainee(id), await seatTrainee(id)];
    const queued = await seatTrainee(id);
    expect(queued.status).toBe('waitlisted');
    const tomorrow = await addSession(5 * HOUR, '上架', { place: '田东县电商中心' });
    const soon = await addSession(30 * MINUTE, '直播', { link: 'https://live.example.cn/room/7' });

    const remindersOf = async (topic: string) =>
      (await requested('cohort.session-reminder')).filter(
        (p) => p.params.cohortTitle === '田东直播提醒班' && p.params.topic === topic,
      );
    await eventually(
      async () =>
        Boolean((await sessionRow(soon)).hour_reminder_sent_at && (await sessionRow(tomorrow)).day_reminder_sent_at),
      {
        what: 'the day and hour reminders stamped',
      },
    );
    await drained(market.worker);
    expect(await market.worker.module.get(CohortTimers).remindDue()).toBe(0);
    const first = await remindersOf('上架');
    expect(first.map((p) => p.recipientUserId).sort()).toEqual([a.user.id, b.user.id].sort());
    expect(first[0].params).toMatchObject({ startsAt: expect.any(String), where: '田东县电商中心' });
    const live = await remindersOf('直播');
    expect(live).toHaveLength(2); // created half an hour ahead: the hour reminder only
    expect(live[0].params.where).toBe('https://live.example.cn/room/7');
    expect((await sessionRow(soon)).day_reminder_sent_at).not.toBeNull();
    expect((await sessionRow(tomorrow)).hour_reminder_sent_at).toBeNull();
    expect(await sessionRow(nextWeek)).toEqual({ day_reminder_sent_at: null, hour_reminder_sent_at: null });
    expect([...first, ...live].some((p) => p.recipientUserId === queued.user.id)).toBe(false);

    // Time passes: the session is within the hour, and is reminded of once more.
    await market.worker.dataSource.query(
      `UPDATE cohort_sessions SET starts_at = now() + interval '40 minutes' WHERE id = $1`,
      [tomorrow],
    );
    await eventually(async () => Boolean((await sessionRow(tomorrow)).hour_reminder_sent_at), {
      what: 'the hour reminder',
    });
    await drained(market.worker);
    expect(await remindersOf('上架')).toHaveLength(4);

    // Re-timed to later today: both stamps cleared, so the trainees hear of the new time a day ahead.
    await http()
      .patch(`/api/v1/cohorts/${id}/sessions/${tomorrow}`)
      .set(trainer.auth)
      .send({ startsAt: at(6 * HOUR) })
      .expect(200);
    await eventually(async () => (await remindersOf('上架')).length === 6, { what: 'the reminder of the new time' });
    await drained(market.worker);
    expect(await remindersOf('上架')).toHaveLength(6);
    expect((await sessionRow(tomorrow)).hour_reminder_sent_at).toBeNull();
    expect(await remindersOf('发货')).toHaveLength(0);
    const inbox = (await http().get('/api/v1/me/notifications').set(a.auth).expect(200)).body.items as Array<{
      kind: string;
    }>;
    expect(inbox.filter((n) => n.kind === 'cohort.session-reminder')).toHaveLength(4);
  });

  it('lists published cohorts soonest first by county, and shows only published ones to the public', async () => {
    const trainer = await newTrainer(market);
    const later = await openCohort(market, trainer.auth, { countyCode: BAOJING, startsAt: at(10 * DAY) });
    const sooner = await openCohort(market, trainer.auth, { countyCode: BAOJING, startsAt: at(9 * DAY) });
    const draft = await http()
      .post('/api/v1/cohorts')
      .set(trainer.auth)
      .send(cohortBody({ countyCode: BAOJING }))
      .expect(201);
    const gone = await openCohort(market, trainer.auth, { countyCode: BAOJING });
    await http().post(`/api/v1/cohorts/${gone.id}/cancel`).set(trainer.auth).send({ reason: '人数不足' }).expect(201);

    const page1 = (await http().get(`/api/v1/cohorts?countyCode=${BAOJING}&limit=1`).expect(200)).body;
    expect(page1.items.map((c: { id: string }) => c.id)).toEqual([sooner.id]);
    const page2 = (
      await http().get(`/api/v1/cohorts?countyCode=${BAOJING}&limit=1&cursor=${page1.nextCursor}`).expect(200)
    ).body;
    expect(page2).toEqual({ items: [expect.objectContaining({ id: later.id })], nextCursor: null });
    const all = (await http().get('/api/v1/cohorts?limit=100').expect(200)).body.items.map((c: { id: string }) => c.id);
    expect(all).toEqual(expect.arrayContaining([sooner.id, later.id]));
    expect(all).not.toContain(draft.body.id);
    expect(all).not.toContain(gone.id);
    expect((await http().get('/api/v1/cohorts?cursor=garbage').expect(400)).body.code).toBe('INVALID_CURSOR');

    const detail = (await http().get(`/api/v1/cohorts/${sooner.id}`).expect(200)).body;
    expect(detail).toMatchObject({ status: 'open', enrolledCount: 0, waitlistCount: 0, seatsLeft: 30 });
    expect(detail.sessions).toHaveLength(4);
    expect((await http().get(`/api/v1/cohorts/${draft.body.id}`).expect(404)).body.code).toBe('COHORT_NOT_FOUND');
    await http().get(`/api/v1/cohorts/${gone.id}`).expect(404);
  });

  it("gives a trainer their own cohorts, any status, and nobody else's", async () => {
    const trainer = await newTrainer(market);
    const first = await openCohort(market, trainer.auth);
    const draft = await http().post('/api/v1/cohorts').set(trainer.auth).send(cohortBody()).expect(201);
    const mine = (await http().get('/api/v1/trainer/cohorts').set(trainer.auth).expect(200)).body;
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([draft.body.id, first.id]);
    const paged = (await http().get('/api/v1/trainer/cohorts?limit=1').set(trainer.auth).expect(200)).body;
    const rest = (
      await http().get(`/api/v1/trainer/cohorts?limit=1&cursor=${paged.nextCursor}`).set(trainer.auth).expect(200)
    ).body;
    expect(rest.items.map((c: { id: string }) => c.id)).toEqual([first.id]);

    const detail = (await http().get(`/api/v1/trainer/cohorts/${draft.body.id}`).set(trainer.auth).expect(200)).body;
    expect(detail).toMatchObject({ status: 'draft', sessions: [], enrolledCount: 0, seatsLeft: 30 });
    expect(detail.history).toEqual([
      { fromStatus: null, toStatus: 'draft', actorId: trainer.user.id, reason: null, at: expect.any(String) },
    ]);

    const other = await newTrainer(market);
    expect((await http().get('/api/v1/trainer/cohorts').set(other.auth).expect(200)).body.items).toEqual([]);
    await http().get(`/api/v1/trainer/cohorts/${draft.body.id}`).set(other.auth).expect(404);
    const buyer = await market.newBuyer();
    expect((await http().get('/api/v1/trainer/cohorts').set(buyer).expect(403)).body.code).toBe(
      'TRAINER_ROLE_REQUIRED',
    );
    await http().get(`/api/v1/trainer/cohorts/${draft.body.id}`).set(market.admin).expect(200);
  });
});

/** The cohort fields of a detail answer (the PATCH answers the cohort alone). */
function toCohort(detail: Record<string, unknown>) {
  const {
    sessions: _s,
    enrolledCount: _e,
    awaitingPaymentCount: _a,
    waitlistCount: _w,
    seatsLeft: _l,
    ...cohort
  } = detail;
  return cohort;
}
