import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AssistanceConsent } from './entities/assistance-consent.entity';
import { SellerAuditEntry } from './entities/seller-audit-entry.entity';
import { SellerMember } from './entities/seller-member.entity';
import { SellerStatusChange } from './entities/seller-status-change.entity';
import { Seller } from './entities/seller.entity';
import type { SellerStatus } from './seller-state';

@Injectable()
export class SellersRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string, em: EntityManager = this.dataSource.manager): Promise<Seller | null> {
    return em.getRepository(Seller).findOneBy({ id });
  }

  findByIdForUpdate(em: EntityManager, id: string): Promise<Seller | null> {
    return em.getRepository(Seller).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(em: EntityManager, seller: Partial<Seller>): Promise<Seller> {
    return em.getRepository(Seller).save(em.getRepository(Seller).create(seller));
  }

  async save(em: EntityManager, seller: Seller): Promise<Seller> {
    return em.getRepository(Seller).save(seller);
  }

  async addMember(em: EntityManager, member: Partial<SellerMember>): Promise<void> {
    await em.getRepository(SellerMember).insert(member);
  }

  async removeMember(em: EntityManager, sellerId: string, userId: string): Promise<boolean> {
    const result = await em.getRepository(SellerMember).delete({ sellerId, userId, role: 'staff' });
    return (result.affected ?? 0) > 0;
  }

  membersOf(sellerId: string, em: EntityManager = this.dataSource.manager): Promise<SellerMember[]> {
    return em.getRepository(SellerMember).find({ where: { sellerId }, order: { createdAt: 'ASC' } });
  }

  isMember(sellerId: string, userId: string): Promise<boolean> {
    return this.dataSource.getRepository(SellerMember).existsBy({ sellerId, userId });
  }

  /** Stores the user owns or staffs, newest first. */
  listForMember(userId: string): Promise<Seller[]> {
    return this.dataSource
      .getRepository(Seller)
      .createQueryBuilder('s')
      .innerJoin(SellerMember, 'm', 'm.seller_id = s.id AND m.user_id = :userId', { userId })
      .orderBy('s.created_at', 'DESC')
      .getMany();
  }

  /** Stores of owners who consented to this trainer. */
  listAssistedBy(trainerId: string): Promise<Seller[]> {
    return this.dataSource
      .getRepository(Seller)
      .createQueryBuilder('s')
      .innerJoin(
        AssistanceConsent,
        'c',
        'c.trainee_id = s.owner_id AND c.trainer_id = :trainerId AND c.revoked_at IS NULL',
        { trainerId },
      )
      .orderBy('s.created_at', 'DESC')
      .getMany();
  }

  async recordStatusChange(em: EntityManager, change: Partial<SellerStatusChange>): Promise<void> {
    await em.getRepository(SellerStatusChange).insert(change);
  }

  statusHistory(sellerId: string): Promise<SellerStatusChange[]> {
    return this.dataSource.getRepository(SellerStatusChange).find({ where: { sellerId }, order: { createdAt: 'ASC' } });
  }

  async recordAudit(em: EntityManager, entry: Partial<SellerAuditEntry>): Promise<void> {
    await em.getRepository(SellerAuditEntry).insert(entry as never);
  }

  auditEntries(sellerId: string): Promise<SellerAuditEntry[]> {
    return this.dataSource.getRepository(SellerAuditEntry).find({ where: { sellerId }, order: { createdAt: 'ASC' } });
  }

  /** The earliest time one of the owner's stores became verified, and which store. */
  async firstVerificationOf(
    ownerId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ sellerId: string; at: Date } | null> {
    const row = await em
      .getRepository(SellerStatusChange)
      .createQueryBuilder('c')
      .innerJoin(Seller, 's', 's.id = c.seller_id AND s.owner_id = :ownerId', { ownerId })
      .where("c.to_status = 'verified'")
      .orderBy('c.created_at', 'ASC')
      .getOne();
    return row ? { sellerId: row.sellerId, at: row.createdAt } : null;
  }

  storeIdsOwnedBy(ownerId: string, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    return em
      .getRepository(Seller)
      .find({ where: { ownerId }, select: { id: true } })
      .then((rows) => rows.map((r) => r.id));
  }

  /** What one trainer did for any of these trainees, oldest first, in one query. */
  auditEntriesBy(actorId: string, onBehalfOfIds: string[]): Promise<SellerAuditEntry[]> {
    if (onBehalfOfIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(SellerAuditEntry)
      .find({ where: { actorId, onBehalfOfId: In(onBehalfOfIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  activeConsent(traineeId: string, trainerId: string): Promise<AssistanceConsent | null> {
    return this.dataSource.getRepository(AssistanceConsent).findOneBy({ traineeId, trainerId, revokedAt: IsNull() });
  }

  async insertConsent(consent: Partial<AssistanceConsent>): Promise<AssistanceConsent | null> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AssistanceConsent)
      .values(consent)
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = (result.raw as Array<{ id: string }>)[0];
    return row ? this.dataSource.getRepository(AssistanceConsent).findOneBy({ id: row.id }) : null;
  }

  async revokeConsent(traineeId: string, trainerId: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(AssistanceConsent)
      .update({ traineeId, trainerId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return (result.affected ?? 0) > 0;
  }

  /** Newest first; keyed on (created_at, id). */
  listByStatus(status: SellerStatus | undefined, limit: number, after?: { createdAt: string; id: string }) {
    const qb = this.dataSource
      .getRepository(Seller)
      .createQueryBuilder('s')
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit);
    if (status) qb.andWhere('s.status = :status', { status });
    if (after) qb.andWhere('(s.created_at, s.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }
}
