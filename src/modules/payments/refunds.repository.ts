import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { fenFromDatabase } from '../../database/fen-column';
import { createdKeyOf, PageQuery } from '../../common/http/pagination';
import { Fen } from '../../common/money';
import { Payment, PaymentProvider } from './entities/payment.entity';
import { Refund, RefundStatus } from './entities/refund.entity';
import { RefundStatusChange } from './entities/refund-status-change.entity';

export interface RefundListQuery extends PageQuery {
  status?: RefundStatus;
  provider?: PaymentProvider;
}

/** The SQL of refunds; methods take the caller's EntityManager (its transaction) or read outside one. */
@Injectable()
export class RefundsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insert(em: EntityManager, refund: Partial<Refund>): Promise<Refund> {
    return em.getRepository(Refund).save(em.getRepository(Refund).create(refund));
  }

  save(em: EntityManager, refund: Refund): Promise<Refund> {
    return em.getRepository(Refund).save(refund);
  }

  find(id: string, em: EntityManager = this.dataSource.manager): Promise<Refund | null> {
    return em.getRepository(Refund).findOneBy({ id });
  }

  lock(em: EntityManager, id: string): Promise<Refund | null> {
    return em.getRepository(Refund).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** What is given back, or on its way back, of a payment (a failed refund gave nothing back). */
  async outOfPayment(em: EntityManager, paymentId: string): Promise<Fen> {
    return this.total(em, `payment_id = $1`, [paymentId]);
  }

  /** What is given back, or on its way back, for a purpose (e.g. one order). */
  async outFor(em: EntityManager, purpose: string, referenceId: string): Promise<Fen> {
    return this.total(em, `purpose = $1 AND reference_id = $2`, [purpose, referenceId]);
  }

  private async total(em: EntityManager, where: string, params: unknown[]): Promise<Fen> {
    const [{ total }] = (await em.query(
      `SELECT coalesce(sum(amount_fen), 0)::bigint AS total FROM refunds WHERE ${where} AND status <> 'failed'`,
      params,
    )) as Array<{ total: string }>;
    return fenFromDatabase(total);
  }

  forReference(purpose: string, referenceId: string, em: EntityManager = this.dataSource.manager): Promise<Refund[]> {
    return em.getRepository(Refund).find({ where: { purpose, referenceId }, order: { createdAt: 'ASC' } });
  }

  /** Pending refunds of payments taken by these providers that were never sent, oldest first. */
  unsent(providers: PaymentProvider[], limit: number): Promise<Refund[]> {
    if (providers.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(Refund)
      .createQueryBuilder('r')
      .innerJoin(Payment, 'p', 'p.id = r.payment_id')
      .where(`r.status = 'pending' AND r.external_reference IS NULL AND p.provider IN (:...providers)`, { providers })
      .andWhere('p.external_reference IS NOT NULL')
      .orderBy('r.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Newest first; `limit + 1` rows so the caller can tell whether a next page exists. */
  page(query: RefundListQuery): Promise<Refund[]> {
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
    return qb.getMany();
  }

  async recordStatus(
    em: EntityManager,
    refundId: string,
    fromStatus: RefundStatus | null,
    toStatus: RefundStatus,
    actorId: string | null,
  ): Promise<void> {
    await em.getRepository(RefundStatusChange).insert({ refundId, fromStatus, toStatus, actorId });
  }

  history(refundId: string): Promise<RefundStatusChange[]> {
    return this.dataSource.getRepository(RefundStatusChange).find({ where: { refundId }, order: { createdAt: 'ASC' } });
  }
}
