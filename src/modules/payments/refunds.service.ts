import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Fen, fenOf, sum } from '../../common/money';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { createdKeyOf, Page, pageByCreated, PageQuery } from '../../common/http/pagination';
import { Payment, PaymentProvider } from './entities/payment.entity';
import { Refund, RefundStatus } from './entities/refund.entity';
import { PaymentsErrors } from './payments.errors';
import { STRIPE, type Stripe } from './stripe/stripe.client';

declare module '../../queue/event-map' {
  interface EventMap {
    'refund.succeeded': { refundId: string; purpose: string; referenceId: string };
  }
}

export interface RefundListQuery extends PageQuery {
  status?: RefundStatus;
  provider?: PaymentProvider;
}

export interface RefundRequest {
  paymentId: string;
  /** What the refund is for, e.g. `order` + the order id (a group payment refunds one order at a time). */
  purpose: string;
  referenceId: string;
  amountFen: Fen;
  reason: string;
  requestedBy: string | null;
  /** Required for offline payments: the bank or cash reference of the money given back. */
  offlineReference?: string;
  instructions?: Record<string, unknown>;
}

/** Refunds through the provider that took the money. */
@Injectable()
export class RefundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
  ) {}

  /** What has been (or is being) refunded for a purpose. */
  async refundedFor(purpose: string, referenceId: string, em: EntityManager = this.dataSource.manager): Promise<Fen> {
    const refunds = await em.getRepository(Refund).findBy({ purpose, referenceId, status: Not('failed') });
    return sum(refunds.map((r) => fenOf(r.amountFen)));
  }

  forReference(purpose: string, referenceId: string): Promise<Refund[]> {
    return this.dataSource.getRepository(Refund).find({ where: { purpose, referenceId }, order: { createdAt: 'ASC' } });
  }

  /**
   * Records the refund (checked against what the payment still holds) and, for Stripe, asks
   * Stripe after the record is committed, with an idempotency key from the refund's id.
   */
  async refund(request: RefundRequest): Promise<Refund> {
    const refund = await this.dataSource.transaction(async (em) => {
      const payment = await em
        .getRepository(Payment)
        .findOne({ where: { id: request.paymentId }, lock: { mode: 'pessimistic_write' } });
      if (!payment) throw PaymentsErrors.notFound();
      if (payment.status !== 'succeeded')
        throw new DomainError('conflict', 'PAYMENT_NOT_CAPTURED', 'Only a succeeded payment can be refunded');
      const alreadyOut = sum(
        (await em.getRepository(Refund).findBy({ paymentId: payment.id, status: Not('failed') })).map((r) =>
          fenOf(r.amountFen),
        ),
      );
      if (request.amountFen <= 0 || alreadyOut + request.amountFen > fenOf(payment.amountFen)) {
        throw new DomainError(
          'validation',
          'REFUND_EXCEEDS_PAYMENT',
          'The refund is more than the payment still holds',
          {
            refundableFen: fenOf(payment.amountFen) - alreadyOut,
          },
        );
      }
      const offline = payment.provider === 'offline';
      if (offline && !request.offlineReference) {
        throw new DomainError(
          'validation',
          'REFUND_REFERENCE_REQUIRED',
          'An offline refund needs the reference of the money given back',
        );
      }
      const saved = await em.getRepository(Refund).save({
        paymentId: payment.id,
        purpose: request.purpose,
        referenceId: request.referenceId,
        amountFen: String(request.amountFen),
        reason: request.reason,
        requestedBy: request.requestedBy,
        instructions: (request.instructions ?? {}) as never,
        status: offline ? ('succeeded' as const) : ('pending' as const),
        externalReference: offline ? request.offlineReference! : null,
      });
      if (offline) await this.announce(em, saved);
      return { saved, intentId: payment.externalReference };
    });
    if (refund.saved.status === 'succeeded') return refund.saved;
    return this.sendToStripe(refund.saved, refund.intentId);
  }

  /**
   * Records a refund to send to Stripe later, inside the caller's transaction (e.g. a worker
   * handling a payment that came too late); `sendPending` sends it.
   */
  async recordPending(em: EntityManager, request: Omit<RefundRequest, 'offlineReference'>): Promise<Refund> {
    return em.getRepository(Refund).save({
      paymentId: request.paymentId,
      purpose: request.purpose,
      referenceId: request.referenceId,
      amountFen: String(request.amountFen),
      reason: request.reason,
      requestedBy: request.requestedBy,
      instructions: (request.instructions ?? {}) as never,
      status: 'pending' as const,
    });
  }

  /** Sends Stripe refunds recorded but not yet sent (outside any transaction); returns how many. */
  async sendPending(): Promise<number> {
    const pending: Array<{ id: string; intent: string }> = await this.dataSource.query(
      `SELECT r.id, p.external_reference AS intent FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE r.status = 'pending' AND r.external_reference IS NULL AND p.provider = 'stripe' AND p.external_reference IS NOT NULL
        ORDER BY r.created_at LIMIT 100`,
    );
    for (const row of pending) {
      const refund = await this.dataSource.getRepository(Refund).findOneByOrFail({ id: row.id });
      await this.sendToStripe(refund, row.intent);
    }
    return pending.length;
  }

  private async sendToStripe(refund: Refund, intentId: string | null): Promise<Refund> {
    if (!this.stripe || !intentId) throw PaymentsErrors.methodUnavailable();
    const result = await this.stripe.refunds.create(
      { payment_intent: intentId, amount: fenOf(refund.amountFen), metadata: { refundId: refund.id } },
      { idempotencyKey: `furrow-refund-${refund.id}` },
    );
    return this.dataSource.transaction(async (em) => {
      const locked = await em
        .getRepository(Refund)
        .findOneOrFail({ where: { id: refund.id }, lock: { mode: 'pessimistic_write' } });
      locked.externalReference = result.id;
      if (locked.status === 'pending' && (result.status === 'succeeded' || result.status === 'failed')) {
        locked.status = result.status;
        if (result.status === 'succeeded') await this.announce(em, locked);
      }
      return em.getRepository(Refund).save(locked);
    });
  }

  /** Stripe reports a refund's final state (refunds by some methods settle later). Applying twice changes nothing. */
  async applyStripeRefund(
    em: EntityManager,
    stripeRefund: { id: string; status: string | null; metadata?: Record<string, string> | null },
  ) {
    const refundId = stripeRefund.metadata?.refundId;
    if (!refundId || (stripeRefund.status !== 'succeeded' && stripeRefund.status !== 'failed')) return;
    const refund = await em
      .getRepository(Refund)
      .findOne({ where: { id: refundId }, lock: { mode: 'pessimistic_write' } });
    if (!refund || refund.status !== 'pending') return;
    refund.status = stripeRefund.status;
    refund.externalReference ??= stripeRefund.id;
    await em.getRepository(Refund).save(refund);
    if (refund.status === 'succeeded') await this.announce(em, refund);
  }

  private async announce(em: EntityManager, refund: Refund): Promise<void> {
    await this.outbox.record(em, 'refund.succeeded', {
      refundId: refund.id,
      purpose: refund.purpose,
      referenceId: refund.referenceId,
    });
  }

  /**
   * Finance gave the money of a pending offline refund back (cash or bank, e.g. after a missed
   * shipping deadline) and records its reference. Marking again with the same reference changes nothing.
   */
  async markOfflinePaid(refundId: string, reference: string): Promise<{ refund: Refund; payment: Payment }> {
    return this.dataSource.transaction(async (em) => {
      const refund = await em
        .getRepository(Refund)
        .findOne({ where: { id: refundId }, lock: { mode: 'pessimistic_write' } });
      if (!refund) throw PaymentsErrors.refundNotFound();
      const payment = await em.getRepository(Payment).findOneByOrFail({ id: refund.paymentId });
      if (payment.provider !== 'offline') throw PaymentsErrors.refundSentByStripe();
      if (refund.status === 'succeeded' && refund.externalReference === reference) return { refund, payment };
      if (refund.status !== 'pending') throw PaymentsErrors.refundAlreadySettled(refund.status);
      refund.status = 'succeeded';
      refund.externalReference = reference;
      const saved = await em.getRepository(Refund).save(refund);
      await this.announce(em, saved);
      return { refund: saved, payment };
    });
  }

  /** Refunds newest first, each with the payment it gives money back from. */
  async list(query: RefundListQuery): Promise<Page<{ refund: Refund; payment: Payment }>> {
    const qb = this.dataSource
      .getRepository(Refund)
      .createQueryBuilder('r')
      .innerJoin(Payment, 'p', 'p.id = r.payment_id')
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(query.limit + 1);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.provider) qb.andWhere('p.provider = :provider', { provider: query.provider });
    const after = createdKeyOf(query.cursor, 'finance.refunds');
    if (after) qb.andWhere('(r.created_at, r.id) < (:createdAt, :id)', after);
    const page = pageByCreated(await qb.getMany(), query.limit, 'finance.refunds');
    const payments = new Map(
      (await this.dataSource.getRepository(Payment).findBy({ id: In(page.items.map((r) => r.paymentId)) })).map((p) => [
        p.id,
        p,
      ]),
    );
    return {
      items: page.items.map((refund) => ({ refund, payment: payments.get(refund.paymentId)! })),
      nextCursor: page.nextCursor,
    };
  }

  get(id: string): Promise<Refund | null> {
    return this.dataSource.getRepository(Refund).findOneBy({ id });
  }
}
