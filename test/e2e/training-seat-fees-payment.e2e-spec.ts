import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SeatPaymentsListener } from '../../src/modules/training/seat-payments.listener';
import { TrainingTimersProcessor } from '../../src/modules/training/training-timers.processor';
import type { OutboxEnvelope } from '../../src/queue/event-map';
import { newFeeCollectingTrainer, openPaidCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import {
  balanceOver,
  FakeStripe,
  holdRanOut,
  inbox,
  journal,
  journalRows,
  noticeOf,
  noticesRequested,
  onRoster,
  paySeat,
  paySeatByStripe,
  releaseExpiredHolds,
  roster,
  seatPayment,
  SeatPaymentView,
  seatRefunds,
  sendRefunds,
  startStripePayment,
  storeBalance,
  trialBalance,
} from '../factories/seat-fee.factory';
import { trainees } from '../factories/trainee.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  confirmBankTransfer,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  startMarketplace,
  stripePaymentSucceeded,
  stripeSends,
} from '../utils/marketplace';

const HOUR = 3600_000;
const CASH = 'platform:cash';
const REFUNDS_DUE = 'platform:refunds-due';
const held = (sellerId: string) => `seller:${sellerId}:held`;

describe('seat fees: paying a held seat, its hold running out, and money that comes too late', () => {
  let market: MarketplaceWithWorker;
  let stripe: FakeStripe;
  let ds: DataSource;
  const http = () => market.api.http();

  beforeAll(async () => {
    stripe = await startFakeStripe();
    // The training timers sweep once at boot and then not for a day: the tests run them.
    market = await startMarketplace({
      ...fakeStripeEnvironment(stripe),
      TRAINING_TIMER_SWEEP_SECONDS: String(24 * 3600),
    });
    ds = market.worker.dataSource;
  });
  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  /** Why an enrollment last changed status (no API shows an enrollment's history). */
  const lastReason = async (enrollmentId: string) =>
    (
      await ds.query(
        `SELECT reason FROM enrollment_status_changes WHERE enrollment_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
        [enrollmentId],
      )
    )[0].reason as string | null;

  /** The outbox hands the seat listener a payment's payment.succeeded again, `times` times. */
  async function redeliverPaymentSucceeded(paymentId: string, times = 2) {
    const events = await ds.query(
      `SELECT id, type, payload, created_at AS "occurredAt" FROM outbox_events
        WHERE type = 'payment.succeeded' AND payload->>'paymentId' = $1`,
      [paymentId],
    );
    expect(events).toHaveLength(1);
    const listener = market.worker.module.get(SeatPaymentsListener);
    for (let i = 0; i < times; i++) {
      await ds.transaction((em) => listener.paymentSucceeded(events[0] as OutboxEnvelope<'payment.succeeded'>, em));
    }
  }

  /** The payments recorded for a seat (to count them: one per method however often asked). */
  const paymentRows = async (enrollmentId: string) =>
    (await ds.query(`SELECT id, method, status FROM payments WHERE purpose = 'cohort_seat' AND reference_id = $1`, [
      enrollmentId,
    ])) as Array<{ id: string; method: string; status: string }>;

  it('pays a held seat through Stripe: one payment however often asked, the seat confirmed, the fee held for the store', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 12800, { capacity: 3 });
    const [trainee, racer] = await trainees(market, 2);
    const before = Date.now();
    const seat = await enrol(market.api, cohort.id, trainee.auth);
    expect(seat).toMatchObject({ status: 'awaiting_payment', seatFeeFen: 12800, waitlistPosition: null });
    expect(new Date(seat.seatHeldUntil!).getTime()).toBeGreaterThanOrEqual(before + 24 * HOUR - 1000);
    expect(new Date(seat.seatHeldUntil!).getTime()).toBeLessThanOrEqual(Date.now() + 24 * HOUR + 1000);
    expect(await noticeOf(market, trainee.auth, 'cohort.seat-held')).toMatchObject({
      params: { amountFen: 12800, heldUntil: seat.seatHeldUntil },
      body: expect.stringContaining('¥128.00'),
    });

    const first = await paySeat(market, trainee.auth, seat.id, 'stripe').expect(201);
    const view = first.body as SeatPaymentView;
    expect(view.enrollment).toMatchObject({ id: seat.id, status: 'awaiting_payment', seatPaid: false });
    expect(view.bankTransfer).toBeNull();
    expect(view.payments).toEqual([
      expect.objectContaining({
        method: 'stripe',
        status: 'requires_payment',
        amountFen: 12800,
        clientSecret: expect.stringMatching(/^pi_\w+_secret_/),
      }),
    ]);
    const payment = view.payments[0];
    const intentId = payment.clientSecret!.split('_secret_')[0];
    expect(stripe.intents.get(intentId)).toMatchObject({
      amount: 12800,
      currency: 'cny',
      metadata: { paymentId: payment.id, purpose: 'cohort_seat', referenceId: seat.id },
    });

    // A second tap gets the same payment and the same intent.
    const again = await paySeat(market, trainee.auth, seat.id, 'stripe').expect(201);
    expect(again.body.payments.map((p: { id: string }) => p.id)).toEqual([payment.id]);
    expect(again.body.payments[0].clientSecret).toBe(payment.clientSecret);
    expect((await seatPayment(market, trainee.auth, seat.id)).payments.map((p) => p.id)).toEqual([payment.id]);
    expect(await paymentRows(seat.id)).toHaveLength(1);
    expect([...stripe.intents.values()].filter((i) => i.metadata.referenceId === seat.id)).toHaveLength(1);

    // Taps at once (a double tap, two tabs), before any payment exists: one payment.
    const racing = await enrol(market.api, cohort.id, racer.auth);
    const taps = await Promise.all(Array.from({ length: 8 }, () => paySeat(market, racer.auth, racing.id, 'stripe')));
    expect(taps.map((r) => r.status)).toEqual(taps.map(() => 201));
    const ids = taps.map((r) => (r.body as SeatPaymentView).payments.map((p) => p.id));
    expect(ids[0]).toHaveLength(1);
    expect(new Set(ids.flat())).toEqual(new Set(ids[0]));
    expect(await paymentRows(racing.id)).toHaveLength(1);
    expect((await seatPayment(market, racer.auth, racing.id)).payments).toHaveLength(1);

    // Stripe says it succeeded, by its signed webhook: the worker confirms the seat.
    await stripePaymentSucceeded(market.api, stripe, intentId);
    await eventually(async () => (await seatPayment(market, trainee.auth, seat.id)).enrollment.status === 'enrolled', {
      what: 'the paid seat confirmed',
    });
    const paid = await seatPayment(market, trainee.auth, seat.id);
    expect(paid.enrollment).toMatchObject({
      status: 'enrolled',
      seatPaid: true,
      seatHeldUntil: null,
      seatFeeFen: 12800,
    });
    expect(paid.payments).toEqual([
      expect.objectContaining({ id: payment.id, status: 'succeeded', clientSecret: null }),
    ]);
    expect(await journal(market, `seat-paid:${seat.id}`)).toEqual({
      [CASH]: 12800,
      [held(trainer.feeSellerId)]: -12800,
    });
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({
      heldFen: 12800,
      availableFen: 0,
    });
    expect(await trialBalance(market)).toBe(0);
    expect(await noticeOf(market, trainee.auth, 'cohort.enrolled')).toMatchObject({
      params: { cohortTitle: expect.any(String) },
    });
    const list = await roster(market, trainer.auth, cohort.id);
    expect(list).toMatchObject({ enrolledCount: 1, awaitingPaymentCount: 1, waitlistLength: 0 });

    // Paid: nothing more to pay.
    const over = await paySeat(market, trainee.auth, seat.id, 'stripe');
    expect([over.status, over.body.code]).toEqual([409, 'SEAT_NOT_AWAITING_PAYMENT']);
  });

  it('posts a seat’s payment once however often payment.succeeded is delivered or Stripe repeats itself', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 6600, { capacity: 2 });
    const [trainee] = await trainees(market, 1);
    const seat = await enrol(market.api, cohort.id, trainee.auth);
    const { paymentId, intentId } = await paySeatByStripe(market, stripe, trainee.auth, seat.id);
    await drained(market.worker);

    // Stripe sends the event again, and another event of the same success.
    const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
    for (const id of [eventId, eventId, undefined]) {
      const { payload, signature } = stripe.webhook(
        'payment_intent.succeeded',
        stripe.setStatus(intentId, 'succeeded'),
        id,
      );
      await http()
        .post('/api/v1/payments/stripe/webhook')
        .set('content-type', 'application/json')
        .set('stripe-signature', signature)
        .send(payload)
        .expect(200);
    }
    // And the outbox hands the listener the one payment.succeeded twice more.
    await redeliverPaymentSucceeded(paymentId);
    await drained(market.worker);

    expect(await journalRows(market, `seat-paid:${seat.id}`)).toBe(2);
    expect(await journal(market, `seat-paid:${seat.id}`)).toEqual({ [CASH]: 6600, [held(trainer.feeSellerId)]: -6600 });
    expect(await journalRows(market, `seat-owed-back:${paymentId}`)).toBe(0);
    expect(await seatRefunds(market, seat.id)).toEqual([]);
    expect(await noticesRequested(market, 'cohort.enrolled', trainee.id)).toBe(1);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM enrollment_status_changes WHERE enrollment_id = $1 AND to_status = 'enrolled'`,
      [seat.id],
    );
    expect(n).toBe(1);
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({ heldFen: 6600 });
    expect(await trialBalance(market)).toBe(0);
  });

  it('gives back a second payment of a seat already paid, and keeps the seat paid once', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 4400, { capacity: 2 });
    const [trainee] = await trainees(market, 1);
    const seat = await enrol(market.api, cohort.id, trainee.auth);
    // The trainee starts a transfer, then pays by card as well.
    const transfer = (await paySeat(market, trainee.auth, seat.id, 'bank_transfer').expect(201))
      .body as SeatPaymentView;
    expect(transfer.bankTransfer).toMatchObject({ amountFen: 4400 });
    const card = await paySeatByStripe(market, stripe, trainee.auth, seat.id);
    expect(await journal(market, `seat-paid:${seat.id}`)).toEqual({ [CASH]: 4400, [held(trainer.feeSellerId)]: -4400 });

    // The transfer arrives too: it is owed back, the seat stays paid by the card.
    await confirmBankTransfer(market, transfer.bankTransfer!.reference, `ICBC-${randomUUID().slice(0, 8)}`);
    const transferId = transfer.payments[0].id;
    await eventually(async () => (await journalRows(market, `seat-owed-back:${transferId}`)) > 0, {
      what: 'the second payment owed back',
    });
    expect(await journal(market, `seat-owed-back:${transferId}`)).toEqual({ [CASH]: 4400, [REFUNDS_DUE]: -4400 });
    expect(await seatRefunds(market, seat.id)).toEqual([
      expect.objectContaining({
        paymentId: transferId,
        amountFen: 4400,
        reason: 'SEAT_PAID_TOO_LATE',
        status: 'pending',
      }),
    ]);
    expect(await journalRows(market, `seat-owed-back:${card.paymentId}`)).toBe(0);
    expect(await journalRows(market, `seat-paid:${seat.id}`)).toBe(2);
    expect((await seatPayment(market, trainee.auth, seat.id)).enrollment).toMatchObject({
      status: 'enrolled',
      seatPaid: true,
    });
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({ heldFen: 4400 });
    expect(await noticesRequested(market, 'cohort.enrolled', trainee.id)).toBe(1);
    expect(await trialBalance(market)).toBe(0);
  });

  it('releases a hold that ran out to the head of the waitlist, once, and refuses to take payment for it', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 5000, { capacity: 1 });
    const [late, next, after] = await trainees(market, 3);
    const seat = await enrol(market.api, cohort.id, late.auth);
    const queued = await enrol(market.api, cohort.id, next.auth);
    const behind = await enrol(market.api, cohort.id, after.auth);
    expect([queued.waitlistPosition, behind.waitlistPosition]).toEqual([1, 2]);

    await holdRanOut(market, seat.id);
    // Before the timer has run: the hold is over, so no payment can start.
    for (const method of ['stripe', 'bank_transfer']) {
      const refused = await paySeat(market, late.auth, seat.id, method);
      expect([refused.status, refused.body.code]).toEqual([409, 'SEAT_HOLD_EXPIRED']);
      expect(refused.body.details.heldUntil).toEqual(expect.any(String));
    }
    expect((await seatPayment(market, late.auth, seat.id)).payments).toEqual([]);

    const before = Date.now();
    expect(await releaseExpiredHolds(market)).toBe(1);
    const gone = await seatPayment(market, late.auth, seat.id);
    expect(gone.enrollment).toMatchObject({ status: 'withdrawn', seatHeldUntil: null, seatPaid: false });
    expect(await lastReason(seat.id)).toBe('SEAT_HOLD_EXPIRED');
    expect(await noticeOf(market, late.auth, 'cohort.seat-expired')).toMatchObject({
      params: { cohortTitle: expect.any(String) },
    });

    // The freed seat is the first in the queue's, held for them to pay.
    await eventually(
      async () => (await onRoster(market, trainer.auth, cohort.id, queued.id)).status === 'awaiting_payment',
      {
        what: 'the head of the waitlist given the freed seat',
      },
    );
    const promoted = await onRoster(market, trainer.auth, cohort.id, queued.id);
    expect(promoted).toMatchObject({
      status: 'awaiting_payment',
      seatFeeFen: 5000,
      waitlistPosition: null,
      seatPaid: false,
    });
    expect(new Date(promoted.seatHeldUntil!).getTime()).toBeGreaterThanOrEqual(before + 24 * HOUR - 1000);
    expect(await onRoster(market, trainer.auth, cohort.id, behind.id)).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect(await noticeOf(market, next.auth, 'cohort.seat-held')).toMatchObject({
      params: { amountFen: 5000, heldUntil: promoted.seatHeldUntil },
    });
    // The new holder can pay.
    await paySeat(market, next.auth, queued.id, 'bank_transfer').expect(201);

    // The timer again (through its processor): nothing left to release, nothing changes.
    await drained(market.worker);
    const timers = market.worker.module.get(TrainingTimersProcessor);
    expect(await timers.process({ name: 'training.release-seat-holds' } as never)).toBe(0);
    await drained(market.worker);
    const list = await roster(market, trainer.auth, cohort.id);
    expect(list).toMatchObject({ enrolledCount: 0, awaitingPaymentCount: 1, waitlistLength: 1 });
    // Its hold is still there (only longer: the new holder chose a transfer, which takes days).
    const stillHeld = list.items.find((e) => e.id === queued.id)!;
    expect(stillHeld.status).toBe('awaiting_payment');
    expect(new Date(stillHeld.seatHeldUntil!).getTime()).toBeGreaterThan(new Date(promoted.seatHeldUntil!).getTime());
    expect(await noticesRequested(market, 'cohort.seat-expired', late.id)).toBe(1);
    expect(await noticesRequested(market, 'cohort.seat-held', next.id)).toBe(1);
    expect(await noticesRequested(market, 'cohort.seat-held', after.id)).toBe(0);
  });

  it('gives back a bank transfer confirmed after the hold was released, and keeps the seat with its new holder', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 6600, { capacity: 1 });
    const [late, next] = await trainees(market, 2);
    const seat = await enrol(market.api, cohort.id, late.auth);
    const queued = await enrol(market.api, cohort.id, next.auth);
    const asked = (await paySeat(market, late.auth, seat.id, 'bank_transfer').expect(201)).body as SeatPaymentView;
    const paymentId = asked.payments[0].id;

    await holdRanOut(market, seat.id);
    await releaseExpiredHolds(market);
    expect((await seatPayment(market, late.auth, seat.id)).enrollment.status).toBe('withdrawn');
    await eventually(
      async () => (await onRoster(market, trainer.auth, cohort.id, queued.id)).status === 'awaiting_payment',
      {
        what: 'the freed seat given to the waitlist',
      },
    );

    // The money reaches the bank anyway, and finance confirms it.
    await confirmBankTransfer(market, asked.bankTransfer!.reference, `ICBC-${randomUUID().slice(0, 8)}`);
    await eventually(async () => (await journalRows(market, `seat-owed-back:${paymentId}`)) > 0, {
      what: 'the late transfer owed back',
    });
    // Delivered again, it is owed back once.
    await redeliverPaymentSucceeded(paymentId);
    await drained(market.worker);
    expect(await journalRows(market, `seat-owed-back:${paymentId}`)).toBe(2);
    expect(await journal(market, `seat-owed-back:${paymentId}`)).toEqual({ [CASH]: 6600, [REFUNDS_DUE]: -6600 });
    expect(await journalRows(market, `seat-paid:${seat.id}`)).toBe(0);
    const [owed] = await seatRefunds(market, seat.id);
    expect(await seatRefunds(market, seat.id)).toHaveLength(1);
    expect(owed).toMatchObject({
      paymentId,
      paymentMethod: 'bank_transfer',
      purpose: 'cohort_seat',
      amountFen: 6600,
      status: 'pending',
      reason: 'SEAT_PAID_TOO_LATE',
    });
    // The seat is not given back: the late payer stays withdrawn, the new holder keeps it.
    const mine = await seatPayment(market, late.auth, seat.id);
    expect(mine.enrollment).toMatchObject({ status: 'withdrawn', seatPaid: false });
    expect(mine.payments).toEqual([expect.objectContaining({ id: paymentId, status: 'succeeded' })]);
    expect(await onRoster(market, trainer.auth, cohort.id, queued.id)).toMatchObject({ status: 'awaiting_payment' });
    expect(await roster(market, trainer.auth, cohort.id)).toMatchObject({ enrolledCount: 0, awaitingPaymentCount: 1 });
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({
      heldFen: 0,
      availableFen: 0,
    });
    expect(await trialBalance(market)).toBe(0);

    // A transfer's refund is finance's to send, never the Stripe sender's.
    await sendRefunds(market);
    expect((await seatRefunds(market, seat.id))[0].status).toBe('pending');
    expect(stripe.refunds.filter((r) => (r.metadata as { refundId: string }).refundId === owed.id)).toEqual([]);

    await http()
      .post(`/api/v1/finance/refunds/${owed.id}/mark-paid`)
      .set(market.admin)
      .send({ reference: 'ICBC-RETURN-0001' })
      .expect(201);
    await eventually(async () => (await journalRows(market, `refund:${owed.id}`)) > 0, { what: 'the refund posted' });
    expect(await journal(market, `refund:${owed.id}`)).toEqual({ [REFUNDS_DUE]: 6600, [CASH]: -6600 });
    const keys = [`seat-owed-back:${paymentId}`, `refund:${owed.id}`];
    expect(await balanceOver(market, CASH, keys)).toBe(0);
    expect(await balanceOver(market, REFUNDS_DUE, keys)).toBe(0);
    expect(await noticeOf(market, late.auth, 'cohort.seat-refunded')).toMatchObject({ params: { amountFen: 6600 } });
    expect(await trialBalance(market)).toBe(0);
  });

  it('refunds through Stripe a payment that succeeds after the hold was released', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 7700, { capacity: 1 });
    const [late, next] = await trainees(market, 2);
    const seat = await enrol(market.api, cohort.id, late.auth);
    const queued = await enrol(market.api, cohort.id, next.auth);
    const { paymentId, intentId } = await startStripePayment(market, late.auth, seat.id);

    await holdRanOut(market, seat.id);
    await releaseExpiredHolds(market);
    expect((await seatPayment(market, late.auth, seat.id)).enrollment.status).toBe('withdrawn');
    await eventually(
      async () => (await onRoster(market, trainer.auth, cohort.id, queued.id)).status === 'awaiting_payment',
      {
        what: 'the freed seat given to the waitlist',
      },
    );

    // The trainee finishes paying on the page they still had open.
    await stripePaymentSucceeded(market.api, stripe, intentId);
    await eventually(async () => (await journalRows(market, `seat-owed-back:${paymentId}`)) > 0, {
      what: 'the late payment owed back',
    });
    expect(await journal(market, `seat-owed-back:${paymentId}`)).toEqual({ [CASH]: 7700, [REFUNDS_DUE]: -7700 });
    const refunds = await seatRefunds(market, seat.id);
    expect(refunds).toEqual([
      expect.objectContaining({ paymentId, amountFen: 7700, reason: 'SEAT_PAID_TOO_LATE', paymentMethod: 'stripe' }),
    ]);
    const [owed] = refunds;

    // The worker's refund sender gives it back through Stripe, which answers at once.
    await sendRefunds(market);
    await eventually(async () => (await journalRows(market, `refund:${owed.id}`)) > 0, { what: 'the refund posted' });
    const sent = stripe.refunds.filter((r) => (r.metadata as { refundId: string }).refundId === owed.id);
    expect(sent).toEqual([expect.objectContaining({ payment_intent: intentId, amount: 7700 })]);
    expect(
      stripe.requests.filter((r) => r.path === '/v1/refunds' && r.idempotencyKey === `furrow-refund-${owed.id}`).length,
    ).toBeGreaterThan(0);
    expect((await seatRefunds(market, seat.id))[0]).toMatchObject({
      status: 'succeeded',
      externalReference: sent[0].id,
    });
    expect(await journal(market, `refund:${owed.id}`)).toEqual({ [REFUNDS_DUE]: 7700, [CASH]: -7700 });
    const keys = [`seat-owed-back:${paymentId}`, `refund:${owed.id}`];
    expect(await balanceOver(market, CASH, keys)).toBe(0);
    expect(await balanceOver(market, REFUNDS_DUE, keys)).toBe(0);

    // Stripe's own refund.updated later changes nothing more.
    await stripeSends(market.api, stripe, 'refund.updated', { ...sent[0], status: 'succeeded' });
    await drained(market.worker);
    expect(await journalRows(market, `refund:${owed.id}`)).toBe(2);

    expect((await seatPayment(market, late.auth, seat.id)).enrollment).toMatchObject({
      status: 'withdrawn',
      seatPaid: false,
    });
    expect(await onRoster(market, trainer.auth, cohort.id, queued.id)).toMatchObject({ status: 'awaiting_payment' });
    expect(await journalRows(market, `seat-paid:${seat.id}`)).toBe(0);
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({ heldFen: 0 });
    expect((await inbox(market, late.auth)).map((n) => n.kind)).toContain('cohort.seat-refunded');
    expect(await trialBalance(market)).toBe(0);
  });
});
