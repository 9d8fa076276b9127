import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { AppConfig } from '../../config/app-config';
import type { BankTransferAccount } from '../payments/payments.module';
import { Payment } from '../payments/entities/payment.entity';
import type { PaymentStatus } from '../payments/payment-state';
import { PaymentsErrors } from '../payments/payments.errors';
import { PaymentsService } from '../payments/payments.service';
import { CohortsRepository } from './cohorts.repository';
import type { SeatPaymentMethod } from './dto/seat-payment.dto';
import { EnrollmentsRepository } from './enrollments.repository';
import { Cohort } from './entities/cohort.entity';
import { Enrollment } from './entities/enrollment.entity';
import { SEAT_PAYMENT } from './seat-fees.service';
import { SeatFeeErrors, TrainingErrors } from './training.errors';

/** Payments a trainee may still pay. */
const OPEN: readonly PaymentStatus[] = ['requires_payment', 'processing'];

/** A seat's payment as its trainee pays it: Stripe's client secret, or where to send a transfer. */
export interface SeatPaymentView {
  enrollment: Enrollment;
  payments: Array<{ payment: Payment; clientSecret: string | null }>;
  bankTransferAccount: BankTransferAccount | null;
}

/**
 * How a trainee pays for a held seat (docs/training.md, "Seat fees"): a payment of purpose
 * `cohort_seat` through the same providers as a checkout, Stripe or a bank transfer. What the
 * money does when it arrives is SeatFees'.
 */
@Injectable()
export class SeatPayments {
  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly payments: PaymentsService,
    private readonly config: AppConfig,
  ) {}

  /** Whether a seat can be paid this way here (its provider is set up; a transfer needs an account). */
  offers(method: SeatPaymentMethod): boolean {
    if (!this.payments.accepts(method)) return false;
    return method !== 'bank_transfer' || this.bankTransferAccount !== null;
  }

  /**
   * The trainee's open payment of their held seat by this method, made when there is none: a
   * second tap, or a reload of the pay page, gets the same payment. Under the cohort's lock, so
   * two at once make one; refused once the seat is no longer held for them.
   */
  async pay(actor: Actor, enrollmentId: string, method: SeatPaymentMethod): Promise<SeatPaymentView> {
    if (!this.offers(method)) throw PaymentsErrors.methodUnavailable();
    const enrollment = await this.enrollments.transaction(async (em) => {
      const found = await this.enrollments.findEnrollment(enrollmentId, em);
      if (!found || found.traineeId !== actor.id) throw TrainingErrors.enrollmentNotFound();
      const cohort = (await this.cohorts.lockCohort(em, found.cohortId))!;
      const held = (await this.enrollments.findEnrollment(enrollmentId, em))!;
      if (held.status !== 'awaiting_payment') throw SeatFeeErrors.notAwaitingPayment(held.status);
      const now = new Date();
      if (held.seatHeldUntil !== null && held.seatHeldUntil <= now) throw SeatFeeErrors.holdExpired(held.seatHeldUntil);
      const open = (await this.payments.forReference(SEAT_PAYMENT, held.id, em)).filter(
        (p) => p.method === method && OPEN.includes(p.status),
      );
      if (open.length === 0) {
        // Once, when the transfer is first asked for: tapping again never holds the seat longer.
        if (method === 'bank_transfer') await this.holdForTransfer(em, held, cohort, now);
        await this.payments.create(em, {
          purpose: SEAT_PAYMENT,
          referenceId: held.id,
          payerId: actor.id,
          method,
          amountFen: held.seatFeeFen,
        });
      }
      return held;
    });
    return this.view(enrollment, method);
  }

  /** The trainee's seat and its payments (the open one in `method` first, when given). */
  async ofTrainee(actor: Actor, enrollmentId: string): Promise<SeatPaymentView> {
    const enrollment = await this.enrollments.findEnrollment(enrollmentId);
    if (!enrollment || enrollment.traineeId !== actor.id) throw TrainingErrors.enrollmentNotFound();
    return this.view(enrollment);
  }

  /**
   * A transfer takes days to reach the bank, as at checkout: choosing one holds the seat for
   * OFFLINE_PAYMENT_TIMEOUT_HOURS from now, though never past the cohort's start.
   */
  private async holdForTransfer(em: EntityManager, held: Enrollment, cohort: Cohort, now: Date): Promise<void> {
    const transferDue = now.getTime() + this.config.orders.offlinePaymentTimeoutHours * 3_600_000;
    const until = new Date(Math.min(transferDue, cohort.startsAt.getTime()));
    if (held.seatHeldUntil !== null && until > held.seatHeldUntil) {
      held.seatHeldUntil = until;
      await this.enrollments.saveEnrollment(em, held);
    }
  }

  get bankTransferAccount(): BankTransferAccount | null {
    return this.config.orders.bankTransferAccount ?? null;
  }

  /**
   * Newest first. While the seat is held for its trainee, an open Stripe payment carries the
   * client secret the page confirms (asked outside any transaction) and a transfer its account
   * and remark; once the hold has ended nothing invites more money.
   */
  private async view(enrollment: Enrollment, method?: SeatPaymentMethod): Promise<SeatPaymentView> {
    const payable =
      enrollment.status === 'awaiting_payment' &&
      (enrollment.seatHeldUntil === null || enrollment.seatHeldUntil > new Date());
    const all = (await this.payments.forReference(SEAT_PAYMENT, enrollment.id)).sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
    );
    const ordered = method
      ? [...all.filter((p) => p.method === method), ...all.filter((p) => p.method !== method)]
      : all;
    const payments = await Promise.all(
      ordered.map(async (payment) => ({
        payment,
        clientSecret:
          payable && payment.method === 'stripe' && OPEN.includes(payment.status)
            ? await this.payments.clientSecretFor(payment)
            : null,
      })),
    );
    return { enrollment, payments, bankTransferAccount: payable ? this.bankTransferAccount : null };
  }
}
