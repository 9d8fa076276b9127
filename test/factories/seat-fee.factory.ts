import { randomUUID } from 'node:crypto';
import { StripeJobsProcessor } from '../../src/modules/payments/stripe/stripe-jobs.processor';
import { CohortTimers } from '../../src/modules/training/cohort-timers.service';
import { eventually } from '../utils/eventually';
import { startFakeStripe } from '../utils/fake-stripe';
import { Auth, confirmBankTransfer, MarketplaceWithWorker, stripePaymentSucceeded } from '../utils/marketplace';

/* What paying for a seat takes, over HTTP as the trainee and finance do it (docs/training.md, "Seat fees"). */

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

/** One payment of a seat as GET/POST /enrollments/:id/payment shows it. */
export interface SeatPaymentAnswer {
  id: string;
  method: 'stripe' | 'bank_transfer';
  status: string;
  amountFen: number;
  currency: string;
  transferReference: string | null;
  clientSecret: string | null;
}

/** An enrollment as the API answers it, seat fee fields included. */
export interface SeatEnrollment {
  id: string;
  cohortId: string;
  traineeId: string;
  status: 'awaiting_payment' | 'enrolled' | 'waitlisted' | 'withdrawn' | 'completed' | 'not_completed';
  waitlistPosition: number | null;
  seatFeeFen: number;
  seatHeldUntil: string | null;
  seatPaid: boolean;
}

/** The body of GET/POST /enrollments/:id/payment. */
export interface SeatPaymentView {
  enrollment: SeatEnrollment;
  payments: SeatPaymentAnswer[];
  bankTransfer: {
    accountName: string;
    bankName: string;
    accountNumber: string;
    amountFen: number;
    reference: string;
  } | null;
}

/** A refund as finance lists it (GET /finance/refunds). */
export interface FinanceRefund {
  id: string;
  paymentId: string;
  paymentMethod: string;
  purpose: string;
  referenceId: string;
  amountFen: number;
  status: string;
  reason: string;
  externalReference: string | null;
}

/** POST /enrollments/:id/payment as `trainee` (the status is the caller's to check). */
export const paySeat = (
  market: Pick<MarketplaceWithWorker, 'api'>,
  trainee: Auth,
  enrollmentId: string,
  paymentMethod: unknown,
) => market.api.http().post(`/api/v1/enrollments/${enrollmentId}/payment`).set(trainee).send({ paymentMethod });

/** GET /enrollments/:id/payment as `trainee` (200). */
export async function seatPayment(
  market: Pick<MarketplaceWithWorker, 'api'>,
  trainee: Auth,
  enrollmentId: string,
): Promise<SeatPaymentView> {
  return (await market.api.http().get(`/api/v1/enrollments/${enrollmentId}/payment`).set(trainee).expect(200))
    .body as SeatPaymentView;
}

/** The trainee starts paying their held seat through Stripe: the payment and its PaymentIntent's id. */
export async function startStripePayment(
  market: Pick<MarketplaceWithWorker, 'api'>,
  trainee: Auth,
  enrollmentId: string,
): Promise<{ paymentId: string; intentId: string }> {
  const res = await paySeat(market, trainee, enrollmentId, 'stripe').expect(201);
  const payment = (res.body as SeatPaymentView).payments[0];
  return { paymentId: payment.id, intentId: payment.clientSecret!.split('_secret_')[0] };
}

/**
 * The held seat paid through Stripe: the trainee starts the payment, Stripe sends its signed
 * payment_intent.succeeded, and the worker confirms the seat (waited for).
 */
export async function paySeatByStripe(
  market: MarketplaceWithWorker,
  stripe: FakeStripe,
  trainee: Auth,
  enrollmentId: string,
): Promise<{ paymentId: string; intentId: string }> {
  const started = await startStripePayment(market, trainee, enrollmentId);
  await stripePaymentSucceeded(market.api, stripe, started.intentId);
  await eventually(async () => (await seatPayment(market, trainee, enrollmentId)).enrollment.seatPaid, {
    what: `the seat of ${enrollmentId} paid by Stripe`,
  });
  return started;
}

/** The held seat paid by bank transfer: the trainee asks for the transfer details, finance confirms it (waited for). */
export async function paySeatByTransfer(
  market: MarketplaceWithWorker,
  trainee: Auth,
  enrollmentId: string,
): Promise<{ paymentId: string; reference: string }> {
  const res = await paySeat(market, trainee, enrollmentId, 'bank_transfer').expect(201);
  const view = res.body as SeatPaymentView;
  await confirmBankTransfer(market, view.bankTransfer!.reference, `ICBC-${randomUUID().slice(0, 8)}`);
  await eventually(async () => (await seatPayment(market, trainee, enrollmentId)).enrollment.seatPaid, {
    what: `the seat of ${enrollmentId} paid by transfer`,
  });
  return { paymentId: view.payments[0].id, reference: view.bankTransfer!.reference };
}

/** The seat's hold ran out a second ago (no API moves a clock). */
export async function holdRanOut(market: MarketplaceWithWorker, enrollmentId: string): Promise<void> {
  await market.worker.dataSource.query(
    `UPDATE enrollments SET seat_held_until = now() - interval '1 second' WHERE id = $1`,
    [enrollmentId],
  );
}

