import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Fen, sum } from '../../../common/money';
import { LedgerEntry } from './ledger-entry.entity';

export const Accounts = {
  cash: 'platform:cash',
  commission: 'platform:commission',
  /** What the platform owes a seller for orders not yet released (delivery + hold period). */
  held: (sellerId: string) => `seller:${sellerId}:held`,
  /** What the platform owes a seller and may pay out now. */
  available: (sellerId: string) => `seller:${sellerId}:available`,
};

export interface Leg {
  account: string;
  /** Debit positive, credit negative. */
  amountFen: Fen;
}

/** A double-entry ledger: every posting balances, and each journal is posted at most once. */
@Injectable()
export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  /** Posts the legs inside the caller's transaction; false when this journal was already posted. */
  async post(em: EntityManager, journalKey: string, memo: string, legs: Leg[]): Promise<boolean> {
    const nonZero = legs.filter((l) => l.amountFen !== 0);
    if (sum(nonZero.map((l) => l.amountFen)) !== 0) {
      throw new Error(`journal ${journalKey} does not balance: ${JSON.stringify(nonZero)}`);
    }
    if (nonZero.length === 0) return false;
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(LedgerEntry)
      .values(nonZero.map((l) => ({ journalKey, memo, account: l.account, amountFen: String(l.amountFen) })))
      .orIgnore()
      .returning(['id'])
      .execute();
    const count = (inserted.raw as unknown[]).length;
    if (count !== 0 && count !== nonZero.length) throw new Error(`journal ${journalKey} was partly posted`);
    return count > 0;
  }

  /** The balance of an account: debits minus credits. A liability's balance is negative. */
  async balance(account: string, em: EntityManager = this.dataSource.manager): Promise<Fen> {
    const [{ total }] = await em.query(
      `SELECT coalesce(sum(amount_fen), 0)::bigint AS total FROM ledger_entries WHERE account = $1`,
      [account],
    );
    return Number(total);
  }

  /** Sum of every entry ever posted: zero, or the ledger is broken. */
  async trialBalance(): Promise<Fen> {
    const [{ total }] = await this.dataSource.query(
      `SELECT coalesce(sum(amount_fen), 0)::bigint AS total FROM ledger_entries`,
    );
    return Number(total);
  }

  entriesOf(account: string): Promise<LedgerEntry[]> {
    return this.dataSource.getRepository(LedgerEntry).find({ where: { account }, order: { createdAt: 'ASC' } });
  }
}
