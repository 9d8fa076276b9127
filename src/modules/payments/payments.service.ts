import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Fen } from '../../common/money';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { Payment, PaymentMethod, PROVIDER_OF_METHOD } from './entities/payment.entity';
import { PaymentStatusChange } from './entities/payment-status-change.entity';
import { assertPaymentTransition, PaymentStatus } from './payment-state';
import { PaymentsErrors } from './payments.errors';
import { PaymentsRepository } from './payments.repository';
import { PaymentProviders } from './providers/payment-providers';
import './payments.events';
import { newTransferReference, normaliseTransferReference } from './transfer-reference';

export interface NewPayment {
  purpose: string;
  referenceId: string;
  payerId: string;
  method: PaymentMethod;
  amountFen: Fen;
}

export interface PaymentReference {
  purpose: string;
  referenceId: string;
}

/** Payments of any purpose; succeeding or being cancelled is announced as an event. */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly outbox: OutboxService,
    private readonly providers: PaymentProviders,
  ) {}

  /** Whether payments made this way can be taken here (their provider is configured). */
  accepts(method: PaymentMethod): boolean {
    return this.providers.accepts(method);
  }

  /**
   * Records a payment inside the caller's transaction, to be collected by the provider of its
   * method; a provider that needs to know of it is told after commit (`clientSecretFor`).
   */
  async create(em: EntityManager, input: NewPayment): Promise<Payment> {
    const provider = this.providers.forMethod(input.method).provider;
    const payment = await this.payments.insert(em, {
      ...input,
      provider,
      status: 'requires_payment',
      transferReference: input.method === 'bank_transfer' ? newTransferReference() : null,
    });
    await this.payments.recordStatus(em, payment.id, null, 'requires_payment', input.payerId);
    return payment;
  }

  /**
   * What the buyer's app pays an open payment with, from its provider (which learns of the
   * payment the first time); null for a payment paid outside any app, or no longer open.
   * Called outside any transaction.
   */
  async clientSecretFor(payment: Payment): Promise<string | null> {
    if (payment.status !== 'requires_payment' && payment.status !== 'processing') return null;
    const started = await this.providers.of(payment.provider).create(payment);
    if (started.externalReference && !payment.externalReference) {
      await this.payments.setExternalReferenceOnce(payment.id, started.externalReference);
    }
    return started.clientSecret;
  }

  async get(id: string, em?: EntityManager): Promise<Payment> {
    const payment = await this.payments.find(id, em);
    if (!payment) throw PaymentsErrors.notFound();
    return payment;
  }

  forReference(purpose: string, referenceId: string, em?: EntityManager): Promise<Payment[]> {
    return this.payments.forReference(purpose, referenceId, em);
  }

  /** The succeeded payment that paid for one of these (e.g. an order, or its group). */
  async succeededFor(em: EntityManager, references: PaymentReference[]): Promise<Payment | null> {
    for (const { purpose, referenceId } of references) {
      const found = (await this.payments.forReference(purpose, referenceId, em)).find((p) => p.status === 'succeeded');
      if (found) return found;
    }
    return null;
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
    /** What the caller records with the confirmation, in its transaction (e.g. an audit entry). */
    alongside?: (em: EntityManager, payment: Payment) => Promise<void>,
  ): Promise<Payment> {
    return this.payments.transaction(async (em) => {
      const payment = await this.payments.lock(em, id);
      if (!payment) throw PaymentsErrors.notFound();
      if (payment.method !== method || PROVIDER_OF_METHOD[method] !== 'offline') throw PaymentsErrors.wrongMethod();
      if (payment.status === 'succeeded') {
        // The same statement line again is harmless; another line is another transfer, which
        // this payment cannot take: finance must see that, not a quiet "confirmed".
        if (method === 'bank_transfer' && payment.externalReference !== reference) {
          throw PaymentsErrors.transferAlreadyConfirmed(payment.externalReference);
        }
        return payment;
      }
      payment.confirmedBy = confirmedBy;
      payment.externalReference = reference;
      const confirmed = await this.moveTo(em, payment, 'succeeded', confirmedBy);
      await alongside?.(em, confirmed);
      return confirmed;
    });
  }

  /**
   * Finance found a transfer whose remark carries our reference: that payment succeeds.
   * Twice is harmless, as with confirmOffline.
   */
  async confirmTransferByReference(reference: string, confirmedBy: string, bankReference: string): Promise<Payment> {
    const payment = await this.payments.findByTransferReference(normaliseTransferReference(reference));
    if (!payment) throw PaymentsErrors.transferReferenceNotFound();
    return this.confirmOffline(payment.id, 'bank_transfer', confirmedBy, bankReference);
  }

  /** Bank transfers finance is waiting for (the buyer may still send them), oldest first. */
  awaitingTransfers(limit: number): Promise<Payment[]> {
    return this.payments.awaitingTransfers(limit);
  }

  /** Every status change of a payment: checked, recorded, and announced when it succeeds or is cancelled. */
  async moveTo(em: EntityManager, payment: Payment, to: PaymentStatus, actorId: string | null): Promise<Payment> {
    assertPaymentTransition(payment.status, to);
    await this.payments.recordStatus(em, payment.id, payment.status, to, actorId);
    payment.status = to;
    if (to === 'succeeded') payment.succeededAt = new Date();
    await this.payments.save(em, payment);
    const ids = { paymentId: payment.id, purpose: payment.purpose, referenceId: payment.referenceId };
    if (to === 'succeeded') await this.outbox.record(em, 'payment.succeeded', ids);
    if (to === 'cancelled') await this.outbox.record(em, 'payment.cancelled', ids);
    return payment;
  }

  history(paymentId: string): Promise<PaymentStatusChange[]> {
    return this.payments.history(paymentId);
  }

  /**
   * Cancels cash-on-delivery payments never made (the order closed before the parcel reached
   * the buyer, so no cash can come), inside the caller's transaction. Every other payment stays
   * open: a Stripe payment may still be paid, and a bank transfer may reach the bank whatever we
   * think of the order, so finance must still be able to confirm it; a late payment is then
   * settled by the orders (paid again, or cancelled and refunded in full).
   */
  async cancelUnpaid(em: EntityManager, purpose: string, referenceId: string): Promise<void> {
    for (const payment of await this.payments.lockUnpaid(em, purpose, referenceId, 'cash_on_delivery')) {
      await this.moveTo(em, payment, 'cancelled', null);
    }
  }
}