/** The release-seat-holds timer, run once now; how many holds it released. */
export const releaseExpiredHolds = (market: MarketplaceWithWorker): Promise<number> =>
  market.worker.module.get(CohortTimers).releaseExpiredHolds();

/** The worker's refund sender, run once now (it also runs every 30 s on its own). */
export const sendRefunds = (market: MarketplaceWithWorker): Promise<number> =>
  market.worker.module.get(StripeJobsProcessor).process({ name: 'payments.send-refunds' } as never);

/** Every refund of an enrollment's seat fee, as finance lists them (oldest first). */
export async function seatRefunds(market: MarketplaceWithWorker, enrollmentId: string): Promise<FinanceRefund[]> {
  const res = await market.api.http().get('/api/v1/finance/refunds?limit=100').set(market.admin).expect(200);
  return (res.body.items as FinanceRefund[]).filter((r) => r.referenceId === enrollmentId).reverse();
}

/** The legs of one ledger journal, account → fen (read from the database: no API lists a journal). */
export async function journal(market: MarketplaceWithWorker, journalKey: string): Promise<Record<string, number>> {
  const rows: Array<{ account: string; amount: string }> = await market.worker.dataSource.query(
    `SELECT account, sum(amount_fen)::bigint AS amount FROM ledger_entries WHERE journal_key = $1 GROUP BY account`,
    [journalKey],
  );
  return Object.fromEntries(rows.map((r) => [r.account, Number(r.amount)]));
}

/** How many ledger rows a journal has (a journal posted twice would have twice as many). */
export async function journalRows(market: MarketplaceWithWorker, journalKey: string): Promise<number> {
  const [{ n }] = await market.worker.dataSource.query(
    `SELECT count(*)::int AS n FROM ledger_entries WHERE journal_key = $1`,
    [journalKey],
  );
  return n as number;
}

/** An account's balance over some journals only. */
export async function balanceOver(
  market: MarketplaceWithWorker,
  account: string,
  journalKeys: string[],
): Promise<number> {
  const [{ total }] = await market.worker.dataSource.query(
    `SELECT coalesce(sum(amount_fen), 0)::bigint AS total FROM ledger_entries WHERE account = $1 AND journal_key = ANY($2)`,
    [account, journalKeys],
  );
  return Number(total);
}

/** The sum of every ledger entry, as finance reads it (always 0). */
export async function trialBalance(market: Pick<MarketplaceWithWorker, 'api' | 'admin'>): Promise<number> {
  return (await market.api.http().get('/api/v1/finance/ledger/trial-balance').set(market.admin).expect(200)).body
    .totalFen as number;
}

/** The collecting store's balance as its owner (the trainer) reads it: held until the cohort finishes, and available. */
export async function storeBalance(
  market: Pick<MarketplaceWithWorker, 'api'>,
  owner: Auth,
  sellerId: string,
): Promise<{
  heldFen: number;
  availableFen: number;
  payouts: Array<{ id: string; amountFen: number; status: string }>;
}> {
  return (await market.api.http().get(`/api/v1/seller/stores/${sellerId}/balance`).set(owner).expect(200)).body;
}

/** The trainee's inbox: each notification's kind, text and params, newest first. */
export async function inbox(
  market: Pick<MarketplaceWithWorker, 'api'>,
  trainee: Auth,
): Promise<Array<{ kind: string; title: string; body: string; params: Record<string, string | number> }>> {
  return (await market.api.http().get('/api/v1/me/notifications?limit=100').set(trainee).expect(200)).body.items;
}

/** Waits until the trainee's inbox has a notification of `kind`, and returns it. */
export function noticeOf(market: Pick<MarketplaceWithWorker, 'api'>, trainee: Auth, kind: string) {
  return eventually(async () => (await inbox(market, trainee)).find((n) => n.kind === kind), {
    what: `a ${kind} notification`,
  });
}

/** How many notifications of `kind` were asked for `recipientUserId` (from the outbox, delivered or not). */
export async function noticesRequested(
  market: MarketplaceWithWorker,
  kind: string,
  recipientUserId: string,
): Promise<number> {
  const [{ n }] = await market.worker.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox_events
      WHERE type = 'notification.requested' AND payload->>'kind' = $1 AND payload->>'recipientUserId' = $2`,
    [kind, recipientUserId],
  );
  return n as number;
}

/** The cohort's roster as its trainer reads it. */
export async function roster(market: Pick<MarketplaceWithWorker, 'api'>, trainer: Auth, cohortId: string) {
  return (await market.api.http().get(`/api/v1/cohorts/${cohortId}/enrollments`).set(trainer).expect(200)).body as {
    enrolledCount: number;
    awaitingPaymentCount: number;
    waitlistLength: number;
    items: SeatEnrollment[];
  };
}

/** One enrollment on its cohort's roster. */
export async function onRoster(
  market: Pick<MarketplaceWithWorker, 'api'>,
  trainer: Auth,
  cohortId: string,
  enrollmentId: string,
) {
  return (await roster(market, trainer, cohortId)).items.find((e) => e.id === enrollmentId)!;
}
