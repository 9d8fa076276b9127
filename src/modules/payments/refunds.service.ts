import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Page, pageByCreated } from '../../common/http/pagination';
import { Fen, sum } from '../../common/money';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { Payment } from './entities/payment.entity';
import { Refund } from './entities/refund.entity';
import { RefundStatusChange } from './entities/refund-status-change.entity';
import { PaymentsErrors } from './payments.errors';
import { PaymentsRepository } from './payments.repository';
import { PaymentProviders } from './providers/payment-providers';
import { assertRefundTransition, RefundStatus } from './refund-state';
import { RefundListQuery, RefundsRepository } from './refunds.repository';

export type { RefundListQuery } from './refunds.repository';

declare module '../../queue/event-map' {
  interface EventMap {
    'refund.succeeded': { refundId: string; purpose: string; referenceId: string };
  }
}

export interface RefundRequest {
  paymentId: string;
  /** What the refund is for, e.g. `order` + the order id (a group payment refunds one order at a time). */
  purpose: string;
  referenceId: string;
  amountFen: Fen;
  reason: string;
  requestedBy: string | null;
  /**
   * The bank or cash reference of money already given back by hand (a payment whose provider
   * does not send refunds itself needs one, unless the refund waits for finance: `recordPending`).
   */
  offlineReference?: string;
  instructions?: Record<string, unknown>;
}

const SEND_AT_ONCE = 100;

