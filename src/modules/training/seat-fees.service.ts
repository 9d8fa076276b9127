import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Fen, sum } from '../../common/money';
import { AppConfig } from '../../config/app-config';
import { Accounts, LedgerService } from '../payments/ledger/ledger.service';
import { PaymentsService } from '../payments/payments.service';
import { Refund } from '../payments/entities/refund.entity';
import { RefundsService } from '../payments/refunds.service';
import { CohortNotices } from './cohort-notices.service';
import { CohortsRepository } from './cohorts.repository';
import type { EnrollmentStatus } from './enrollment-state';
import { EnrollmentsRepository } from './enrollments.repository';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';
import { TrainingLifecycle } from './training-lifecycle.service';
import { SeatFeeErrors, TrainingErrors } from './training.errors';

/** The purpose of a payment for a seat; its `referenceId` is the enrollment. */
export const SEAT_PAYMENT = 'cohort_seat';
/** Marks a refund of money that arrived for a seat no longer held: it comes from `platform:refunds-due`. */
const OWED_BACK = 'owedBack';
/** Why a seat fee went back (refunds.reason). */
export const SEAT_PAID_TOO_LATE = 'SEAT_PAID_TOO_LATE';
export const SEAT_HOLD_EXPIRED = 'SEAT_HOLD_EXPIRED';
const SEAT_REFUND_RETRIED = 'SEAT_REFUND_RETRIED';

/** Refunds still pending or made: a failed one gave nothing back. */
const outstandingRefunds = (refunds: Refund[]) => refunds.filter((r) => r.status !== 'failed');
/** What refunds not yet sent still need. */
const pendingOf = (refunds: Refund[]): Fen =>
  sum(refunds.filter((r) => r.status === 'pending').map((r) => r.amountFen));

/** A card payment the provider is still processing keeps its seat this much past the hold. */
const PROCESSING_GRACE_MS = 3_600_000;

/** What a newly given seat starts as: confirmed when free, else held while its fee is paid. */
export type SeatStart = Pick<Enrollment, 'status' | 'seatFeeFen' | 'seatHeldUntil'> & { status: EnrollmentStatus };

/**
 * The money of seat fees (docs/training.md, "Seat fees"). A seat of a cohort with a fee is
 * held until paid; the payment (purpose `cohort_seat`) confirms it and the fee waits in the
 * collecting store's held balance until the cohort finishes, when it becomes available for
 * payout like any store's sales. Money for a seat no longer held is owed back and refunded;
 * a seat given up before the start (or taken away by the trainer, or by a cancellation) is
 * refunded in full. Every method runs in the caller's transaction, under the cohort's lock.
 */
