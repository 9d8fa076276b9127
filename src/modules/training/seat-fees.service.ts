import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sum } from '../../common/money';
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

/** A seat's own refunds (not money owed back) still pending or made: a failed one gave nothing back. */
const outstandingRefunds = (refunds: Refund[]) =>
  refunds.filter((r) => r.instructions[OWED_BACK] !== true && r.status !== 'failed');

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
   * Finance sends again the refund of a seat whose refund failed (the provider refused it): a
   * failed refund frees its amount for a new one, as for orders. What is still owed is the fee
   * less the refunds pending or made; 409 SEAT_REFUND_NOT_DUE when no refund of it ever failed.
   */
  async refundAgain(enrollmentId: string, actorId: string): Promise<Refund> {
    return this.cohorts.transaction(async (em) => {
      const found = await this.enrollments.findEnrollment(enrollmentId, em);
      const cohort = found && (await this.cohorts.lockCohort(em, found.cohortId));
      const enrollment = cohort && (await this.enrollments.findEnrollment(enrollmentId, em));
      if (!enrollment || enrollment.seatPaymentId === null) throw TrainingErrors.enrollmentNotFound();
      const refunds = (await this.refunds.forReference(SEAT_PAYMENT, enrollment.id, em)).filter(
        (r) => r.instructions[OWED_BACK] !== true,
      );
      const owed = enrollment.seatFeeFen - sum(outstandingRefunds(refunds).map((r) => r.amountFen));
      if (!refunds.some((r) => r.status === 'failed') || owed <= 0) throw SeatFeeErrors.refundNotDue();
      return this.refunds.recordPending(em, {
        paymentId: enrollment.seatPaymentId,
        purpose: SEAT_PAYMENT,
        referenceId: enrollment.id,
        amountFen: owed,
        reason: SEAT_REFUND_RETRIED,
        requestedBy: actorId,
      });
    });
  }

  /**
   * A seat fee went back (worker, on `refund.succeeded`): money owed back leaves
   * `platform:refunds-due`; a refunded seat leaves the store's held balance, or its available
   * one for a refund finance sent again after the cohort finished. Posted once per refund.
   */
  async refunded(em: EntityManager, refundId: string): Promise<void> {
    const refund = await this.refunds.get(refundId, em);
    if (!refund || refund.purpose !== SEAT_PAYMENT) return;
    const enrollment = await this.enrollments.findEnrollment(refund.referenceId, em);
    const cohort = enrollment && (await this.cohorts.lockCohort(em, enrollment.cohortId));
    if (!enrollment || !cohort) return;
    // Refunds recorded before the release kept their amount held; one sent again after it comes out of what was released.
    const releasedBefore = enrollment.seatFeeReleasedAt !== null && enrollment.seatFeeReleasedAt <= refund.createdAt;
    const store = releasedBefore ? Accounts.available : Accounts.held;
    const from = refund.instructions[OWED_BACK] === true ? Accounts.refundsDue : store(cohort.feeSellerId!);
    const posted = await this.ledger.post(em, `refund:${refund.id}`, 'seat fee refunded', [
      { account: from, amountFen: refund.amountFen },
      { account: Accounts.cash, amountFen: -refund.amountFen },
    ]);
    if (posted) await this.notices.tellSeatRefunded(em, cohort, enrollment.traineeId, refund.amountFen);
  }

  /**
   * The cohort finished: each paid seat's fee, less what was (or is being) refunded, moves from
   * the store's held balance to its available one, to be paid out. Once per enrollment.
   */
  async releaseFees(em: EntityManager, cohort: Cohort): Promise<void> {
    if (cohort.feeSellerId === null) return;
    for (const enrollment of await this.enrollments.paidSeatsUnreleased(em, cohort.id)) {
      const refunds = await this.refunds.forReference(SEAT_PAYMENT, enrollment.id, em);
      const refunded = sum(outstandingRefunds(refunds).map((r) => r.amountFen));
      const payable = Math.max(0, enrollment.seatFeeFen - refunded);
      await this.ledger.post(em, `seat-released:${enrollment.id}`, 'seat fee released: the cohort finished', [
        { account: Accounts.held(cohort.feeSellerId), amountFen: payable },
        { account: Accounts.available(cohort.feeSellerId), amountFen: -payable },
      ]);
      enrollment.seatFeeReleasedAt = new Date();
      await this.enrollments.saveEnrollment(em, enrollment);
    }
  }
}