/**
 * Refunds through the provider that took the money. A refund is recorded (checked against what
 * its payment still holds, under the payment's lock) inside the caller's transaction, and sent
 * to the provider after that commits, with an idempotency key from the refund's id.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    private readonly refunds: RefundsRepository,
    private readonly payments: PaymentsRepository,
    private readonly outbox: OutboxService,
    private readonly providers: PaymentProviders,
  ) {}

  /** What has been (or is being) refunded for a purpose. */
  refundedFor(purpose: string, referenceId: string, em: EntityManager): Promise<Fen> {
    return this.refunds.outFor(em, purpose, referenceId);
  }

  /** What has gone back for a purpose: refunds that succeeded (a pending or failed one gave nothing yet). */
  async returnedFor(purpose: string, referenceId: string, em: EntityManager): Promise<Fen> {
    const refunds = await this.refunds.forReference(purpose, referenceId, em);
    return sum(refunds.filter((r) => r.status === 'succeeded').map((r) => r.amountFen));
  }

  forReference(purpose: string, referenceId: string, em?: EntityManager): Promise<Refund[]> {
    return this.refunds.forReference(purpose, referenceId, em);
  }

  /**
   * Records a refund inside the caller's transaction; the caller sends it (`send`) after commit.
   * Money already given back by hand (`offlineReference`) is recorded as succeeded at once.
   */
  async record(em: EntityManager, request: RefundRequest): Promise<Refund> {
    const payment = await this.lockRefundable(em, request);
    const byHand = !this.providers.of(payment.provider).sendsMoney;
    if (byHand && !request.offlineReference) {
      throw new DomainError(
        'validation',
        'REFUND_REFERENCE_REQUIRED',
        'An offline refund needs the reference of the money given back',
      );
    }
    const refund = await this.insertPending(em, request);
    if (!byHand) return refund;
    refund.externalReference = request.offlineReference!;
    return this.moveTo(em, refund, 'succeeded', request.requestedBy);
  }

  /**
   * Records a refund to give back later, inside the caller's transaction (e.g. the worker
   * handling a payment that came too late): a provider's refund is sent by `sendPending`,
   * an offline one waits for finance (`markOfflinePaid`).
   */
  async recordPending(em: EntityManager, request: Omit<RefundRequest, 'offlineReference'>): Promise<Refund> {
    await this.lockRefundable(em, request);
    return this.insertPending(em, request);
  }

  /**
   * Sends a pending refund to its payment's provider; outside any transaction. A refund given
   * back by hand, or already sent, is returned as it is.
   */
  async send(refund: Refund): Promise<Refund> {
    if (refund.status !== 'pending' || refund.externalReference) return refund;
    const payment = await this.payments.find(refund.paymentId);
    if (!payment) throw PaymentsErrors.notFound();
    const sent = await this.providers.of(payment.provider).refund(refund, payment);
    if (!sent) return refund;
    return this.refunds.transaction(async (em) => {
      const locked = await this.refunds.lock(em, refund.id);
      if (!locked) throw PaymentsErrors.refundNotFound();
      locked.externalReference ??= sent.externalReference;
      if (locked.status === 'pending' && sent.status !== 'pending') return this.moveTo(em, locked, sent.status, null);
      return this.refunds.save(em, locked);
    });
  }

  /** Sends refunds recorded but not yet sent, by providers that send them (outside any transaction); returns how many. */
  async sendPending(): Promise<number> {
    const unsent = await this.refunds.unsent(this.providers.sendingRefunds(), SEND_AT_ONCE);
    for (const refund of unsent) {
      // One refund the provider cannot take now must not hold back the others.
      await this.send(refund).catch((error: unknown) =>
        this.logger.warn({ refundId: refund.id, error: String(error) }, 'refund not sent; retried on the next run'),
      );
    }
    return unsent.length;
  }

  /** A provider reports a refund's final state (some methods settle later). Applying twice changes nothing. */
  async applyProviderRefund(
    em: EntityManager,
    refundId: string,
    externalReference: string,
    status: 'succeeded' | 'failed',
  ): Promise<void> {
    const refund = await this.refunds.lock(em, refundId);
    if (!refund || refund.status !== 'pending') return;
    refund.externalReference ??= externalReference;
    await this.moveTo(em, refund, status, null);
  }

  /**
   * Finance gave the money of a pending offline refund back (cash or bank, e.g. after a missed
   * shipping deadline) and records its reference. Marking again with the same reference changes nothing.
   */
  async markOfflinePaid(
    refundId: string,
    reference: string,
    actorId: string | null,
  ): Promise<{ refund: Refund; payment: Payment }> {
    return this.refunds.transaction(async (em) => {
      const refund = await this.refunds.lock(em, refundId);
      if (!refund) throw PaymentsErrors.refundNotFound();
      const payment = await this.payments.find(refund.paymentId, em);
      if (!payment) throw PaymentsErrors.notFound();
      if (this.providers.of(payment.provider).sendsMoney) throw PaymentsErrors.refundSentByProvider();
      if (refund.status === 'succeeded' && refund.externalReference === reference) return { refund, payment };
      if (refund.status !== 'pending') throw PaymentsErrors.refundAlreadySettled(refund.status);
      refund.externalReference = reference;
      return { refund: await this.moveTo(em, refund, 'succeeded', actorId), payment };
    });
  }

  /** Every status change of a refund: checked, recorded, and announced when the money is back. */
  async moveTo(em: EntityManager, refund: Refund, to: RefundStatus, actorId: string | null): Promise<Refund> {
    assertRefundTransition(refund.status, to);
    await this.refunds.recordStatus(em, refund.id, refund.status, to, actorId);
    refund.status = to;
    const saved = await this.refunds.save(em, refund);
    if (to === 'succeeded') {
      await this.outbox.record(em, 'refund.succeeded', {
        refundId: refund.id,
        purpose: refund.purpose,
        referenceId: refund.referenceId,
      });
    }
    return saved;
  }

  /** Refunds newest first, each with the payment it gives money back from. */
  async list(query: RefundListQuery): Promise<Page<{ refund: Refund; payment: Payment }>> {
    const page = pageByCreated(await this.refunds.page(query), query.limit, 'finance.refunds');
    const payments = new Map(
      (await this.payments.findMany([...new Set(page.items.map((r) => r.paymentId))])).map((p) => [p.id, p]),
    );
    return {
      items: page.items.map((refund) => ({ refund, payment: payments.get(refund.paymentId)! })),
      nextCursor: page.nextCursor,
    };
  }

  get(id: string, em?: EntityManager): Promise<Refund | null> {
    return this.refunds.find(id, em);
  }

  /** A refund with the payment it gives money back from and its status history. */
  async detail(id: string): Promise<{ refund: Refund; payment: Payment; history: RefundStatusChange[] }> {
    const refund = await this.refunds.find(id);
    if (!refund) throw PaymentsErrors.refundNotFound();
    const payment = await this.payments.find(refund.paymentId);
    if (!payment) throw PaymentsErrors.notFound();
    return { refund, payment, history: await this.refunds.history(id) };
  }

  /** Locks the payment and checks it can give this much back: never more than it took. */
  private async lockRefundable(em: EntityManager, request: Pick<RefundRequest, 'paymentId' | 'amountFen'>) {
    const payment = await this.payments.lock(em, request.paymentId);
    if (!payment) throw PaymentsErrors.notFound();
    if (payment.status !== 'succeeded')
      throw new DomainError('conflict', 'PAYMENT_NOT_CAPTURED', 'Only a succeeded payment can be refunded');
    const alreadyOut = await this.refunds.outOfPayment(em, payment.id);
    if (request.amountFen <= 0 || alreadyOut + request.amountFen > payment.amountFen) {
      throw new DomainError('validation', 'REFUND_EXCEEDS_PAYMENT', 'The refund is more than the payment still holds', {
        refundableFen: payment.amountFen - alreadyOut,
      });
    }
    return payment;
  }

  private async insertPending(em: EntityManager, request: Omit<RefundRequest, 'offlineReference'>): Promise<Refund> {
    const refund = await this.refunds.insert(em, {
      paymentId: request.paymentId,
      purpose: request.purpose,
      referenceId: request.referenceId,
      amountFen: request.amountFen,
      reason: request.reason,
      requestedBy: request.requestedBy,
      instructions: request.instructions ?? {},
      status: 'pending',
      externalReference: null,
    });
    await this.refunds.recordStatus(em, refund.id, null, 'pending', request.requestedBy);
    return refund;
  }
}
