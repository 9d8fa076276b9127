import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Fen, sum } from '../../common/money';
import type { OutboxEnvelope } from '../../queue/event-map';
import { RefundsService } from '../payments/refunds.service';
import { SellersService } from '../sellers/sellers.service';
import { ProgressRepository } from './progress.repository';

/** The purpose orders record their refunds under (ORDER_PAYMENT in orders; training cannot import it). */
const ORDER_REFUNDS = 'order';

/**
 * The settled goods of an order: its goods less what was refunded for it, never below zero
 * (a refund may also cover shipping). THE rule for counting a trainee's sales: the progress
 * board, its CSV and the county impact reports all use it (docs/training.md).
 */
export function settledGoodsFen(sale: { goodsFen: Fen; refundedFen: Fen }): Fen {
  return sale.goodsFen - Math.min(sale.goodsFen, sale.refundedFen);
}

/** The settled goods of several sales. */
export function settledTotalFen(sales: Array<{ goodsFen: Fen; refundedFen: Fen }>): Fen {
  return sum(sales.map(settledGoodsFen));
}

/**
 * A trainee's store sales as training learns them from `order.paid` and `order.refunded`
 * (orders sit on training's level, so training keeps its own record: trainee_sales).
 * Both handlers re-read and overwrite, so running one twice changes nothing, and either may
 * come first: both take the order's transaction lock before anything else (a row lock cannot
 * serialise them: the row may not exist yet), then the sale's row is written and given the
 * refunds payments holds now (a refund's event exists only once the refund has committed). So
 * two refunds handled at once, or a refund handled before or during the payment's handling,
 * still leave the total right.
 */
@Injectable()
export class TraineeSalesService {
  constructor(
    private readonly progress: ProgressRepository,
    private readonly sellers: SellersService,
    private readonly refunds: RefundsService,
  ) {}

  /** Kept only when the store's owner has ever enrolled: others are no trainee's sales. */
  async recordPaid(em: EntityManager, event: OutboxEnvelope<'order.paid'>): Promise<void> {
    const { orderId, sellerId, goodsFen, paidAt } = event.payload;
    await this.progress.serialiseSale(em, orderId);
    const seller = await this.sellers.getById(sellerId, em);
    if (!(await this.progress.hasAnyEnrollment(em, seller.ownerId))) return;
    await this.progress.upsertSale(em, {
      orderId,
      sellerId,
      traineeId: seller.ownerId,
      goodsFen,
      paidAt: new Date(paidAt),
    });
    await this.refreshRefunded(em, orderId);
  }

  async recordRefunded(em: EntityManager, event: OutboxEnvelope<'order.refunded'>): Promise<void> {
    await this.progress.serialiseSale(em, event.payload.orderId);
    await this.refreshRefunded(em, event.payload.orderId);
  }

  /** The total that went back for the order, as payments has it now (under the order's lock). */
  private async refreshRefunded(em: EntityManager, orderId: string): Promise<void> {
    if (!(await this.progress.hasSale(em, orderId))) return; // no trainee's sale (yet: order.paid will do it)
    const refunds = await this.refunds.forReference(ORDER_REFUNDS, orderId, em);
    const refundedFen = sum(refunds.filter((r) => r.status === 'succeeded').map((r) => r.amountFen));
    await this.progress.setRefunded(em, orderId, refundedFen);
  }
}
