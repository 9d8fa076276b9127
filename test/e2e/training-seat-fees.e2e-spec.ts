import { randomUUID } from 'node:crypto';
import {
  cohortBody,
  newFeeCollectingTrainer,
  newTrainer,
  openCohort,
  openPaidCohort,
} from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import { noticesRequested, paySeat, roster, seatPayment } from '../factories/seat-fee.factory';
import { sellerApplication } from '../factories/seller.factory';
import { trainees } from '../factories/trainee.factory';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  confirmBankTransfer,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  startMarketplace,
} from '../utils/marketplace';

const HOUR = 3600_000;

describe('seat fees: the rules of a paid cohort, who may pay, and seats under a crowd', () => {
  let market: MarketplaceWithWorker;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  const http = () => market.api.http();

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace({
      ...fakeStripeEnvironment(stripe),
      TRAINING_TIMER_SWEEP_SECONDS: String(24 * 3600),
    });
  });
  afterAll(async () => {
    await market?.close();
    await stripe?.close();
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

  describe('a cohort’s fee and the store that collects it', () => {
    const create = (auth: { authorization: string }, overrides: Record<string, unknown>) =>
      http().post('/api/v1/cohorts').set(auth).send(cohortBody(overrides));

    it('refuses a fee without a store that collects it (400 SEAT_FEE_STORE_REQUIRED)', async () => {
      const trainer = await newFeeCollectingTrainer(market);
      for (const body of [{ seatFeeFen: 9900 }, { seatFeeFen: 9900, feeSellerId: null }]) {
        const res = await create(trainer.auth, body);
        expect([res.status, res.body.code]).toEqual([400, 'SEAT_FEE_STORE_REQUIRED']);
        expect(res.body.details).toMatchObject({ field: 'feeSellerId' });
      }
    });

    it('refuses a store the trainer does not own, or one that does not exist (400 SEAT_FEE_STORE_NOT_YOURS)', async () => {
      const trainer = await newFeeCollectingTrainer(market);
      const other = await newFeeCollectingTrainer(market);
      for (const feeSellerId of [other.feeSellerId, randomUUID()]) {
        const res = await create(trainer.auth, { seatFeeFen: 9900, feeSellerId });
        expect([res.status, res.body.code]).toEqual([400, 'SEAT_FEE_STORE_NOT_YOURS']);
      }
      const mine = await http().get('/api/v1/trainer/cohorts').set(trainer.auth).expect(200);
      expect(mine.body.items).toEqual([]);
    });

    it('refuses the trainer’s own store until it is verified, and once it is suspended (409 SEAT_FEE_STORE_NOT_VERIFIED)', async () => {
      const trainer = await newTrainer(market);
      const applied = await http().post('/api/v1/sellers').set(trainer.auth).send(sellerApplication()).expect(201);
      const pending = await create(trainer.auth, { seatFeeFen: 9900, feeSellerId: applied.body.id });
      expect([pending.status, pending.body.code]).toEqual([409, 'SEAT_FEE_STORE_NOT_VERIFIED']);
      expect(pending.body.details).toMatchObject({ field: 'feeSellerId', status: 'pending_review' });

      await http().post(`/api/v1/admin/sellers/${applied.body.id}/approve`).set(market.admin).expect(201);
      await create(trainer.auth, { seatFeeFen: 9900, feeSellerId: applied.body.id }).expect(201);

      await http()
        .post(`/api/v1/admin/sellers/${applied.body.id}/suspend`)
        .set(market.admin)
        .send({ reason: '资质复查' })
        .expect(201);
      const suspended = await create(trainer.auth, { seatFeeFen: 9900, feeSellerId: applied.body.id });
      expect([suspended.status, suspended.body.code]).toEqual([409, 'SEAT_FEE_STORE_NOT_VERIFIED']);
      expect(suspended.body.details).toMatchObject({ status: 'suspended' });
    });

    it('changes the fee while the cohort is a draft, and never once it is open (409 SEAT_FEE_LOCKED)', async () => {
      const trainer = await newFeeCollectingTrainer(market);
      const draft = await create(trainer.auth, { seatFeeFen: 5000, feeSellerId: trainer.feeSellerId }).expect(201);
      expect(draft.body).toMatchObject({ status: 'draft', seatFeeFen: 5000, feeSellerId: trainer.feeSellerId });
      const path = `/api/v1/cohorts/${draft.body.id}`;

      const dearer = await http().patch(path).set(trainer.auth).send({ seatFeeFen: 7000 }).expect(200);
      expect(dearer.body).toMatchObject({ seatFeeFen: 7000, feeSellerId: trainer.feeSellerId });
      // Free: the store goes with the fee.
      const free = await http().patch(path).set(trainer.auth).send({ seatFeeFen: 0 }).expect(200);
      expect(free.body).toMatchObject({ seatFeeFen: 0, feeSellerId: null });
      // A fee again needs its store again.
      const storeless = await http().patch(path).set(trainer.auth).send({ seatFeeFen: 3000 });
      expect([storeless.status, storeless.body.code]).toEqual([400, 'SEAT_FEE_STORE_REQUIRED']);
      const other = await newFeeCollectingTrainer(market);
      const foreign = await http()
        .patch(path)
        .set(trainer.auth)
        .send({ seatFeeFen: 3000, feeSellerId: other.feeSellerId });
      expect([foreign.status, foreign.body.code]).toEqual([400, 'SEAT_FEE_STORE_NOT_YOURS']);
      const paid = await http()
        .patch(path)
        .set(trainer.auth)
        .send({ seatFeeFen: 3000, feeSellerId: trainer.feeSellerId })
        .expect(200);
      expect(paid.body).toMatchObject({ seatFeeFen: 3000, feeSellerId: trainer.feeSellerId });
      // The refused edits changed nothing.
      const stored = await http().get(`/api/v1/trainer/cohorts/${draft.body.id}`).set(trainer.auth).expect(200);
      expect(stored.body).toMatchObject({ seatFeeFen: 3000, feeSellerId: trainer.feeSellerId });

      const opened = await openPaidCohort(market, trainer, 4000);
      const openPath = `/api/v1/cohorts/${opened.id}`;
      const otherStore = await newFeeCollectingTrainer(market);
      for (const patch of [{ seatFeeFen: 4500 }, { seatFeeFen: 0 }, { feeSellerId: otherStore.feeSellerId }]) {
        const res = await http().patch(openPath).set(trainer.auth).send(patch);
        expect([res.status, res.body.code]).toEqual([409, 'SEAT_FEE_LOCKED']);
      }
      // A form sending every field again, the fee unchanged, is not an attempt to change it.
      await http()
        .patch(openPath)
        .set(trainer.auth)
        .send({ seatFeeFen: 4000, feeSellerId: trainer.feeSellerId })
        .expect(200);
      // What else an open cohort may change still changes; the fee stays.
      const retitled = await http()
        .patch(openPath)
        .set(trainer.auth)
        .send({ title: '田阳芒果直播班（周末）' })
        .expect(200);
      expect(retitled.body).toMatchObject({ title: '田阳芒果直播班（周末）', seatFeeFen: 4000 });
      const detail = await http().get(openPath).expect(200);
      expect(detail.body).toMatchObject({ seatFeeFen: 4000, feeSellerId: trainer.feeSellerId });
    });

    it('stores no collecting store for a free cohort, whatever was sent', async () => {
      const trainer = await newFeeCollectingTrainer(market);
      const other = await newFeeCollectingTrainer(market);
      for (const body of [
        { seatFeeFen: 0, feeSellerId: trainer.feeSellerId },
        { feeSellerId: trainer.feeSellerId },
        { seatFeeFen: 0, feeSellerId: other.feeSellerId },
      ]) {
        const created = await create(trainer.auth, body).expect(201);
        expect(created.body).toMatchObject({ seatFeeFen: 0, feeSellerId: null });
        const read = await http().get(`/api/v1/trainer/cohorts/${created.body.id}`).set(trainer.auth).expect(200);
        expect(read.body).toMatchObject({ seatFeeFen: 0, feeSellerId: null });
      }
    });

    it('refuses a fee that is negative, fractional, above ¥10,000 or not a number (400 VALIDATION_FAILED)', async () => {
      const trainer = await newFeeCollectingTrainer(market);
      const draft = await create(trainer.auth, { seatFeeFen: 100, feeSellerId: trainer.feeSellerId }).expect(201);
      for (const seatFeeFen of [-1, 99.5, 1_000_001, '9900', null, true]) {
        const created = await create(trainer.auth, { seatFeeFen, feeSellerId: trainer.feeSellerId });
        expect([created.status, created.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(created.body.details.issues.map((i: { path: string }) => i.path)).toContain('seatFeeFen');
        const patched = await http().patch(`/api/v1/cohorts/${draft.body.id}`).set(trainer.auth).send({ seatFeeFen });
        expect([patched.status, patched.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const badStore = await create(trainer.auth, { seatFeeFen: 100, feeSellerId: 'not-a-uuid' });
      expect([badStore.status, badStore.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      // The edges: ¥10,000 exactly is a fee; the refused patches left the draft as it was.
      const top = await create(trainer.auth, { seatFeeFen: 1_000_000, feeSellerId: trainer.feeSellerId }).expect(201);
      expect(top.body.seatFeeFen).toBe(1_000_000);
      const read = await http().get(`/api/v1/trainer/cohorts/${draft.body.id}`).set(trainer.auth).expect(200);
      expect(read.body.seatFeeFen).toBe(100);
    });
  });

  it('lets only the trainee pay their own held seat, and only a held one', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const paid = await openPaidCohort(market, trainer, 9900, { capacity: 1 });
    const free = await openCohort(market, trainer.auth, { capacity: 5 });
    const [holder, waiting, stranger, freeOne] = await trainees(market, 4);
    const held = await enrol(market.api, paid.id, holder.auth);
    const queued = await enrol(market.api, paid.id, waiting.auth);
    expect(queued.status).toBe('waitlisted');
    const seated = await enrol(market.api, free.id, freeOne.auth);
    expect(seated.status).toBe('enrolled');

    // Someone else's seat, the trainer's and an admin's included: as if it did not exist.
    for (const who of [stranger.auth, trainer.auth, market.admin]) {
      const post = await paySeat(market, who, held.id, 'stripe');
      expect([post.status, post.body.code]).toEqual([404, 'ENROLLMENT_NOT_FOUND']);
      const get = await http().get(`/api/v1/enrollments/${held.id}/payment`).set(who);
      expect([get.status, get.body.code]).toEqual([404, 'ENROLLMENT_NOT_FOUND']);
    }
    const unknown = randomUUID();
    const postUnknown = await paySeat(market, holder.auth, unknown, 'bank_transfer');
    expect([postUnknown.status, postUnknown.body.code]).toEqual([404, 'ENROLLMENT_NOT_FOUND']);
    const getUnknown = await http().get(`/api/v1/enrollments/${unknown}/payment`).set(holder.auth);
    expect([getUnknown.status, getUnknown.body.code]).toEqual([404, 'ENROLLMENT_NOT_FOUND']);
    const postBadId = await paySeat(market, holder.auth, 'not-a-uuid', 'stripe');
    expect([postBadId.status, postBadId.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const getBadId = await http().get('/api/v1/enrollments/not-a-uuid/payment').set(holder.auth);
    expect([getBadId.status, getBadId.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const anonymous = await http().post(`/api/v1/enrollments/${held.id}/payment`).send({ paymentMethod: 'stripe' });
    expect(anonymous.status).toBe(401);

    // Nothing to pay: a place in the queue, a free seat.
    for (const [who, id, status] of [
      [waiting.auth, queued.id, 'waitlisted'],
      [freeOne.auth, seated.id, 'enrolled'],
    ] as const) {
      for (const method of ['stripe', 'bank_transfer']) {
        const res = await paySeat(market, who, id, method);
        expect([res.status, res.body.code]).toEqual([409, 'SEAT_NOT_AWAITING_PAYMENT']);
        expect(res.body.details).toMatchObject({ status });
      }
    }

    // No cash on delivery (nothing is delivered), and nothing unknown.
    for (const body of [
      { paymentMethod: 'cash_on_delivery' },
      { paymentMethod: 'alipay' },
      { paymentMethod: '' },
      {},
      { paymentMethod: 'stripe', amountFen: 1 },
    ]) {
      const res = await http().post(`/api/v1/enrollments/${held.id}/payment`).set(holder.auth).send(body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }

    // None of that made a payment, and the holder's seat is still theirs to pay.
    const mine = await seatPayment(market, holder.auth, held.id);
    expect(mine).toMatchObject({ enrollment: { status: 'awaiting_payment' }, payments: [], bankTransfer: null });
    expect((await seatPayment(market, waiting.auth, queued.id)).payments).toEqual([]);
    expect([...stripe.intents.values()].filter((i) => i.metadata.referenceId === held.id)).toEqual([]);
  });

  it('holds exactly 5 seats of a paid cohort for 20 simultaneous enrolments and queues the other 15 as 1..15', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const { id: cohortId } = await openPaidCohort(market, trainer, 19900, { capacity: 5 });
    const crowd = await trainees(market, 20);
    const before = Date.now();

    const answers = await Promise.all(
      crowd.map((t) => http().post(`/api/v1/cohorts/${cohortId}/enrollments`).set(t.auth).send({})),
    );

    expect(answers.map((a) => a.status)).toEqual(crowd.map(() => 201));
    const held = answers.filter((a) => a.body.status === 'awaiting_payment');
    const waitlisted = answers.filter((a) => a.body.status === 'waitlisted');
    expect(held).toHaveLength(5);
    expect(waitlisted).toHaveLength(15);
    for (const { body } of held) {
      expect(body).toMatchObject({ seatFeeFen: 19900, waitlistPosition: null, seatPaid: false, seatConfirmedAt: null });
      expect(new Date(body.seatHeldUntil).getTime()).toBeGreaterThanOrEqual(before + 24 * HOUR - 1000);
    }
    expect(waitlisted.every((a) => a.body.seatHeldUntil === null)).toBe(true);
    expect(waitlisted.map((a) => a.body.waitlistPosition as number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    const list = await roster(market, trainer.auth, cohortId);
    expect(list).toMatchObject({ enrolledCount: 0, awaitingPaymentCount: 5, waitlistLength: 15 });
    expect(new Set(list.items.map((i) => i.traineeId)).size).toBe(20);
    const detail = await http().get(`/api/v1/cohorts/${cohortId}`).expect(200);
    expect(detail.body).toMatchObject({ enrolledCount: 0, awaitingPaymentCount: 5, waitlistCount: 15, seatsLeft: 0 });

    const heldIds = new Set(held.map((a) => a.body.traineeId as string));
    for (const t of crowd) {
      expect(await noticesRequested(market, 'cohort.seat-held', t.id)).toBe(heldIds.has(t.id) ? 1 : 0);
      expect(await noticesRequested(market, 'cohort.waitlisted', t.id)).toBe(heldIds.has(t.id) ? 0 : 1);
      expect(await noticesRequested(market, 'cohort.enrolled', t.id)).toBe(0);
    }
  }, 30_000);
});
