import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CreatedKey } from '../../common/http/pagination';
import { OrderGroup } from './entities/order-group.entity';
import { OrderLine } from './entities/order-line.entity';
import { OrderStatusChange } from './entities/order-status-change.entity';
import { Order } from './entities/order.entity';
import { ShippingPolicy } from './entities/shipping-policy.entity';
import type { OrderStatus } from './order-state';

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

  findOrder(id: string): Promise<Order | null> {
    return this.dataSource.getRepository(Order).findOneBy({ id });
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
    filter: { buyerId?: string; sellerId?: string; status?: OrderStatus },
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
    return em
      .getRepository(Order)
      .createQueryBuilder('o')
      .where(`o.status = 'delivered'`)
      .andWhere(`o.delivered_at <= now() - make_interval(days => :days)`, { days })
      .orderBy('o.delivered_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Paid perishable orders past half their shipping window and not yet reminded, locked. */
  claimDueForShippingReminder(em: EntityManager, limit: number): Promise<Order[]> {
    return em
      .getRepository(Order)
      .createQueryBuilder('o')
      .where(`o.status = 'paid' AND o.ship_by IS NOT NULL AND o.ship_reminder_sent_at IS NULL`)
      .andWhere(`o.paid_at + (o.ship_by - o.paid_at) / 2 <= now()`)
      .orderBy('o.ship_by')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Paid perishable orders still unshipped at their deadline plus the grace period, locked. */
  claimPastShippingDeadline(em: EntityManager, graceHours: number, limit: number): Promise<Order[]> {
    return em
      .getRepository(Order)
      .createQueryBuilder('o')
      .where(`o.status = 'paid' AND o.ship_by IS NOT NULL`)
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
