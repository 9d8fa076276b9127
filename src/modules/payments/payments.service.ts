import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Fen } from '../../common/money';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { Payment, PaymentMethod } from './entities/payment.entity';
import { PaymentStatusChange } from './entities/payment-status-change.entity';
import { assertPaymentTransition, PaymentStatus } from './payment-state';
import { PaymentsErrors } from './payments.errors';
import './payments.events';
import { newTransferReference, normaliseTransferReference } from './transfer-reference';

export interface NewPayment {
  purpose: string;
  referenceId: string;
  payerId: string;
  method: PaymentMethod;
  amountFen: Fen;
}

/** Payments of any purpose; succeeding or being cancelled is announced as an event. */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** Records a payment to be made through Stripe; its PaymentIntent is created after commit. */
  async createStripe(em: EntityManager, input: NewPayment): Promise<Payment> {
    const payment = await em.getRepository(Payment).save(
      em.getRepository(Payment).create({
        ...input,
        amountFen: String(input.amountFen),
        provider: 'stripe',
        method: 'stripe',
        status: 'requires_payment',
      }),
    );
    await this.recordStatus(em, payment.id, null, 'requires_payment', input.payerId);
    return payment;
  }

  /** Records a payment to collect offline (cash on delivery, bank transfer), inside the caller's transaction. */
  async createOffline(em: EntityManager, input: NewPayment): Promise<Payment> {
    if (input.method === 'stripe') throw PaymentsErrors.methodUnavailable();
    const payment = await em.getRepository(Payment).save(
      em.getRepository(Payment).create({
        ...input,
        amountFen: String(input.amountFen),
        provider: 'offline',
        status: 'requires_payment',
        transferReference: input.method === 'bank_transfer' ? newTransferReference() : null,
      }),
    );
    await this.recordStatus(em, payment.id, null, 'requires_payment', input.payerId);
    return payment;
  }

  async get(id: string): Promise<Payment> {
    const payment = await this.dataSource.getRepository(Payment).findOneBy({ id });
    if (!payment) throw PaymentsErrors.notFound();
    return payment;
  }

  forReference(purpose: string, referenceId: string): Promise<Payment[]> {
    return this.dataSource
      .getRepository(Payment)
      .find({ where: { purpose, referenceId }, order: { createdAt: 'ASC' } });
  }

  /**
   * Someone with the authority (the seller for cash, finance for a transfer) confirms the
   * money arrived; null: a courier's cash-on-delivery settlement, named by `reference`. Confirming twice is harmless: the second call changes nothing.
   */
  async confirmOffline(
    id: string,
    method: PaymentMethod,
    confirmedBy: string | null,
    reference: string,
  ): Promise<Payment> {
    return this.dataSource.transaction(async (em) => {
      const payment = await em.getRepository(Payment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!payment) throw PaymentsErrors.notFound();
      if (payment.method !== method) throw PaymentsErrors.wrongMethod();
      if (payment.status === 'succeeded') return payment;
      payment.confirmedBy = confirmedBy;
      payment.externalReference = reference;
      return this.moveTo(em, payment, 'succeeded', confirmedBy);
    });
  }

  /**
   * Finance found a transfer whose remark carries our reference: that payment succeeds.
   * Twice is harmless, as with confirmOffline.
   */
  async confirmTransferByReference(reference: string, confirmedBy: string, bankReference: string): Promise<Payment> {
    const payment = await this.dataSource
      .getRepository(Payment)
      .findOneBy({ transferReference: normaliseTransferReference(reference) });
    if (!payment) throw PaymentsErrors.transferReferenceNotFound();
    return this.confirmOffline(payment.id, 'bank_transfer', confirmedBy, bankReference);
  }

  /** Every status change of a payment: checked, recorded, and announced when it succeeds or is cancelled. */
  async moveTo(em: EntityManager, payment: Payment, to: PaymentStatus, actorId: string | null): Promise<Payment> {
    assertPaymentTransition(payment.status, to);
    await this.recordStatus(em, payment.id, payment.status, to, actorId);
    payment.status = to;
    if (to === 'succeeded') payment.succeededAt = new Date();
    await em.getRepository(Payment).save(payment);
    const ids = { paymentId: payment.id, purpose: payment.purpose, referenceId: payment.referenceId };
    if (to === 'succeeded') await this.outbox.record(em, 'payment.succeeded', ids);
    if (to === 'cancelled') await this.outbox.record(em, 'payment.cancelled', ids);
    return payment;
  }

  history(paymentId: string): Promise<PaymentStatusChange[]> {
    return this.dataSource
      .getRepository(PaymentStatusChange)
      .find({ where: { paymentId }, order: { createdAt: 'ASC' } });
  }

  private async recordStatus(
    em: EntityManager,
    paymentId: string,
    fromStatus: PaymentStatus | null,
    toStatus: PaymentStatus,
    actorId: string | null,
  ): Promise<void> {
    await em.getRepository(PaymentStatusChange).insert({ paymentId, fromStatus, toStatus, actorId });
  }

  /**
   * Cancels offline payments never made (the order expired or was cancelled), inside the
   * caller's transaction. A Stripe payment stays open: the buyer may still pay it, and a late
   * payment is then settled by the orders (re-reserved, or cancelled and refunded).
   */
  async cancelUnpaid(em: EntityManager, purpose: string, referenceId: string): Promise<void> {
    const payments = await em.getRepository(Payment).find({
      where: { purpose, referenceId, status: 'requires_payment', provider: 'offline' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const payment of payments) await this.moveTo(em, payment, 'cancelled', null);
  }
}
