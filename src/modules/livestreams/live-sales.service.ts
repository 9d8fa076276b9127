import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { allocate, Fen, sum } from '../../common/money';
import type { OutboxEnvelope } from '../../queue/event-map';
import { RefundsService } from '../payments/refunds.service';
import { LiveSessionSaleLine } from './entities/live-session-sale-line.entity';
import { LiveSessionSale } from './entities/live-session-sale.entity';

/** The purpose orders record their refunds under (orders' ORDER_PAYMENT; livestreams cannot import it). */
const ORDER_REFUNDS = 'order';

/**
 * The settled goods of a live sale's live lines: the order's settled goods (goods less refunds,
 * the rule training and the county reports use) shared between its live and other lines by
 * their goods, largest remainder, so the parts add up to the order's.
 */
export function settledLiveGoods(sale: Pick<LiveSessionSale, 'goodsFen' | 'liveGoodsFen' | 'refundedFen'>): Fen {
  const settled = sale.goodsFen - Math.min(sale.goodsFen, sale.refundedFen);
  if (sale.goodsFen === 0 || sale.liveGoodsFen >= sale.goodsFen) return Math.min(settled, sale.liveGoodsFen);
  return allocate(settled, [sale.liveGoodsFen, sale.goodsFen - sale.liveGoodsFen])[0];
}

/** What a session sold: paid orders (cancelled or returned ones out), their units, GMV with refunds out, buyers, per item. */
export interface LiveSessionReport {
  orders: number;
  units: number;
  paidGmvFen: Fen;
  buyers: number;
  items: Array<{ offerId: string; orders: number; units: number; goodsFen: Fen }>;
}

/**
 * A session's sales, kept from orders' events the way training keeps trainees' sales: each
 * handler takes the order's transaction lock first (the row may not exist yet), then writes;
 * refunds are re-read from payments. Any order of arrival, and any repeat, leaves it right.
 */
@Injectable()
export class LiveSalesService {
  constructor(private readonly refunds: RefundsService) {}

  async recordPaid(em: EntityManager, event: OutboxEnvelope<'order.paid'>): Promise<void> {
    const { orderId, goodsFen, paidAt, live } = event.payload;
    if (!live) return;
    await serialise(em, orderId);
    await em.query(
      `INSERT INTO live_session_sales (order_id, session_id, buyer_id, goods_fen, live_goods_fen, paid_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (order_id) DO UPDATE SET goods_fen = EXCLUDED.goods_fen, live_goods_fen = EXCLUDED.live_goods_fen,
         paid_at = EXCLUDED.paid_at, buyer_id = EXCLUDED.buyer_id`,
      [orderId, live.sessionId, live.buyerId, goodsFen, sum(live.lines.map((l) => l.lineTotalFen)), paidAt],
    );
    if (live.lines.length > 0) {
      await em
        .createQueryBuilder()
        .insert()
        .into(LiveSessionSaleLine)
        .values(
          live.lines.map((l) => ({ orderId, offerId: l.offerId, quantity: l.quantity, lineTotalFen: l.lineTotalFen })),
        )
        .orIgnore()
        .execute();
    }
    await this.refreshRefunded(em, orderId);
  }

  /** Cancelled or returned after payment: out of the report. Handled first, it leaves a row `order.paid` fills in. */
  async recordClosed(
    em: EntityManager,
    event: OutboxEnvelope<'order.cancelled'> | OutboxEnvelope<'order.returned'>,
  ): Promise<void> {
    const { orderId, paidAt, liveSessionId } = event.payload;
    if (!paidAt || !liveSessionId) return;
    await serialise(em, orderId);
    await em.query(
      `INSERT INTO live_session_sales (order_id, session_id, buyer_id, goods_fen, paid_at, closed_at)
       VALUES ($1, $2, NULL, 0, $3, $4)
       ON CONFLICT (order_id) DO UPDATE SET closed_at = EXCLUDED.closed_at`,
      [orderId, liveSessionId, paidAt, event.occurredAt],
    );
  }

  async recordRefunded(em: EntityManager, event: OutboxEnvelope<'order.refunded'>): Promise<void> {
    await serialise(em, event.payload.orderId);
    await this.refreshRefunded(em, event.payload.orderId);
  }

  async report(sessionId: string, em: EntityManager): Promise<LiveSessionReport> {
    const sales = await em.getRepository(LiveSessionSale).find({ where: { sessionId } });
    const counted = sales.filter((s) => s.closedAt === null && s.paidAt !== null);
    const lines = counted.length
      ? await em
          .getRepository(LiveSessionSaleLine)
          .createQueryBuilder('l')
          .where('l.order_id = ANY(:ids)', { ids: counted.map((s) => s.orderId) })
          .getMany()
      : [];
    const byOffer = new Map<string, { offerId: string; orders: number; units: number; goodsFen: Fen }>();
    for (const line of lines) {
      const item = byOffer.get(line.offerId) ?? { offerId: line.offerId, orders: 0, units: 0, goodsFen: 0 };
      item.orders += 1;
      item.units += line.quantity;
      item.goodsFen += line.lineTotalFen;
      byOffer.set(line.offerId, item);
    }
    return {
      orders: counted.length,
      units: sum(lines.map((l) => l.quantity)),
      paidGmvFen: sum(counted.map(settledLiveGoods)),
      buyers: new Set(counted.map((s) => s.buyerId)).size,
      items: [...byOffer.values()],
    };
  }

  private async refreshRefunded(em: EntityManager, orderId: string): Promise<void> {
    if (!(await em.getRepository(LiveSessionSale).existsBy({ orderId }))) return;
    const refundedFen = await this.refunds.returnedFor(ORDER_REFUNDS, orderId, em);
    await em.getRepository(LiveSessionSale).update({ orderId }, { refundedFen });
  }
}

function serialise(em: EntityManager, orderId: string): Promise<unknown> {
  return em.query(`SELECT pg_advisory_xact_lock(hashtextextended('live_sale:' || $1, 0))`, [orderId]);
}
