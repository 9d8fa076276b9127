import { DataSource } from 'typeorm';
import { startCohort } from '../factories/certificate.factory';
import { newFeeCollectingTrainer, openPaidCohort } from '../factories/cohort.factory';
import { enrol } from '../factories/enrollment.factory';
import {
  balanceOver,
  FakeStripe,
  journal,
  journalRows,
  noticeOf,
  noticesRequested,
  onRoster,
  paySeat,
  paySeatByStripe,
  paySeatByTransfer,
  roster,
  seatPayment,
  seatRefunds,
  sendRefunds,
  startStripePayment,
  storeBalance,
  trialBalance,
} from '../factories/seat-fee.factory';
import { Trainee, trainees } from '../factories/trainee.factory';
import { drained } from '../utils/drained';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import {
  Auth,
  fakeStripeEnvironment,
  MarketplaceWithWorker,
  startMarketplace,
  stripePaymentSucceeded,
  stripeSends,
} from '../utils/marketplace';

const CASH = 'platform:cash';
const held = (sellerId: string) => `seller:${sellerId}:held`;
const available = (sellerId: string) => `seller:${sellerId}:available`;

type FeeTrainer = Awaited<ReturnType<typeof newFeeCollectingTrainer>>;

describe('seat fees: refunds on withdrawal and cancellation, and the fees paid out when a cohort finishes', () => {
  let market: MarketplaceWithWorker;
  let stripe: FakeStripe;
  let ds: DataSource;
  const http = () => market.api.http();

  beforeAll(async () => {
    stripe = await startFakeStripe();
    market = await startMarketplace({
      ...fakeStripeEnvironment(stripe),
      TRAINING_TIMER_SWEEP_SECONDS: String(24 * 3600),
    });
    ds = market.worker.dataSource;
  });
  afterEach(() => stripe.refundsSettleLater(false));
  afterAll(async () => {
    await market?.close();
    await stripe?.close();
  });

  const withdraw = (who: Auth, enrollmentId: string, reason = '家里农忙') =>
    http().post(`/api/v1/enrollments/${enrollmentId}/withdraw`).set(who).send({ reason });

  const lastReason = async (enrollmentId: string) =>
    (
      await ds.query(
        `SELECT reason FROM enrollment_status_changes WHERE enrollment_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
        [enrollmentId],
      )
    )[0].reason as string | null;

  /** A trainee with a seat of the cohort paid through Stripe. */
  async function paidSeat(cohortId: string, trainee: Trainee) {
    const seat = await enrol(market.api, cohortId, trainee.auth);
    expect(seat.status).toBe('awaiting_payment');
    const paid = await paySeatByStripe(market, stripe, trainee.auth, seat.id);
    return { ...trainee, enrollmentId: seat.id, ...paid };
  }

  /** The refund sender runs and Stripe's refund of `refundId` reaches the ledger. */
  async function refundSettles(refundId: string) {
    await sendRefunds(market);
    await eventually(async () => (await journalRows(market, `refund:${refundId}`)) > 0, {
      what: `refund ${refundId} posted`,
    });
  }

  /** A seat is freed in a cohort with a queue: its head is held a seat to pay for, and told so. */
  async function headHeld(trainer: FeeTrainer, cohortId: string, waiting: Trainee, enrollmentId: string, fee: number) {
    await eventually(
      async () => (await onRoster(market, trainer.auth, cohortId, enrollmentId)).status === 'awaiting_payment',
      {
        what: 'the freed seat given to the head of the waitlist',
      },
    );
    const promoted = await onRoster(market, trainer.auth, cohortId, enrollmentId);
    expect(promoted).toMatchObject({ seatFeeFen: fee, waitlistPosition: null, seatHeldUntil: expect.any(String) });
    expect(new Date(promoted.seatHeldUntil!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(await noticeOf(market, waiting.auth, 'cohort.seat-held')).toMatchObject({ params: { amountFen: fee } });
  }

  /** The clock passes the cohort's start (refunds of trainees leaving are by `startsAt`, not by the status). */
  const pastItsStart = (cohortId: string) =>
    market.worker.dataSource.query(`UPDATE cohorts SET starts_at = now() - interval '1 minute' WHERE id = $1`, [
      cohortId,
    ]);

  it('refunds in full a paid trainee who leaves an open cohort, through Stripe, and gives the seat to the queue', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 15000, { capacity: 1 });
    const [payer, waiting] = await trainees(market, 2);
    const seat = await paidSeat(cohort.id, payer);
    const queued = await enrol(market.api, cohort.id, waiting.auth);
    expect(queued.status).toBe('waitlisted');
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({ heldFen: 15000 });

    const left = await withdraw(payer.auth, seat.enrollmentId).expect(201);
    expect(left.body).toMatchObject({ status: 'withdrawn', seatPaid: true });
    const refunds = await seatRefunds(market, seat.enrollmentId);
    expect(refunds).toEqual([
      expect.objectContaining({
        paymentId: seat.paymentId,
        purpose: 'cohort_seat',
        amountFen: 15000,
        reason: 'SEAT_GIVEN_UP_BEFORE_START',
        paymentMethod: 'stripe',
      }),
    ]);
    await refundSettles(refunds[0].id);
    const sent = stripe.refunds.filter((r) => (r.metadata as { refundId: string }).refundId === refunds[0].id);
    expect(sent).toEqual([expect.objectContaining({ payment_intent: seat.intentId, amount: 15000 })]);
    expect((await seatRefunds(market, seat.enrollmentId))[0]).toMatchObject({ status: 'succeeded' });
    expect(await journal(market, `refund:${refunds[0].id}`)).toEqual({
      [held(trainer.feeSellerId)]: 15000,
      [CASH]: -15000,
    });
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({
      heldFen: 0,
      availableFen: 0,
    });
    expect(await noticeOf(market, payer.auth, 'cohort.seat-refunded')).toMatchObject({
      params: { amountFen: 15000 },
      body: expect.stringContaining('¥150.00'),
    });

    await headHeld(trainer, cohort.id, waiting, queued.id, 15000);
    expect(await trialBalance(market)).toBe(0);
  });

  it('refunds nothing to a paid trainee who leaves a cohort after its start; the seat goes to the queue', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 15000, { capacity: 1 });
    const [payer, waiting] = await trainees(market, 2);
    const seat = await paidSeat(cohort.id, payer);
    const queued = await enrol(market.api, cohort.id, waiting.auth);
    await startCohort(market.api, trainer.auth, cohort.id);
    await pastItsStart(cohort.id);

    await withdraw(payer.auth, seat.enrollmentId).expect(201);
    await headHeld(trainer, cohort.id, waiting, queued.id, 15000);
    await drained(market.worker);
    await sendRefunds(market);
    await drained(market.worker);
    expect(await seatRefunds(market, seat.enrollmentId)).toEqual([]);
    expect(stripe.refunds.filter((r) => r.payment_intent === seat.intentId)).toEqual([]);
    expect(await noticesRequested(market, 'cohort.seat-refunded', payer.id)).toBe(0);
    // The fee stays with the store, to be paid out when the cohort finishes.
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({ heldFen: 15000 });
    expect(await trialBalance(market)).toBe(0);
  });

  it('refunds in full a paid trainee the trainer withdraws from a running cohort; the seat goes to the queue', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 15000, { capacity: 2 });
    const [payer, stays, waiting] = await trainees(market, 3);
    const seat = await paidSeat(cohort.id, payer);
    await paidSeat(cohort.id, stays);
    const queued = await enrol(market.api, cohort.id, waiting.auth);
    await startCohort(market.api, trainer.auth, cohort.id);
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({ heldFen: 30000 });

    await withdraw(trainer.auth, seat.enrollmentId, '多次缺课').expect(201);
    const refunds = await seatRefunds(market, seat.enrollmentId);
    expect(refunds).toEqual([
      expect.objectContaining({ paymentId: seat.paymentId, amountFen: 15000, reason: 'SEAT_WITHDRAWN_BY_TRAINER' }),
    ]);
    await refundSettles(refunds[0].id);
    expect(stripe.refunds.filter((r) => r.payment_intent === seat.intentId)).toEqual([
      expect.objectContaining({ amount: 15000 }),
    ]);
    expect(await journal(market, `refund:${refunds[0].id}`)).toEqual({
      [held(trainer.feeSellerId)]: 15000,
      [CASH]: -15000,
    });
    expect(
      await balanceOver(market, held(trainer.feeSellerId), [
        `seat-paid:${seat.enrollmentId}`,
        `refund:${refunds[0].id}`,
      ]),
    ).toBe(0);
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({ heldFen: 15000 });
    expect(await noticeOf(market, payer.auth, 'cohort.seat-refunded')).toMatchObject({ params: { amountFen: 15000 } });
    await headHeld(trainer, cohort.id, waiting, queued.id, 15000);
    expect(await trialBalance(market)).toBe(0);
  });

  it('withdraws everyone when a cohort is cancelled and refunds the paid seats only, by Stripe and by transfer', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 8800, { capacity: 3 });
    const [byCard, byBank, holding, waiting] = await trainees(market, 4);
    const card = await paidSeat(cohort.id, byCard);
    const bankSeat = await enrol(market.api, cohort.id, byBank.auth);
    const bank = await paySeatByTransfer(market, byBank.auth, bankSeat.id);
    const hold = await enrol(market.api, cohort.id, holding.auth);
    // The holder asked for transfer details but never sent the money.
    await paySeat(market, holding.auth, hold.id, 'bank_transfer').expect(201);
    const queued = await enrol(market.api, cohort.id, waiting.auth);
    expect([hold.status, queued.status]).toEqual(['awaiting_payment', 'waitlisted']);
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({ heldFen: 17600 });

    // Stripe will settle the card refund later (refund.updated), whichever run of the sender sends it.
    stripe.refundsSettleLater(true);
    await http().post(`/api/v1/cohorts/${cohort.id}/cancel`).set(trainer.auth).send({ reason: '场地维修' }).expect(201);
    await drained(market.worker);
    const list = await roster(market, trainer.auth, cohort.id);
    expect(list).toMatchObject({ enrolledCount: 0, awaitingPaymentCount: 0, waitlistLength: 0 });
    for (const id of [card.enrollmentId, bankSeat.id, hold.id, queued.id]) {
      expect(list.items.find((e) => e.id === id)).toMatchObject({ status: 'withdrawn' });
      expect(await lastReason(id)).toBe('COHORT_CANCELLED');
    }
    const [cardRefunds, bankRefunds] = [
      await seatRefunds(market, card.enrollmentId),
      await seatRefunds(market, bankSeat.id),
    ];
    expect(cardRefunds).toEqual([
      expect.objectContaining({
        paymentId: card.paymentId,
        amountFen: 8800,
        reason: 'COHORT_CANCELLED',
        paymentMethod: 'stripe',
      }),
    ]);
    expect(bankRefunds).toEqual([
      expect.objectContaining({
        paymentId: bank.paymentId,
        amountFen: 8800,
        reason: 'COHORT_CANCELLED',
        paymentMethod: 'bank_transfer',
        status: 'pending',
      }),
    ]);
    expect(await seatRefunds(market, hold.id)).toEqual([]);
    expect(await seatRefunds(market, queued.id)).toEqual([]);

    // Stripe's goes back by the sender and settles later (refund.updated); the transfer's when
    // finance has sent it back.
    await sendRefunds(market);
    stripe.refundsSettleLater(false);
    const sent = stripe.refunds.filter((r) => r.payment_intent === card.intentId);
    expect(sent).toEqual([expect.objectContaining({ amount: 8800, status: 'pending' })]);
    await drained(market.worker);
    expect((await seatRefunds(market, card.enrollmentId))[0].status).toBe('pending');
    expect(await journalRows(market, `refund:${cardRefunds[0].id}`)).toBe(0);
    await stripeSends(market.api, stripe, 'refund.updated', { ...sent[0], status: 'succeeded' });
    await eventually(async () => (await journalRows(market, `refund:${cardRefunds[0].id}`)) > 0, {
      what: 'the card refund posted',
    });
    expect(await journal(market, `refund:${cardRefunds[0].id}`)).toEqual({
      [held(trainer.feeSellerId)]: 8800,
      [CASH]: -8800,
    });
    await http()
      .post(`/api/v1/finance/refunds/${bankRefunds[0].id}/mark-paid`)
      .set(market.admin)
      .send({ reference: 'ICBC-RETURN-8800' })
      .expect(201);
    await eventually(async () => (await journalRows(market, `refund:${bankRefunds[0].id}`)) > 0, {
      what: 'the transfer refund posted',
    });
    const journals = [
      `seat-paid:${card.enrollmentId}`,
      `seat-paid:${bankSeat.id}`,
      `refund:${cardRefunds[0].id}`,
      `refund:${bankRefunds[0].id}`,
    ];
    expect(await balanceOver(market, held(trainer.feeSellerId), journals)).toBe(0);
    expect(await balanceOver(market, CASH, journals)).toBe(0);
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({
      heldFen: 0,
      availableFen: 0,
    });
    for (const t of [byCard, byBank, holding, waiting]) {
      expect(await noticesRequested(market, 'cohort.cancelled', t.id)).toBe(1);
    }
    expect(await noticeOf(market, byCard.auth, 'cohort.seat-refunded')).toMatchObject({ params: { amountFen: 8800 } });
    expect(await noticeOf(market, byBank.auth, 'cohort.seat-refunded')).toMatchObject({ params: { amountFen: 8800 } });
    // Nobody was moved up into a cancelled cohort.
    await drained(market.worker);
    expect(await noticesRequested(market, 'cohort.seat-held', waiting.id)).toBe(0);
    expect(await trialBalance(market)).toBe(0);
  });

  it('gives back a held seat’s payment that succeeds after its cohort was cancelled', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const cohort = await openPaidCohort(market, trainer, 5500, { capacity: 2 });
    const [holding] = await trainees(market, 1);
    const hold = await enrol(market.api, cohort.id, holding.auth);
    const { paymentId, intentId } = await startStripePayment(market, holding.auth, hold.id);
    await http().post(`/api/v1/cohorts/${cohort.id}/cancel`).set(trainer.auth).send({ reason: '讲师生病' }).expect(201);
    await drained(market.worker);
    expect(await seatRefunds(market, hold.id)).toEqual([]);

    await stripePaymentSucceeded(market.api, stripe, intentId);
    await eventually(async () => (await journalRows(market, `seat-owed-back:${paymentId}`)) > 0, {
      what: 'the payment owed back',
    });
    const [owed] = await seatRefunds(market, hold.id);
    expect(owed).toMatchObject({ paymentId, amountFen: 5500, reason: 'SEAT_PAID_TOO_LATE' });
    await refundSettles(owed.id);
    expect(stripe.refunds.filter((r) => r.payment_intent === intentId)).toEqual([
      expect.objectContaining({ amount: 5500 }),
    ]);
    const keys = [`seat-owed-back:${paymentId}`, `refund:${owed.id}`];
    expect(await balanceOver(market, CASH, keys)).toBe(0);
    expect(await balanceOver(market, 'platform:refunds-due', keys)).toBe(0);
    expect((await seatPayment(market, holding.auth, hold.id)).enrollment).toMatchObject({
      status: 'withdrawn',
      seatPaid: false,
    });
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({
      heldFen: 0,
      availableFen: 0,
    });
    expect(await trialBalance(market)).toBe(0);
  });

  it('releases each paid seat’s fee less its refund when the cohort finishes, and pays the store exactly that', async () => {
    const trainer = await newFeeCollectingTrainer(market);
    const fee = 10000;
    const cohort = await openPaidCohort(market, trainer, fee, { capacity: 6 });
    const [one, two, removed, removedByBank, quitter, unpaid] = await trainees(market, 6);
    const a = await paidSeat(cohort.id, one);
    const b = await paidSeat(cohort.id, two);
    const c = await paidSeat(cohort.id, removed);
    const eSeat = await enrol(market.api, cohort.id, removedByBank.auth);
    await paySeatByTransfer(market, removedByBank.auth, eSeat.id);
    const d = await paidSeat(cohort.id, quitter);
    const hold = await enrol(market.api, cohort.id, unpaid.auth);
    expect(hold.status).toBe('awaiting_payment');
    await startCohort(market.api, trainer.auth, cohort.id);
    await pastItsStart(cohort.id);

    // The trainer takes two paid seats away (refunded in full: by Stripe at once, by transfer
    // still waiting for finance at the finish); one trainee leaves on their own (no refund).
    await withdraw(trainer.auth, c.enrollmentId, '未到课').expect(201);
    const [refund] = await seatRefunds(market, c.enrollmentId);
    expect(refund).toMatchObject({ amountFen: fee, reason: 'SEAT_WITHDRAWN_BY_TRAINER' });
    await refundSettles(refund.id);
    await withdraw(trainer.auth, eSeat.id, '未到课').expect(201);
    const [bankRefund] = await seatRefunds(market, eSeat.id);
    expect(bankRefund).toMatchObject({ amountFen: fee, reason: 'SEAT_WITHDRAWN_BY_TRAINER', status: 'pending' });
    await withdraw(quitter.auth, d.enrollmentId).expect(201);
    expect(await seatRefunds(market, d.enrollmentId)).toEqual([]);
    await drained(market.worker);
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({
      heldFen: 4 * fee,
      availableFen: 0,
    });

    const finished = await http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(trainer.auth).expect(201);
    expect(finished.body).toMatchObject({ cohort: { status: 'finished' }, withdrawn: 1 });
    // The held seat never paid is withdrawn with the cohort.
    expect((await seatPayment(market, unpaid.auth, hold.id)).enrollment).toMatchObject({
      status: 'withdrawn',
      seatPaid: false,
    });
    expect(await lastReason(hold.id)).toBe('COHORT_FINISHED');

    for (const seat of [a, b, d]) {
      expect(await journal(market, `seat-released:${seat.enrollmentId}`)).toEqual({
        [held(trainer.feeSellerId)]: fee,
        [available(trainer.feeSellerId)]: -fee,
      });
    }
    // The refunded seats have nothing left to release; the unpaid one had nothing.
    for (const id of [c.enrollmentId, eSeat.id, hold.id])
      expect(await journalRows(market, `seat-released:${id}`)).toBe(0);
    // What is still held is the refund finance has yet to send back.
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({
      heldFen: fee,
      availableFen: 3 * fee,
    });
    await http()
      .post(`/api/v1/finance/refunds/${bankRefund.id}/mark-paid`)
      .set(market.admin)
      .send({ reference: 'ICBC-RETURN-0002' })
      .expect(201);
    await eventually(async () => (await journalRows(market, `refund:${bankRefund.id}`)) > 0, {
      what: 'the transfer refund posted',
    });
    expect(await storeBalance(market, trainer.auth, trainer.feeSellerId)).toMatchObject({
      heldFen: 0,
      availableFen: 3 * fee,
    });

    // Finance's payout run pays the store exactly that, by bank (it has no Stripe account).
    const run = await http().post('/api/v1/finance/payouts/run').set(market.admin).expect(201);
    const payouts = (
      run.body.items as Array<{ id: string; sellerId: string; amountFen: number; status: string }>
    ).filter((p) => p.sellerId === trainer.feeSellerId);
    expect(payouts).toEqual([expect.objectContaining({ amountFen: 3 * fee, status: 'pending' })]);
    await http()
      .post(`/api/v1/finance/payouts/${payouts[0].id}/mark-paid`)
      .set(market.admin)
      .send({ bankReference: 'ICBC-PAYOUT-0001' })
      .expect(201);
    const balance = await storeBalance(market, trainer.auth, trainer.feeSellerId);
    expect(balance).toMatchObject({ heldFen: 0, availableFen: 0 });
    expect(balance.payouts).toEqual([
      expect.objectContaining({ id: payouts[0].id, amountFen: 3 * fee, status: 'paid' }),
    ]);
    // Finishing twice, or another run, pays nothing more.
    await http().post(`/api/v1/cohorts/${cohort.id}/finish`).set(trainer.auth).expect(409);
    const again = await http().post('/api/v1/finance/payouts/run').set(market.admin).expect(201);
    expect(again.body.items.filter((p: { sellerId: string }) => p.sellerId === trainer.feeSellerId)).toEqual([]);
    expect(await trialBalance(market)).toBe(0);
  });
});
