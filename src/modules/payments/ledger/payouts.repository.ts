import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PayoutAccounts } from '../providers/payment-provider.port';
import { Payout, PayoutMethod } from './payout.entity';
import { PayoutStatusChange } from './payout-status-change.entity';

/** The SQL of payouts; methods take the caller's EntityManager (its transaction) or read outside one. */
@Injectable()
export class PayoutsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Locks the seller's row and reads where it can be paid. The lock keeps two payout runs from
   * paying the same balance twice. (Payments read the sellers table here rather than import
   * sellers, whose service would not lock.)
   */
  async lockSellerAccounts(em: EntityManager, sellerId: string): Promise<PayoutAccounts | null> {
    const [seller] = (await em.query(`SELECT stripe_account_id FROM sellers WHERE id = $1 FOR UPDATE`, [
      sellerId,
    ])) as Array<{ stripe_account_id: string | null }>;
    return seller ? { stripeAccountId: seller.stripe_account_id } : null;
  }

  insert(em: EntityManager, payout: Partial<Payout>): Promise<Payout> {
    return em.getRepository(Payout).save(em.getRepository(Payout).create(payout));
  }

  save(em: EntityManager, payout: Payout): Promise<Payout> {
    return em.getRepository(Payout).save(payout);
  }

  find(id: string): Promise<Payout | null> {
    return this.dataSource.getRepository(Payout).findOneBy({ id });
  }

  lock(em: EntityManager, id: string): Promise<Payout | null> {
    return em.getRepository(Payout).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  pending(method: PayoutMethod, limit: number): Promise<Payout[]> {
    return this.dataSource
      .getRepository(Payout)
      .find({ where: { status: 'pending', method }, order: { createdAt: 'ASC' }, take: limit });
  }

  ofSeller(sellerId: string, limit: number): Promise<Payout[]> {
    return this.dataSource
      .getRepository(Payout)
      .find({ where: { sellerId }, order: { createdAt: 'DESC' }, take: limit });
  }

  async recordStatus(em: EntityManager, change: Omit<PayoutStatusChange, 'id' | 'createdAt'>): Promise<void> {
    await em.getRepository(PayoutStatusChange).insert(change);
  }

  history(payoutId: string): Promise<PayoutStatusChange[]> {
    return this.dataSource.getRepository(PayoutStatusChange).find({ where: { payoutId }, order: { createdAt: 'ASC' } });
  }
}
