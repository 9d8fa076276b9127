import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error';
import { Fen } from '../../../common/money';
import { STRIPE, type Stripe } from '../stripe/stripe.client';
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
    @Inject(STRIPE) private readonly stripe: Stripe | null,
  ) {}

  /**
   * One payout per seller with money available, then the Stripe Connect transfers (those still
   * pending from an earlier run included); bank payouts wait for finance. Returns the payouts created.
   */
  async run(): Promise<Payout[]> {
    const created = await this.createPayouts();
    await this.sendTransfers();
    return Promise.all(created.map((p) => this.dataSource.getRepository(Payout).findOneByOrFail({ id: p.id })));
  }

  private async createPayouts(): Promise<Payout[]> {
    const owed: Array<{ account: string; balance: string }> = await this.dataSource.query(
      `SELECT account, sum(amount_fen)::bigint AS balance FROM ledger_entries
        WHERE account LIKE 'seller:%:available' GROUP BY account HAVING sum(amount_fen) < 0`,
    );
    const created: Payout[] = [];
    for (const row of owed) {
      const sellerId = row.account.split(':')[1];
      const payout = await this.dataSource.transaction(async (em) => {
        // The seller's row lock keeps two runs from paying the same balance twice.
        const [seller] = (await em.query(`SELECT stripe_account_id FROM sellers WHERE id = $1 FOR UPDATE`, [
          sellerId,
        ])) as Array<{ stripe_account_id: string | null }>;
        const amount: Fen = -(await this.ledger.balance(Accounts.available(sellerId), em));
        if (amount <= 0) return null;
        const connect = Boolean(this.stripe && seller?.stripe_account_id);
        const saved = await em.getRepository(Payout).save({
          sellerId,
          amountFen: String(amount),
          status: 'pending' as const,
          method: connect ? ('stripe_connect' as const) : ('bank' as const),
          destination: connect ? seller.stripe_account_id : null,
        });
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

  /** Finance sent a bank payout. Marking twice changes nothing. */
  async markPaid(payoutId: string, financeUserId: string, bankReference: string): Promise<Payout> {
    return this.dataSource.transaction(async (em) => {
      const payout = await em
        .getRepository(Payout)
        .findOne({ where: { id: payoutId }, lock: { mode: 'pessimistic_write' } });
      if (!payout) throw new DomainError('not_found', 'PAYOUT_NOT_FOUND', 'Payout not found');
      if (payout.method !== 'bank') {
        throw new DomainError('conflict', 'PAYOUT_SENT_BY_STRIPE', 'This payout goes out by Stripe Connect transfer');
      }
      return this.settle(em, payout, bankReference, financeUserId);
    });
  }

  /**
   * Sends pending Connect payouts. The idempotency key comes from the payout id, so a retry
   * after a crash or a timeout never moves money twice.
   */
  async sendTransfers(): Promise<number> {
    if (!this.stripe) return 0;
    const pending = await this.dataSource
      .getRepository(Payout)
      .find({ where: { status: 'pending', method: 'stripe_connect' }, order: { createdAt: 'ASC' }, take: 100 });
    for (const payout of pending) {
      const transfer = await this.stripe.transfers.create(
        {
          amount: Number(payout.amountFen),
          currency: 'cny',
          destination: payout.destination!,
          metadata: { payoutId: payout.id },
        },
        { idempotencyKey: `furrow-payout-${payout.id}` },
      );
      await this.dataSource.transaction(async (em) => {
        const locked = await em
          .getRepository(Payout)
          .findOneOrFail({ where: { id: payout.id }, lock: { mode: 'pessimistic_write' } });
        await this.settle(em, locked, transfer.id, null);
      });
    }
    return pending.length;
  }

  private async settle(em: EntityManager, payout: Payout, reference: string, paidBy: string | null): Promise<Payout> {
    if (payout.status === 'paid') return payout;
    const amount = Number(payout.amountFen);
    await this.ledger.post(em, `payout-paid:${payout.id}`, `payout sent (${payout.method})`, [
      { account: PAYOUTS_PENDING, amountFen: amount },
      { account: Accounts.cash, amountFen: -amount },
    ]);
    payout.status = 'paid';
    payout.bankReference = reference;
    payout.paidBy = paidBy;
    payout.paidAt = new Date();
    return em.getRepository(Payout).save(payout);
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
