import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Fen } from '../../common/money';
import type { OutboxEnvelope } from '../../queue/event-map';
import { RefundsService } from '../payments/refunds.service';
import { SellersService } from '../sellers/sellers.service';
import { ProgressRepository } from './progress.repository';

/** The purpose orders record their refunds under (ORDER_PAYMENT in orders; training cannot import it). */
const ORDER_REFUNDS = 'order';

/**
 * The settled goods of an order: its goods less what was refunded for it, never below zero
 * (a refund may also cover shipping); nothing once the paid order was cancelled or came back. THE rule for counting a trainee's sales: the progress
 * board, its CSV and the county impact reports all use it (docs/training.md).
 */
export function settledGoodsFen(sale: SettledFigures): Fen {
  if (sale.closedAt) return 0;
  return sale.goodsFen - Math.min(sale.goodsFen, sale.refundedFen);
}

type SettledFigures = { goodsFen: Fen; refundedFen: Fen; closedAt: Date | null };

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

  /** Every paid order: the board picks its trainees' sales by owner and time. */
  async recordPaid(em: EntityManager, event: OutboxEnvelope<'order.paid'>): Promise<void> {
    const { orderId, sellerId, goodsFen, paidAt } = event.payload;
    await this.progress.serialiseSale(em, orderId);
    const seller = await this.sellers.getById(sellerId, em);
    await this.progress.upsertSale(em, {
      orderId,
      sellerId,
      traineeId: seller.ownerId,
      goodsFen,
      paidAt: new Date(paidAt),
    });
    await this.refreshRefunded(em, orderId);
  }

  /**
   * A paid order cancelled or returned settles as nothing. Handled before its `order.paid`, the
   * row is written here first (goods 0) and the payment's handling fills in the rest.
   */
  async recordClosed(
    em: EntityManager,
    event: OutboxEnvelope<'order.cancelled'> | OutboxEnvelope<'order.returned'>,
  ): Promise<void> {
    const { orderId, sellerId, paidAt } = event.payload;
    if (!paidAt) return; // never paid: never a sale
    await this.progress.serialiseSale(em, orderId);
    const seller = await this.sellers.getById(sellerId, em);
    await this.progress.closeSale(em, {
      orderId,
      sellerId,
      traineeId: seller.ownerId,
      goodsFen: 0,
      paidAt: new Date(paidAt),
      closedAt: event.occurredAt,
    });
  }

  async recordRefunded(em: EntityManager, event: OutboxEnvelope<'order.refunded'>): Promise<void> {
    await this.progress.serialiseSale(em, event.payload.orderId);
    await this.refreshRefunded(em, event.payload.orderId);
  }

  /** The total that went back for the order, as payments has it now (under the order's lock). */
  private async refreshRefunded(em: EntityManager, orderId: string): Promise<void> {
    if (!(await this.progress.hasSale(em, orderId))) return; // no trainee's sale (yet: order.paid will do it)
    const refundedFen = await this.refunds.returnedFor(ORDER_REFUNDS, orderId, em);
    await this.progress.setRefunded(em, orderId, refundedFen);
  }
}
