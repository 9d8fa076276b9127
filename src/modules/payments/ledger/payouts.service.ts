import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error';
import { assertPayoutTransition, PayoutStatus } from '../payout-state';
import { PaymentProviders } from '../providers/payment-providers';
import { Accounts, LedgerService } from './ledger.service';
import { Payout, PAYOUT_METHODS } from './payout.entity';
import { PayoutStatusChange } from './payout-status-change.entity';
import { PayoutsRepository } from './payouts.repository';

const SEND_AT_ONCE = 100;

/**
 * Pays sellers what the ledger says is available. A balance made negative by a refund after
 * a payout is simply not paid out until later sales settle it.
 */
@Injectable()
export class PayoutsService {
  private readonly logger = new Logger(PayoutsService.name);

  constructor(
    private readonly payouts: PayoutsRepository,
    private readonly ledger: LedgerService,
    private readonly providers: PaymentProviders,
  ) {}

  /**
   * One payout per seller with money available, then the transfers of providers that send them
   * (those still pending from an earlier run included); bank payouts wait for finance. Returns
   * the payouts created.
   */
  async run(): Promise<Payout[]> {
    const created = await this.createPayouts();
    await this.sendTransfers();
    return Promise.all(created.map(async (p) => (await this.payouts.find(p.id)) ?? p));
  }

  private async createPayouts(): Promise<Payout[]> {
    const created: Payout[] = [];
    for (const { sellerId } of await this.ledger.sellersOwed()) {
      const payout = await this.payouts.transaction(async (em) => {
        const accounts = await this.payouts.lockSellerAccounts(em, sellerId);
        if (!accounts) return null;
        const amount = -(await this.ledger.balance(Accounts.available(sellerId), em));
        if (amount <= 0) return null;
        const route = this.providers.payoutRoute(accounts);
        const saved = await this.payouts.insert(em, {
          sellerId,
          amountFen: amount,
          status: 'pending',
          method: route.adapter.payoutMethod,
          destination: route.destination,
        });
        await this.payouts.recordStatus(em, {
          payoutId: saved.id,
          fromStatus: null,
          toStatus: 'pending',
          actorId: null,
          reason: null,
        });
        await this.ledger.post(em, `payout:${saved.id}`, 'payout to seller', [
          { account: Accounts.available(sellerId), amountFen: amount },
          { account: Accounts.payoutsPending, amountFen: -amount },
        ]);
        return saved;
      });
      if (payout) created.push(payout);
    }
    return created;
  }

  /** Finance sent a bank payout. Marking twice changes nothing. */
  async markPaid(payoutId: string, financeUserId: string, bankReference: string): Promise<Payout> {
    return this.payouts.transaction(async (em) => {
      const payout = await this.payouts.lock(em, payoutId);
      if (!payout) throw new DomainError('not_found', 'PAYOUT_NOT_FOUND', 'Payout not found');
      if (this.providers.ofPayout(payout).sendsMoney) {
        throw new DomainError('conflict', 'PAYOUT_SENT_BY_STRIPE', 'This payout goes out by Stripe Connect transfer');
      }
      if (payout.status === 'paid') return payout;
      payout.bankReference = bankReference;
      payout.paidBy = financeUserId;
      return this.moveTo(em, payout, 'paid', financeUserId);
    });
  }

  /**
   * Sends pending payouts through the providers that send them, outside any transaction. The
   * idempotency key comes from the payout id, so a retry after a crash or a timeout never moves
   * money twice. A payout the provider cannot take now (an outage) stays pending for the payout
   * sender (`payments.send-payouts`, every PAYOUT_RETRY_MINUTES) and does not hold back the
   * others. Returns how many were paid or failed.
   */
  async sendTransfers(): Promise<number> {
    let handled = 0;
    for (const method of PAYOUT_METHODS) {
      const adapter = this.providers.ofPayout({ method });
      if (!adapter.enabled || !adapter.sendsMoney) continue;
      for (const payout of await this.payouts.pending(method, SEND_AT_ONCE)) {
        const sent = await adapter.transfer(payout).catch((error: unknown) => {
          this.logger.warn(
            { payoutId: payout.id, error: String(error) },
            'payout not sent; retried by the payout sender',
          );
          return null;
        });
        if (!sent) continue; // a person sends it, or the provider is out for now
        await this.payouts.transaction(async (em) => {
          const locked = await this.payouts.lock(em, payout.id);
          if (!locked || locked.status !== 'pending') return;
          if (sent.status === 'paid') {
            locked.bankReference = sent.reference;
            await this.moveTo(em, locked, 'paid', null);
          } else {
            await this.moveTo(em, locked, 'failed', null, sent.reason);
          }
        });
        handled++;
      }
    }
    return handled;
  }

  /**
   * Every status change of a payout: checked, recorded, and posted. Paid: the money left the
   * platform. Failed: it goes back to the seller's available balance for the next run.
   */
  async moveTo(
    em: EntityManager,
    payout: Payout,
    to: PayoutStatus,
    actorId: string | null,
    reason: string | null = null,
  ): Promise<Payout> {
    assertPayoutTransition(payout.status, to);
    await this.payouts.recordStatus(em, {
      payoutId: payout.id,
      fromStatus: payout.status,
      toStatus: to,
      actorId,
      reason,
    });
    const amount = payout.amountFen;
    if (to === 'paid') {
      await this.ledger.post(em, `payout-paid:${payout.id}`, `payout sent (${payout.method})`, [
        { account: Accounts.payoutsPending, amountFen: amount },
        { account: Accounts.cash, amountFen: -amount },
      ]);
      payout.paidAt = new Date();
    }
    if (to === 'failed') {
      await this.ledger.post(em, `payout-failed:${payout.id}`, `payout refused (${payout.method})`, [
        { account: Accounts.payoutsPending, amountFen: amount },
        { account: Accounts.available(payout.sellerId), amountFen: -amount },
      ]);
    }
    payout.status = to;
    return this.payouts.save(em, payout);
  }

  /** Bank payouts waiting for finance to send them and mark them paid, oldest first. */
  awaitingBank(limit: number): Promise<Payout[]> {
    return this.payouts.pending('bank', limit);
  }

  /** A payout with its status history. */
  async detail(id: string): Promise<{ payout: Payout; history: PayoutStatusChange[] }> {
    const payout = await this.payouts.find(id);
    if (!payout) throw new DomainError('not_found', 'PAYOUT_NOT_FOUND', 'Payout not found');
    return { payout, history: await this.payouts.history(id) };
  }

  /** What a seller is owed (held until delivery + hold period, and available) and its payouts. */
  async statement(sellerId: string) {
    const held = -(await this.ledger.balance(Accounts.held(sellerId)));
    const available = -(await this.ledger.balance(Accounts.available(sellerId)));
    const payouts = await this.payouts.ofSeller(sellerId, 100);
    return { heldFen: held, availableFen: available, payouts };
  }
}
