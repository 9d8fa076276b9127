import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Payment, PaymentMethod } from './entities/payment.entity';
import { PaymentStatusChange } from './entities/payment-status-change.entity';
import type { PaymentStatus } from './payment-state';

/** The SQL of payments; every method takes the caller's EntityManager (its transaction) or reads outside one. */
@Injectable()
export class PaymentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insert(em: EntityManager, payment: Partial<Payment>): Promise<Payment> {
    return em.getRepository(Payment).save(em.getRepository(Payment).create(payment));
  }

  save(em: EntityManager, payment: Payment): Promise<Payment> {
    return em.getRepository(Payment).save(payment);
  }

  find(id: string, em: EntityManager = this.dataSource.manager): Promise<Payment | null> {
    return em.getRepository(Payment).findOneBy({ id });
  }

  findByTransferReference(transferReference: string): Promise<Payment | null> {
    return this.dataSource.getRepository(Payment).findOneBy({ transferReference });
  }

  /** Bank transfers still waiting for the money, oldest first. */
  awaitingTransfers(limit: number): Promise<Payment[]> {
    return this.dataSource.getRepository(Payment).find({
      where: { method: 'bank_transfer', status: 'requires_payment' },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  lock(em: EntityManager, id: string): Promise<Payment | null> {
    return em.getRepository(Payment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** By our id when the provider echoes it back, else by the provider's own id. */
  lockByReference(em: EntityManager, id: string | undefined, externalReference: string): Promise<Payment | null> {
    return em.getRepository(Payment).findOne({
      where: id ? { id } : { externalReference },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findMany(ids: string[], em: EntityManager = this.dataSource.manager): Promise<Payment[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.getRepository(Payment).findBy({ id: In(ids) });
  }

  forReference(purpose: string, referenceId: string, em: EntityManager = this.dataSource.manager): Promise<Payment[]> {
    return em.getRepository(Payment).find({ where: { purpose, referenceId }, order: { createdAt: 'ASC' } });
  }

  lockUnpaid(em: EntityManager, purpose: string, referenceId: string, method: PaymentMethod): Promise<Payment[]> {
    return em.getRepository(Payment).find({
      where: { purpose, referenceId, status: 'requires_payment', method },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Keeps the provider's id of a payment; the first one recorded wins. */
  async setExternalReferenceOnce(id: string, externalReference: string): Promise<void> {
    await this.dataSource
      .getRepository(Payment)
      .createQueryBuilder()
      .update()
      .set({ externalReference })
      .where('id = :id AND external_reference IS NULL', { id })
      .execute();
  }

  async recordStatus(
    em: EntityManager,
    paymentId: string,
    fromStatus: PaymentStatus | null,
    toStatus: PaymentStatus,
    actorId: string | null,
  ): Promise<void> {
    await em.getRepository(PaymentStatusChange).insert({ paymentId, fromStatus, toStatus, actorId });
  }

  history(paymentId: string): Promise<PaymentStatusChange[]> {
    return this.dataSource
      .getRepository(PaymentStatusChange)
      .find({ where: { paymentId }, order: { createdAt: 'ASC' } });
  }
}
