import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { createdKeyOf, Page, pageByCreated } from '../../common/http/pagination';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { UsersService } from '../users/users.service';
import { HouseholdFlag, Seller } from './entities/seller.entity';
import { assertSellerTransition, SellerStatus } from './seller-state';
import { SellersErrors } from './sellers.errors';
import { SellersRepository } from './sellers.repository';

/** What admins do to stores: review, suspend, reinstate, and the household flags. */
@Injectable()
export class SellerReviewService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
  ) {}

  async list(query: { status?: SellerStatus; cursor?: string; limit: number }): Promise<Page<Seller>> {
    const rows = await this.sellers.listByStatus(
      query.status,
      query.limit + 1,
      createdKeyOf(query.cursor, 'admin.sellers'),
    );
    return pageByCreated(rows, query.limit, 'admin.sellers');
  }

  async get(id: string): Promise<Seller> {
    const seller = await this.sellers.findById(id);
    if (!seller) throw SellersErrors.notFound();
    return seller;
  }

  history(id: string) {
    return this.sellers.statusHistory(id);
  }

  auditLog(id: string) {
    return this.sellers.auditEntries(id);
  }

  /** Verifies the store; its owner becomes a seller. */
  approve(adminId: string, id: string): Promise<Seller> {
    return this.transition(adminId, id, 'verified', null, async (em, seller) => {
      await this.users.changeRolesIn(em, adminId, seller.ownerId, { grant: ['seller'] });
    });
  }

  reject(adminId: string, id: string, reason: string): Promise<Seller> {
    return this.transition(adminId, id, 'rejected', reason);
  }

  suspend(adminId: string, id: string, reason: string): Promise<Seller> {
    return this.transition(adminId, id, 'suspended', reason);
  }

  reinstate(adminId: string, id: string): Promise<Seller> {
    return this.transition(adminId, id, 'verified', null);
  }

  async setHouseholdFlags(id: string, flags: HouseholdFlag[], evidenceNote: string): Promise<Seller> {
    return this.sellers.transaction(async (em) => {
      const seller = await this.sellers.findByIdForUpdate(em, id);
      if (!seller) throw SellersErrors.notFound();
      seller.householdFlags = [...new Set(flags)];
      seller.householdFlagsEvidence = evidenceNote;
      return this.sellers.save(em, seller);
    });
  }

  async setStripeAccount(id: string, stripeAccountId: string | null): Promise<Seller> {
    return this.sellers.transaction(async (em) => {
      const seller = await this.sellers.findByIdForUpdate(em, id);
      if (!seller) throw SellersErrors.notFound();
      seller.stripeAccountId = stripeAccountId;
      return this.sellers.save(em, seller);
    });
  }

  private transition(
    adminId: string,
    id: string,
    to: SellerStatus,
    reason: string | null,
    alsoDo?: (em: EntityManager, seller: Seller) => Promise<void>,
  ): Promise<Seller> {
    return this.sellers.transaction(async (em) => {
      const seller = await this.sellers.findByIdForUpdate(em, id);
      if (!seller) throw SellersErrors.notFound();
      assertSellerTransition(seller.status, to);
      const from = seller.status;
      seller.status = to;
      seller.rejectionReason = to === 'rejected' ? reason : null;
      await this.sellers.save(em, seller);
      await this.sellers.recordStatusChange(em, {
        sellerId: id,
        fromStatus: from,
        toStatus: to,
        actorId: adminId,
        reason,
      });
      await alsoDo?.(em, seller);
      await this.outbox.record(em, 'seller.status-changed', { sellerId: id, from, to, actorId: adminId });
      return seller;
    });
  }
}