@Injectable()
export class SeatFees {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly ledger: LedgerService,
    private readonly lifecycle: TrainingLifecycle,
    private readonly notices: CohortNotices,
    private readonly config: AppConfig,
  ) {}

  /** A seat given now: confirmed in a free cohort; in a paid one, held for `TRAINING_SEAT_HOLD_HOURS`. */
  seatFor(cohort: Cohort, now: Date): SeatStart {
    if (cohort.seatFeeFen === 0) return { status: 'enrolled', seatFeeFen: 0, seatHeldUntil: null };
    return {
      status: 'awaiting_payment',
      seatFeeFen: cohort.seatFeeFen,
      seatHeldUntil: new Date(now.getTime() + this.config.training.seatHoldHours * 3_600_000),
    };
  }

  /**
   * A payment for a seat succeeded. A held seat becomes the trainee's (cash in, the store's
   * held balance owed); money for anything else (a hold that ended, a seat already paid by
   * another payment) is owed back. Safe to run twice: the seat names the payment that paid
   * it, and each payment is owed back once (its journal key).
   */
  async settlePayment(em: EntityManager, paymentId: string, enrollmentId: string): Promise<void> {
    const found = await this.enrollments.findEnrollment(enrollmentId, em);
    if (!found) return;
    const cohort = await this.cohorts.lockCohort(em, found.cohortId);
    const enrollment = await this.enrollments.findEnrollment(enrollmentId, em);
    if (!cohort || !enrollment || enrollment.seatPaymentId === paymentId) return;
    const payment = await this.payments.get(paymentId, em);
    if (enrollment.status === 'awaiting_payment' && payment.amountFen === enrollment.seatFeeFen) {
      enrollment.seatPaymentId = payment.id;
      await this.lifecycle.moveEnrollment(em, enrollment, 'enrolled', null, 'seat fee paid');
      await this.ledger.post(em, `seat-paid:${enrollment.id}`, 'trainee paid a seat fee', [
        { account: Accounts.cash, amountFen: payment.amountFen },
        { account: Accounts.held(cohort.feeSellerId!), amountFen: -payment.amountFen },
      ]);
      await this.notices.tellEnrolled(em, cohort, enrollment.traineeId);
      return;
    }
    const posted = await this.ledger.post(em, `seat-owed-back:${payment.id}`, 'payment for a seat no longer held', [
      { account: Accounts.cash, amountFen: payment.amountFen },
      { account: Accounts.refundsDue, amountFen: -payment.amountFen },
    ]);
    if (!posted) return;
    await this.refunds.recordPending(em, {
      paymentId: payment.id,
      purpose: SEAT_PAYMENT,
      referenceId: enrollment.id,
      amountFen: payment.amountFen,
      reason: SEAT_PAID_TOO_LATE,
      requestedBy: null,
      instructions: { [OWED_BACK]: true },
    });
  }

  /**
   * A held seat's time ran out (the timer, under the cohort's lock). Money that arrived is
   * settled rather than lost to the timer racing the worker's `payment.succeeded`; a Stripe
   * payment still processing keeps the seat up to PROCESSING_GRACE_MS longer; otherwise the
   * seat is withdrawn (`SEAT_HOLD_EXPIRED`) and the promotion listener gives it to the queue.
   * True when it was released.
   */
  async endHold(em: EntityManager, cohort: Cohort, enrollment: Enrollment, now: Date): Promise<boolean> {
    if (enrollment.status !== 'awaiting_payment' || enrollment.seatHeldUntil === null) return false;
    if (enrollment.seatHeldUntil > now) return false;
    const payments = await this.payments.forReference(SEAT_PAYMENT, enrollment.id, em);
    const paid = payments.find((p) => p.status === 'succeeded');
    if (paid) {
      await this.settlePayment(em, paid.id, enrollment.id);
      return false;
    }
    const graceEnds = enrollment.seatHeldUntil.getTime() + PROCESSING_GRACE_MS;
    if (payments.some((p) => p.status === 'processing') && now.getTime() < graceEnds) return false;
    await this.lifecycle.moveEnrollment(em, enrollment, 'withdrawn', null, SEAT_HOLD_EXPIRED);
    await this.notices.tellSeatExpired(em, cohort, enrollment.traineeId);
    return true;
  }

  /**
   * A paid seat was given up: its fee goes back in full (sent after commit by the refund
   * sender, or settled by finance for a bank transfer). The caller decides whether a refund is
   * due (docs/training.md); nothing for a seat never paid.
   */
  async refundSeat(em: EntityManager, enrollment: Enrollment, reason: string, actorId: string | null): Promise<void> {
    if (enrollment.seatPaymentId === null || enrollment.seatFeeFen === 0) return;
    await this.refunds.recordPending(em, {
      paymentId: enrollment.seatPaymentId,
      purpose: SEAT_PAYMENT,
      referenceId: enrollment.id,
      amountFen: enrollment.seatFeeFen,
      reason,
      requestedBy: actorId,
    });
  }

  /**
   * Finance sends again a seat's refund the provider refused (a failed refund frees its amount
   * for a new one, as for orders): for the payment it was of, what that payment still owes back
   * (a paid seat's fee, or money owed back for a seat no longer held) less the refunds pending
   * or made. One payment per call; 409 SEAT_REFUND_NOT_DUE when nothing failed or nothing is owed.
   * Under the cohort's lock, so it never races the release at the finish.
   */
  async refundAgain(enrollmentId: string, actorId: string): Promise<Refund> {
    return this.cohorts.transaction(async (em) => {
      const found = await this.enrollments.findEnrollment(enrollmentId, em);
      const cohort = found && (await this.cohorts.lockCohort(em, found.cohortId));
      const enrollment = cohort && (await this.enrollments.findEnrollment(enrollmentId, em));
      if (!cohort || !enrollment) throw TrainingErrors.enrollmentNotFound();
      const refunds = await this.refunds.forReference(SEAT_PAYMENT, enrollment.id, em);
      for (const failed of refunds.filter((r) => r.status === 'failed')) {
        const owedBack = failed.instructions[OWED_BACK] === true;
        const ofPayment = refunds.filter((r) => r.paymentId === failed.paymentId);
        const due = owedBack
          ? (await this.payments.get(failed.paymentId, em)).amountFen
          : failed.paymentId === enrollment.seatPaymentId
            ? enrollment.seatFeeFen
            : 0;
        const owed = due - sum(outstandingRefunds(ofPayment).map((r) => r.amountFen));
        if (owed <= 0) continue;
        const refund = await this.refunds.recordPending(em, {
          paymentId: failed.paymentId,
          purpose: SEAT_PAYMENT,
          referenceId: enrollment.id,
          amountFen: owed,
          reason: SEAT_REFUND_RETRIED,
          requestedBy: actorId,
          instructions: owedBack ? { [OWED_BACK]: true } : {},
        });
        if (!owedBack) await this.holdForRefunds(em, cohort, enrollment, `seat-held-again:${refund.id}`);
        return refund;
      }
      throw SeatFeeErrors.refundNotDue();
    });
  }

  /**
   * A seat fee went back (worker, on `refund.succeeded`): money owed back leaves
   * `platform:refunds-due`; a refunded seat always leaves the store's held balance, which keeps
   * every pending refund's amount (releaseFees, holdForRefunds). Posted once per refund.
   */
  async refunded(em: EntityManager, refundId: string): Promise<void> {
    const refund = await this.refunds.get(refundId, em);
    if (!refund || refund.purpose !== SEAT_PAYMENT) return;
    const enrollment = await this.enrollments.findEnrollment(refund.referenceId, em);
    const cohort = enrollment && (await this.cohorts.lockCohort(em, enrollment.cohortId));
    if (!enrollment || !cohort) return;
    const from = refund.instructions[OWED_BACK] === true ? Accounts.refundsDue : Accounts.held(cohort.feeSellerId!);
    const posted = await this.ledger.post(em, `refund:${refund.id}`, 'seat fee refunded', [
      { account: from, amountFen: refund.amountFen },
      { account: Accounts.cash, amountFen: -refund.amountFen },
    ]);
    if (posted) await this.notices.tellSeatRefunded(em, cohort, enrollment.traineeId, refund.amountFen);
  }

  /**
   * The cohort finished: each paid seat's fee moves from the store's held balance to its
   * available one, to be paid out, but for what pending refunds still need (they are taken from
   * held when they succeed). Once per enrollment.
   */
  async releaseFees(em: EntityManager, cohort: Cohort): Promise<void> {
    if (cohort.feeSellerId === null) return;
    for (const enrollment of await this.enrollments.paidSeatsUnreleased(em, cohort.id)) {
      const refunds = await this.seatRefunds(em, enrollment);
      const payable = (await this.heldFor(em, cohort, enrollment, refunds)) - pendingOf(refunds);
      await this.ledger.post(em, `seat-released:${enrollment.id}`, 'seat fee released: the cohort finished', [
        { account: Accounts.held(cohort.feeSellerId), amountFen: payable },
        { account: Accounts.available(cohort.feeSellerId), amountFen: -payable },
      ]);
      enrollment.seatFeeReleasedAt = new Date();
      await this.enrollments.saveEnrollment(em, enrollment);
    }
  }

  /**
   * A refund sent again after the release: the store's held balance must cover every pending
   * refund of the seat, so what it lacks (a failed refund's amount, released to the store) comes
   * back from available under `journalKey`.
   */
  private async holdForRefunds(em: EntityManager, cohort: Cohort, enrollment: Enrollment, journalKey: string) {
    if (enrollment.seatFeeReleasedAt === null) return;
    const refunds = await this.seatRefunds(em, enrollment);
    const short = pendingOf(refunds) - (await this.heldFor(em, cohort, enrollment, refunds));
    if (short <= 0) return;
    await this.ledger.post(em, journalKey, 'seat fee held again for a refund sent again', [
      { account: Accounts.available(cohort.feeSellerId!), amountFen: short },
      { account: Accounts.held(cohort.feeSellerId!), amountFen: -short },
    ]);
  }

  /** The seat's own refunds (not money owed back). */
  private async seatRefunds(em: EntityManager, enrollment: Enrollment): Promise<Refund[]> {
    const refunds = await this.refunds.forReference(SEAT_PAYMENT, enrollment.id, em);
    return refunds.filter((r) => r.instructions[OWED_BACK] !== true);
  }

  /** What the store's held balance holds for this seat now, from the seat's own journals. */
  private async heldFor(em: EntityManager, cohort: Cohort, enrollment: Enrollment, refunds: Refund[]): Promise<Fen> {
    const journals = [
      `seat-paid:${enrollment.id}`,
      `seat-released:${enrollment.id}`,
      ...refunds.flatMap((r) => [`refund:${r.id}`, `seat-held-again:${r.id}`]),
    ];
    return -(await this.ledger.balanceOfJournals(Accounts.held(cohort.feeSellerId!), journals, em));
  }
}
