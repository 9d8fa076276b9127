import { DataSource } from 'typeorm';
import {
  builtinDone,
  enrollmentStatus,
  lastStatusReason,
  mark,
  markAssignment,
  newTrainee,
  requiredAssignment,
  startCohort,
} from '../factories/certificate.factory';
import { newTrainer, openCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { mangoProduct, publishProduct } from '../factories/product.factory';
import { TIANYANG } from '../factories/seller.factory';
import {
  Auth,
  confirmBankTransfer,
  MarketplaceWithWorker,
  openStore,
  placeOrder,
  startMarketplace,
} from '../utils/marketplace';

type Certificate = { id: string; code: string; codeGrouped: string; holderName: string; status: string };

const DAY = 24 * 3600_000;

describe('finishing a cohort and its certificates over HTTP', () => {
  let market: MarketplaceWithWorker;
  const http = () => market.api.http();

  beforeAll(async () => {
    // The worker delivers the order events first_order_paid completes itself from. Its timers
    // sweep once at boot, then not for a day: a cohort whose start has passed stays open for
    // enrolment until its trainer starts it.
    market = await startMarketplace({ TRAINING_TIMER_SWEEP_SECONDS: String(24 * 3600) });
  });

  afterAll(async () => {
    await market?.close();
  });

  /** The notifications finishing asked for, per recipient (read from the outbox, delivered or not). */
  async function certificateNotices(userId: string): Promise<Array<{ params: { cohortTitle: string; code: string } }>> {
    const rows: Array<{
      payload: { kind: string; recipientUserId: string; params: { cohortTitle: string; code: string } };
    }> = await market.api.app
      .get(DataSource)
      .query(`SELECT payload FROM outbox_events WHERE type = 'notification.requested'`);
    return rows.map((r) => r.payload).filter((p) => p.kind === 'certificate.issued' && p.recipientUserId === userId);
  }

  /** The trainee opens a store and sells a mango; a buyer pays by bank transfer, so first_order_paid completes. */
  async function firstPaidOrder(trainee: Auth, enrollmentId: string, bankReference: string): Promise<void> {
    const { store } = await openStore(market, { seller: trainee });
    const [variantId] = await publishProduct(market.api, trainee, market.admin, store, mangoProduct());
    const placed = await placeOrder(market.api, await market.newBuyer(), [{ variantId, quantity: 1 }], 'bank_transfer');
    await confirmBankTransfer(market, placed.body.bankTransfer.reference, bankReference);
    await builtinDone(market.api, trainee, enrollmentId, 'first_order_paid');
  }

  it('issues certificates by the rule, withdraws the waitlist, and verifies them publicly until one is revoked', async () => {
    const trainer = await newTrainer(market);
    await http().patch('/api/v1/me').set(trainer.auth).send({ displayName: '黄老师' }).expect(200);
    // Began four weeks ago and still open for enrolment: its four weekly classes have all been held.
    const cohort = await openCohort(market, trainer.auth, {
      capacity: 3,
      startsAt: new Date(Date.now() - 29 * DAY).toISOString(),
      requiredAssignments: ['first_order_paid'],
    });
    const video = await requiredAssignment(market.api, trainer.auth, cohort.id, '拍一条芒果短视频');
    const s = cohort.sessionIds;
    const graduate = await newTrainee(market, '韦小芳');
    const graduateEnrollment = (await enrol(market.api, cohort.id, graduate.auth)).id;
    const short = await newTrainee(market, '李明');
    const shortEnrollment = (await enrol(market.api, cohort.id, short.auth)).id;
    const noOrder = await newTrainee(market, '陆大勇');
    const noOrderEnrollment = (await enrol(market.api, cohort.id, noOrder.auth)).id;
    // The three seats are taken: the fourth waits.
    const waiting = await newTrainee(market, '覃二妹');
    const queued = await enrol(market.api, cohort.id, waiting.auth);
    expect(queued).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const waitingEnrollment = queued.id;
    await startCohort(market.api, trainer.auth, cohort.id);
    const marks = (enrollmentId: string, m: Parameters<typeof mark>[5]) =>
      mark(market.api, trainer.auth, cohort.id, enrollmentId, s, m);

    // Meets the rule: three of four sessions (one of them late), the paid order and the video.
    await marks(graduateEnrollment, ['present', 'late', 'present', 'absent']);
    await firstPaidOrder(graduate.auth, graduateEnrollment, 'ICBC-CERT-0001');
    await markAssignment(market.api, trainer.auth, graduateEnrollment, video);
    // Below it: the late one counts, the excused and absent ones do not, so two of three.
    await marks(shortEnrollment, ['present', 'late', 'absent', 'excused']);
    await firstPaidOrder(short.auth, shortEnrollment, 'ICBC-CERT-0002');
    await markAssignment(market.api, trainer.auth, shortEnrollment, video);
    // Every session, but no paid order and no video.
    await marks(noOrderEnrollment, ['present', 'present', 'present', 'present']);

    // The preview says who would complete and why not.
    const preview = await http().get(`/api/v1/cohorts/${cohort.id}/finish-preview`).set(trainer.auth).expect(200);
    expect(preview.body).toMatchObject({ sessions: 4, waitlisted: 1, minSessionsAttended: 3 });
    const previewOf = (enrollmentId: string) =>
      preview.body.trainees.find((t: { enrollmentId: string }) => t.enrollmentId === enrollmentId);
    expect(previewOf(graduateEnrollment)).toMatchObject({
      name: '韦小芳',
      attended: 3,
      completes: true,
      shortfalls: [],
    });
    expect(previewOf(shortEnrollment)).toMatchObject({
      attended: 2,
      completes: false,
      shortfalls: [{ kind: 'sessions', attended: 2, required: 3 }],
    });
    expect(previewOf(noOrderEnrollment).shortfalls).toEqual([
      { kind: 'assignment', assignment: 'first_order_paid' },
      { kind: 'custom_assignment', assignmentId: video, title: '拍一条芒果短视频' },
    ]);
    expect(preview.body.trainees).toHaveLength(3);

    // Another trainer and a trainee cannot preview, finish or list it.
    const other = await newTrainer(market);
    await http().get(`/api/v1/cohorts/${cohort.id}/finish-preview`).set(other.auth).expect(404);
    const foreign = await http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(other.auth).expect(404);
    expect(foreign.body.code).toBe('COHORT_NOT_FOUND');
    await http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(graduate.auth).expect(404);
    await http().get(`/api/v1/cohorts/${cohort.id}/certificates`).set(other.auth).expect(404);

    const finished = await http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(trainer.auth).expect(201);
    expect(finished.body).toMatchObject({
      completed: 1,
      notCompleted: 2,
      withdrawn: 1,
      cohort: { status: 'finished' },
    });
    expect(finished.body.certificates).toHaveLength(1);
    const certificate = finished.body.certificates[0] as Certificate;
    expect(certificate).toMatchObject({ holderName: '韦小芳', status: 'valid', traineeId: graduate.user.id });
    expect(certificate.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(certificate.codeGrouped.replace(/-/g, '')).toBe(certificate.code);

    const statusOf = (enrollmentId: string) => enrollmentStatus(market.api, trainer.auth, cohort.id, enrollmentId);
    expect(await statusOf(graduateEnrollment)).toBe('completed');
    expect(await statusOf(shortEnrollment)).toBe('not_completed');
    expect(await statusOf(noOrderEnrollment)).toBe('not_completed');
    expect(await statusOf(waitingEnrollment)).toBe('withdrawn');
    expect(await lastStatusReason(market.api, waitingEnrollment)).toBe('COHORT_FINISHED');
    const notices = await certificateNotices(graduate.user.id);
    expect(notices).toHaveLength(1);
    expect(notices[0].params.code.replace(/-/g, '')).toBe(certificate.code);
    expect(await certificateNotices(short.user.id)).toEqual([]);

    // Finishing twice is refused and changes nothing.
    const again = await http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(trainer.auth).expect(409);
    expect(again.body.code).toBe('INVALID_COHORT_TRANSITION');
    const listed = await http().get(`/api/v1/cohorts/${cohort.id}/certificates`).set(trainer.auth).expect(200);
    expect(listed.body.items.map((c: Certificate) => c.id)).toEqual([certificate.id]);
    expect(await certificateNotices(graduate.user.id)).toHaveLength(1);
    await http().get(`/api/v1/cohorts/${cohort.id}/finish-preview`).set(trainer.auth).expect(409);

    // The holder sees it among their own; the others have none.
    const mine = await http().get('/api/v1/me/certificates').set(graduate.auth).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: certificate.id, cohortTitle: expect.any(String) })]);
    expect((await http().get('/api/v1/me/certificates').set(short.auth).expect(200)).body.items).toEqual([]);

    // Anyone verifies it without logging in, and learns only a masked name.
    const verified = await http().get(`/api/v1/certificates/verify/${certificate.code}`).expect(200);
    expect(verified.body).toEqual({
      status: 'valid',
      holderName: '韦**',
      cohortTitle: finished.body.cohort.title,
      countyCode: TIANYANG,
      trainerName: '黄老师',
      issuedAt: expect.any(String),
    });
    // As typed from paper: grouped, lower case.
    await http().get(`/api/v1/certificates/verify/${certificate.codeGrouped.toLowerCase()}`).expect(200);

    // Only the cohort's trainer may revoke it; a reason is needed.
    const notYours = await http()
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(other.auth)
      .send({ reason: '无' })
      .expect(404);
    expect(notYours.body.code).toBe('CERTIFICATE_NOT_FOUND');
    await http()
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(graduate.auth)
      .send({ reason: '无' })
      .expect(404);
    const blank = await http()
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(trainer.auth)
      .send({ reason: ' ' });
    expect(blank.status).toBe(400);
    expect(blank.body.code).toBe('VALIDATION_FAILED');

    const revoked = await http()
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(trainer.auth)
      .send({ reason: '考勤记录有误' })
      .expect(201);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedReason: '考勤记录有误' });
    const afterRevoke = await http().get(`/api/v1/certificates/verify/${certificate.code}`).expect(200);
    expect(afterRevoke.body).toMatchObject({ status: 'revoked', revokedReason: '考勤记录有误', holderName: '韦**' });
    expect(afterRevoke.body.revokedAt).toEqual(expect.any(String));
    const twice = await http()
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(trainer.auth)
      .send({ reason: '再次' })
      .expect(409);
    expect(twice.body.code).toBe('CERTIFICATE_ALREADY_REVOKED');
    expect((await http().get(`/api/v1/certificates/verify/${certificate.code}`).expect(200)).body.revokedReason).toBe(
      '考勤记录有误',
    );
  });

  it('answers an unknown or malformed code with the same 404, and knows no certificate of someone else', async () => {
    for (const code of ['0'.repeat(26), 'not-a-code', 'U'.repeat(26), 'A'.repeat(90), '%E5%BC%A0']) {
      const res = await http().get(`/api/v1/certificates/verify/${code}`).expect(404);
      expect(res.body.code).toBe('CERTIFICATE_NOT_FOUND');
    }
    const trainer = await newTrainer(market);
    const missing = await http()
      .post('/api/v1/certificates/00000000-0000-4000-8000-000000000000/revoke')
      .set(trainer.auth)
      .send({ reason: '无' })
      .expect(404);
    expect(missing.body.code).toBe('CERTIFICATE_NOT_FOUND');
    await http().get('/api/v1/me/certificates').expect(401);
  });

  it('finishes only a running cohort', async () => {
    const trainer = await newTrainer(market);
    const cohort = await openCohort(market, trainer.auth);
    const trainee = await newTrainee(market, '黄三');
    const enrollment = (await enrol(market.api, cohort.id, trainee.auth)).id;
    const statusOf = () => enrollmentStatus(market.api, trainer.auth, cohort.id, enrollment);
    const early = await http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(trainer.auth).expect(409);
    expect(early.body.code).toBe('INVALID_COHORT_TRANSITION');
    await http().get(`/api/v1/cohorts/${cohort.id}/finish-preview`).set(trainer.auth).expect(409);
    expect(await statusOf()).toBe('enrolled');

    // With nobody meeting the rule it finishes all the same, issuing nothing.
    await startCohort(market.api, trainer.auth, cohort.id);
    const finished = await http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(trainer.auth).expect(201);
    expect(finished.body).toMatchObject({ completed: 0, notCompleted: 1, withdrawn: 0, certificates: [] });
    expect(await statusOf()).toBe('not_completed');
  });

  it('lets one address verify 60 codes a minute, then answers 429 VERIFY_RATE_LIMITED with when to come back', async () => {
    // Runs last: it spends what is left of this address's verifications for the minute.
    const code = '0'.repeat(26);
    const answers = await Promise.all(
      Array.from({ length: 61 }, () => http().get(`/api/v1/certificates/verify/${code}`)),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 404).length).toBeLessThanOrEqual(60);
    expect(answers.every((a) => a.status === 404 || a.status === 429)).toBe(true);
    expect(refused[0].body).toMatchObject({
      code: 'VERIFY_RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
  });
});
