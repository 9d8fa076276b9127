import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Fen, sum } from '../../../common/money';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerRepository } from './ledger.repository';

export const Accounts = {
  cash: 'platform:cash',
  commission: 'platform:commission',
  /**
   * What the platform owes buyers back: money a payment brought for an order that no longer
   * needed paying (cancelled, or expired and sold out), until the refund goes out.
   */
  refundsDue: 'platform:refunds-due',
  /** Payouts recorded but not yet sent. */
  payoutsPending: 'platform:payouts-pending',
  /** What the platform owes a seller for orders not yet released (delivery + hold period). */
  held: (sellerId: string) => `seller:${sellerId}:held`,
  /** What the platform owes a seller and may pay out now. */
  available: (sellerId: string) => `seller:${sellerId}:available`,
};

/** `seller:<id>:available` accounts, for finding who is owed. */
const AVAILABLE_ACCOUNTS = 'seller:%:available';

export interface Leg {
  account: string;
  /** Debit positive, credit negative. */
  amountFen: Fen;
}

/** A double-entry ledger: every posting balances, and each journal is posted at most once. */
@Injectable()
export class LedgerService {
  constructor(private readonly ledger: LedgerRepository) {}

  /** Posts the legs inside the caller's transaction; false when this journal was already posted. */
  async post(em: EntityManager, journalKey: string, memo: string, legs: Leg[]): Promise<boolean> {
    const nonZero = legs.filter((l) => l.amountFen !== 0);
    if (sum(nonZero.map((l) => l.amountFen)) !== 0) {
      throw new Error(`journal ${journalKey} does not balance: ${JSON.stringify(nonZero)}`);
    }
    if (nonZero.length === 0) return false;
    const count = await this.ledger.insertJournal(
      em,
      nonZero.map((l) => ({ journalKey, memo, account: l.account, amountFen: l.amountFen })),
    );
    if (count !== 0 && count !== nonZero.length) throw new Error(`journal ${journalKey} was partly posted`);
    return count > 0;
  }

  /** The balance of an account: debits minus credits. A liability's balance is negative. */
  balance(account: string, em?: EntityManager): Promise<Fen> {
    return this.ledger.balance(em ?? this.ledger.manager, account);
  }

  /** Sum of every entry ever posted: zero, or the ledger is broken. */
  trialBalance(): Promise<Fen> {
    return this.ledger.total();
  }

  /** Sellers with money available to pay out, and how much. */
  async sellersOwed(): Promise<Array<{ sellerId: string; owedFen: Fen }>> {
    return (await this.ledger.owing(AVAILABLE_ACCOUNTS)).map((r) => ({
      sellerId: r.account.split(':')[1],
      owedFen: -r.balanceFen,
    }));
  }

  entriesOf(account: string): Promise<LedgerEntry[]> {
    return this.ledger.entriesOf(account);
  }
}
