import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error';
import { Fen } from '../../../common/money';
import { Accounts, LedgerService } from './ledger.service';
import { Payout } from './payout.entity';

const PAYOUTS_PENDING = 'platform:payouts-pending';

/**
 * Pays sellers what the ledger says is available. A balance made negative by a refund after
 * a payout is simply not paid out until later sales settle it.
 */
@Injectable()
export class PayoutsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  /** One payout per seller with money available; returns the payouts created. */
  async run(): Promise<Payout[]> {
    const owed: Array<{ account: string; balance: string }> = await this.dataSource.query(
      `SELECT account, sum(amount_fen)::bigint AS balance FROM ledger_entries
        WHERE account LIKE 'seller:%:available' GROUP BY account HAVING sum(amount_fen) < 0`,
    );
    const created: Payout[] = [];
    for (const row of owed) {
      const sellerId = row.account.split(':')[1];
      const payout = await this.dataSource.transaction(async (em) => {
        // The seller's row lock keeps two runs from paying the same balance twice.
        await em.query(`SELECT 1 FROM sellers WHERE id = $1 FOR UPDATE`, [sellerId]);
        const amount: Fen = -(await this.ledger.balance(Accounts.available(sellerId), em));
        if (amount <= 0) return null;
        const saved = await em
          .getRepository(Payout)
          .save({ sellerId, amountFen: String(amount), status: 'pending' as const });
        await this.ledger.post(em, `payout:${saved.id}`, 'payout to seller', [
          { account: Accounts.available(sellerId), amountFen: amount },
          { account: PAYOUTS_PENDING, amountFen: -amount },
        ]);
        return saved;
      });
      if (payout) created.push(payout);
    }
    return created;
  }

  async markPaid(payoutId: string, financeUserId: string, bankReference: string): Promise<Payout> {
    return this.dataSource.transaction(async (em) => {
      const payout = await em
        .getRepository(Payout)
        .findOne({ where: { id: payoutId }, lock: { mode: 'pessimistic_write' } });
      if (!payout) throw new DomainError('not_found', 'PAYOUT_NOT_FOUND', 'Payout not found');
      if (payout.status === 'paid') return payout;
      const amount = Number(payout.amountFen);
      await this.ledger.post(em, `payout-paid:${payout.id}`, 'payout sent by bank transfer', [
        { account: PAYOUTS_PENDING, amountFen: amount },
        { account: Accounts.cash, amountFen: -amount },
      ]);
      payout.status = 'paid';
      payout.bankReference = bankReference;
      payout.paidBy = financeUserId;
      payout.paidAt = new Date();
      return em.getRepository(Payout).save(payout);
    });
  }

  /** What a seller is owed (held until delivery + hold period, and available) and its payouts. */
  async statement(sellerId: string) {
    const held = -(await this.ledger.balance(Accounts.held(sellerId)));
    const available = -(await this.ledger.balance(Accounts.available(sellerId)));
    const payouts = await this.dataSource
      .getRepository(Payout)
      .find({ where: { sellerId }, order: { createdAt: 'DESC' }, take: 100 });
    return { heldFen: held, availableFen: available, payouts };
  }
}
