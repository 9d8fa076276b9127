import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CreatedKey } from '../../common/http/pagination';
import { OrderGroup } from './entities/order-group.entity';
import { OrderLine } from './entities/order-line.entity';
import { OrderStatusChange } from './entities/order-status-change.entity';
import { Order } from './entities/order.entity';
import { ShippingPolicy } from './entities/shipping-policy.entity';
import { HOLDING_UNPAID, type OrderStatus } from './order-state';

@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findGroupByKey(buyerId: string, idempotencyKey: string): Promise<OrderGroup | null> {
    return this.dataSource.getRepository(OrderGroup).findOneBy({ buyerId, idempotencyKey });
  }

  /** Inserts the group unless another checkout holds the key; then null. Waits for that one to commit. */
  async insertGroup(em: EntityManager, group: Partial<OrderGroup>): Promise<OrderGroup | null> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(OrderGroup)
      .values(group)
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = (result.raw as Array<{ id: string }>)[0];
    return row ? em.getRepository(OrderGroup).findOneByOrFail({ id: row.id }) : null;
  }

  findGroup(id: string, em: EntityManager = this.dataSource.manager): Promise<OrderGroup | null> {
    return em.getRepository(OrderGroup).findOneBy({ id });
  }

  async setGroupTotal(em: EntityManager, groupId: string, totalFen: number): Promise<void> {
    await em.getRepository(OrderGroup).update({ id: groupId }, { totalFen });
  }

  saveOrder(em: EntityManager, order: Partial<Order>): Promise<Order> {
    return em.getRepository(Order).save(order as Order);
  }

  async insertLines(em: EntityManager, lines: Array<Partial<OrderLine>>): Promise<void> {
    await em.getRepository(OrderLine).insert(lines);
  }

  async recordStatus(em: EntityManager, change: Partial<OrderStatusChange>): Promise<void> {
    await em.getRepository(OrderStatusChange).insert(change);
  }

  ordersOfGroup(groupId: string, em: EntityManager = this.dataSource.manager): Promise<Order[]> {
    return em.getRepository(Order).find({ where: { groupId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  lockOrdersOfGroup(em: EntityManager, groupId: string): Promise<Order[]> {
    return em
      .getRepository(Order)
      .find({ where: { groupId }, lock: { mode: 'pessimistic_write' }, order: { id: 'ASC' } });
  }

  findOrder(id: string, em: EntityManager = this.dataSource.manager): Promise<Order | null> {
    return em.getRepository(Order).findOneBy({ id });
  }

  /** The buyer's word that the goods arrived; the first time counts. */
  async markReceiptConfirmed(em: EntityManager, id: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Order)
      .set({ receiptConfirmedAt: () => 'now()' })
      .where('id = :id AND receipt_confirmed_at IS NULL', { id })
      .execute();
  }

  lockOrder(em: EntityManager, id: string): Promise<Order | null> {
    return em.getRepository(Order).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  linesOf(orderId: string, em: EntityManager = this.dataSource.manager): Promise<OrderLine[]> {
    return em.getRepository(OrderLine).find({ where: { orderId } });
  }

  history(orderId: string): Promise<OrderStatusChange[]> {
    return this.dataSource.getRepository(OrderStatusChange).find({ where: { orderId }, order: { createdAt: 'ASC' } });
  }

  /** Newest first, for a buyer or a store. */
  list(
    filter: { buyerId?: string; sellerId?: string; status?: OrderStatus; statuses?: readonly OrderStatus[] },
    limit: number,
    after?: CreatedKey,
  ): Promise<Order[]> {
    const qb = this.dataSource
      .getRepository(Order)
      .createQueryBuilder('o')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit);
    if (filter.buyerId) qb.andWhere('o.buyer_id = :buyerId', { buyerId: filter.buyerId });
    if (filter.sellerId) qb.andWhere('o.seller_id = :sellerId', { sellerId: filter.sellerId });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.statuses) qb.andWhere('o.status IN (:...statuses)', { statuses: filter.statuses });
    if (after) qb.andWhere('(o.created_at, o.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }

  /** Unpaid orders past their expiry, locked; other workers skip them. */
  claimOverdue(em: EntityManager, limit: number): Promise<Order[]> {
    return em
      .getRepository(Order)
      .createQueryBuilder('o')
      .where(`o.status IN ('pending_payment', 'awaiting_offline_payment')`)
      .andWhere('o.expires_at <= now()')
      .orderBy('o.expires_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Delivered orders the buyer has not confirmed within `days`, locked. */
  claimUnconfirmed(em: EntityManager, days: number, limit: number): Promise<Order[]> {
    return (
      em
        .getRepository(Order)
        .createQueryBuilder('o')
        // Cash on delivery not yet collected stays delivered until the cash is in.
        .where(`o.status = 'delivered' AND o.paid_at IS NOT NULL`)
        .andWhere(`o.delivered_at <= now() - make_interval(days => :days)`, { days })
        .orderBy('o.delivered_at')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany()
    );
  }

  /**
   * Delivered cash-on-delivery orders whose cash is still not recorded `days` after delivery and
   * whose store was not reminded yet, locked (a prepaid order is paid before it ships).
   */
  claimDueForCashReminder(em: EntityManager, days: number, limit: number): Promise<Order[]> {
    return em
      .getRepository(Order)
      .createQueryBuilder('o')
      .where(`o.status = 'delivered' AND o.paid_at IS NULL AND o.cash_reminder_sent_at IS NULL`)
      .andWhere(`o.delivered_at <= now() - make_interval(days => :days)`, { days })
      .orderBy('o.delivered_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Paid (or cash-on-delivery) perishable orders past half their shipping window and not yet reminded, locked. */
  claimDueForShippingReminder(em: EntityManager, limit: number): Promise<Order[]> {
    return (
      em
        .getRepository(Order)
        .createQueryBuilder('o')
        .where(`o.status IN ('paid', 'confirmed') AND o.ship_by IS NOT NULL AND o.ship_reminder_sent_at IS NULL`)
        // The window opens at payment, or for cash on delivery at checkout.
        .andWhere(`coalesce(o.paid_at, o.created_at) + (o.ship_by - coalesce(o.paid_at, o.created_at)) / 2 <= now()`)
        .orderBy('o.ship_by')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany()
    );
  }

  /** Paid (or cash-on-delivery) perishable orders still unshipped at their deadline plus the grace period, locked. */
  claimPastShippingDeadline(em: EntityManager, graceHours: number, limit: number): Promise<Order[]> {
    return em
      .getRepository(Order)
      .createQueryBuilder('o')
      .where(`o.status IN ('paid', 'confirmed') AND o.ship_by IS NOT NULL`)
      .andWhere(`o.ship_by + make_interval(hours => :graceHours) <= now()`, { graceHours })
      .orderBy('o.ship_by')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Completed orders past the hold period (counted from delivery) whose payable is not released yet, locked. */
  claimReleasable(em: EntityManager, holdDays: number, limit: number): Promise<Order[]> {
    return em
      .getRepository(Order)
      .createQueryBuilder('o')
      .where(`o.status = 'completed'`)
      .andWhere('o.payable_released_at IS NULL')
      .andWhere(`o.delivered_at <= now() - make_interval(days => :holdDays)`, { holdDays })
      .orderBy('o.delivered_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Serialises the checkouts of one buyer until the transaction ends (for the unpaid-order caps). */
  async lockBuyerForCheckout(em: EntityManager, buyerId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('checkout:' || $1, 0))`, [buyerId]);
  }

  /** The buyer's orders holding unpaid units, in all and per variant (of `variantIds`). */
  async unpaidHeldBy(
    em: EntityManager,
    buyerId: string,
    variantIds: string[],
  ): Promise<{ orders: number; byVariant: Map<string, number> }> {
    const [{ count }] = (await em.query(
      `SELECT count(*)::int AS count FROM orders WHERE buyer_id = $1 AND status = ANY($2)`,
      [buyerId, HOLDING_UNPAID],
    )) as Array<{ count: number }>;
    const rows = (await em.query(
      `SELECT l.variant_id AS "variantId", count(DISTINCT o.id)::int AS count
         FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.buyer_id = $1 AND o.status = ANY($2) AND l.variant_id = ANY($3)
        GROUP BY l.variant_id`,
      [buyerId, HOLDING_UNPAID, variantIds],
    )) as Array<{ variantId: string; count: number }>;
    return { orders: count, byVariant: new Map(rows.map((r) => [r.variantId, r.count])) };
  }

  /** When the buyer's first unpaid order that can expire does (cash on delivery never does). */
  async nextUnpaidExpiry(em: EntityManager, buyerId: string): Promise<Date | null> {
    const [row] = (await em.query(
      `SELECT min(expires_at) AS at FROM orders WHERE buyer_id = $1 AND status = ANY($2) AND expires_at IS NOT NULL`,
      [buyerId, HOLDING_UNPAID],
    )) as Array<{ at: Date | null }>;
    return row?.at ?? null;
  }

  shippingPolicies(em: EntityManager, sellerIds: string[]): Promise<ShippingPolicy[]> {
    return sellerIds.length
      ? em.getRepository(ShippingPolicy).findBy(sellerIds.map((sellerId) => ({ sellerId })))
      : Promise.resolve([]);
  }

  findShippingPolicy(sellerId: string): Promise<ShippingPolicy | null> {
    return this.dataSource.getRepository(ShippingPolicy).findOneBy({ sellerId });
  }

  saveShippingPolicy(policy: Partial<ShippingPolicy>): Promise<ShippingPolicy> {
    return this.dataSource.getRepository(ShippingPolicy).save(policy as ShippingPolicy);
  }
}
