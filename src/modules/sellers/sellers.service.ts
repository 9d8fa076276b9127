import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { MediaService } from '../media/media.service';
import { RegionsService } from '../regions/regions.service';
import { UsersService } from '../users/users.service';
import { ApplySellerDto, UpdateSellerDto } from './dto/seller.dto';
import { SellerAuditEntry } from './entities/seller-audit-entry.entity';
import { Seller } from './entities/seller.entity';
import { SellerAccess } from './seller-access.service';
import { assertSellerTransition } from './seller-state';
import { SellersErrors } from './sellers.errors';
import { SellersRepository } from './sellers.repository';
import './sellers.events';

/** Applying for a store and managing it, by its members or an assisting trainer. */
@Injectable()
export class SellersService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly access: SellerAccess,
    private readonly regions: RegionsService,
    private readonly outbox: OutboxService,
    private readonly media: MediaService,
    private readonly users: UsersService,
  ) {}

  async apply(actor: Actor, input: ApplySellerDto): Promise<Seller> {
    await this.regions.requireCounty(input.originCountyCode);
    const ownerId = input.onBehalfOf ?? actor.id;
    if (input.onBehalfOf) {
      if (!actor.roles.includes('trainer')) throw SellersErrors.notTrainer();
      if (!(await this.sellers.activeConsent(input.onBehalfOf, actor.id))) throw SellersErrors.noConsent();
    }
    await this.media.assertUsable(input.photoIds, [actor.id, ownerId]);
    return this.sellers.transaction(async (em) => {
      const { onBehalfOf: _, ...fields } = input;
      const seller = await this.sellers.insert(em, { ...fields, ownerId, status: 'pending_review' });
      await this.sellers.addMember(em, { sellerId: seller.id, userId: ownerId, role: 'owner' });
      await this.sellers.recordStatusChange(em, {
        sellerId: seller.id,
        fromStatus: null,
        toStatus: 'pending_review',
        actorId: actor.id,
      });
      await this.access.audit(em, actor, { seller, onBehalfOf: input.onBehalfOf ?? null }, 'seller.created');
      await this.outbox.record(em, 'seller.status-changed', {
        sellerId: seller.id,
        from: null,
        to: 'pending_review',
        actorId: actor.id,
      });
      return seller;
    });
  }

  /** Stores the actor owns or staffs, and (for trainers) stores of trainees who consented. */
  async listManaged(actor: Actor): Promise<Seller[]> {
    const own = await this.sellers.listForMember(actor.id);
    if (!actor.roles.includes('trainer')) return own;
    const assisted = await this.sellers.listAssistedBy(actor.id);
    const seen = new Set(own.map((s) => s.id));
    return [...own, ...assisted.filter((s) => !seen.has(s.id))];
  }

  async getManaged(actor: Actor, id: string): Promise<Seller> {
    return (await this.access.manage(actor, id)).seller;
  }

  async update(actor: Actor, id: string, patch: UpdateSellerDto): Promise<Seller> {
    if (patch.originCountyCode) await this.regions.requireCounty(patch.originCountyCode);
    return this.sellers.transaction(async (em) => {
      const managed = await this.access.manage(actor, id, em);
      const seller = await this.sellers.findByIdForUpdate(em, managed.seller.id);
      if (!seller) throw SellersErrors.notFound();
      if (patch.photoIds) await this.media.assertUsable(patch.photoIds, [actor.id, seller.ownerId]);
      Object.assign(seller, patch);
      await this.sellers.save(em, seller);
      await this.access.audit(em, actor, managed, 'seller.updated', { fields: Object.keys(patch) });
      return seller;
    });
  }

  /** A rejected store, corrected, goes back for review. */
  async resubmit(actor: Actor, id: string): Promise<Seller> {
    return this.sellers.transaction(async (em) => {
      const managed = await this.access.manage(actor, id, em);
      const seller = await this.sellers.findByIdForUpdate(em, managed.seller.id);
      if (!seller) throw SellersErrors.notFound();
      assertSellerTransition(seller.status, 'pending_review');
      const from = seller.status;
      seller.status = 'pending_review';
      seller.rejectionReason = null;
      await this.sellers.save(em, seller);
      await this.sellers.recordStatusChange(em, {
        sellerId: seller.id,
        fromStatus: from,
        toStatus: 'pending_review',
        actorId: actor.id,
      });
      await this.access.audit(em, actor, managed, 'seller.resubmitted');
      await this.outbox.record(em, 'seller.status-changed', {
        sellerId: seller.id,
        from,
        to: 'pending_review',
        actorId: actor.id,
      });
      return seller;
    });
  }

  /** Counts a perishable order as shipped within its deadline, or as cancelled for missing it. */
  async recordShippingDeadline(em: EntityManager, sellerId: string, met: boolean): Promise<void> {
    await em
      .getRepository(Seller)
      .increment({ id: sellerId }, met ? 'shippingDeadlinesMet' : 'shippingDeadlinesMissed', 1);
  }

  /** `em`: read inside the caller's transaction (a listener holding a connection must not wait for a second). */
  async getById(id: string, em?: EntityManager): Promise<Seller> {
    const seller = await this.sellers.findById(id, em);
    if (!seller) throw SellersErrors.notFound();
    return seller;
  }

  /** Who runs the store day to day (owner and staff), e.g. to be told of a new order. */
  async memberUserIds(sellerId: string, em?: EntityManager): Promise<string[]> {
    return (await this.sellers.membersOf(sellerId, em)).map((m) => m.userId);
  }

  /** When the user first had a store verified (training's backfill of `store_verified`). */
  firstVerificationOf(ownerId: string, em?: EntityManager): Promise<{ sellerId: string; at: Date } | null> {
    return this.sellers.firstVerificationOf(ownerId, em);
  }

  /** The stores the user owns (not those they staff). */
  storeIdsOwnedBy(ownerId: string, em?: EntityManager): Promise<string[]> {
    return this.sellers.storeIdsOwnedBy(ownerId, em);
  }

  /** The actions a trainer took on these trainees' stores on their behalf (a cohort's progress board). */
  assistedActionsBy(trainerId: string, traineeIds: string[]): Promise<SellerAuditEntry[]> {
    return this.sellers.auditEntriesBy(trainerId, traineeIds);
  }

  /** The owner (or the trainer acting for them) adds a staff member by e-mail or phone. */
  async addStaff(actor: Actor, id: string, contact: { email?: string; phone?: string }) {
    const managed = await this.ownerAccess(actor, id);
    const user = await this.users.findByLogin(contact);
    if (!user) throw SellersErrors.userNotFound();
    if (await this.sellers.isMember(id, user.id)) throw SellersErrors.alreadyMember();
    await this.sellers.transaction(async (em) => {
      await this.sellers.addMember(em, { sellerId: id, userId: user.id, role: 'staff' });
      await this.access.audit(em, actor, managed, 'seller.staff-added', { userId: user.id });
    });
    return this.sellers.membersOf(id);
  }

  async removeStaff(actor: Actor, id: string, userId: string) {
    const managed = await this.ownerAccess(actor, id);
    await this.sellers.transaction(async (em) => {
      if (!(await this.sellers.removeMember(em, id, userId))) throw SellersErrors.staffNotFound();
      await this.access.audit(em, actor, managed, 'seller.staff-removed', { userId });
    });
    return this.sellers.membersOf(id);
  }

  async members(actor: Actor, id: string) {
    await this.access.manage(actor, id);
    return this.sellers.membersOf(id);
  }

  private async ownerAccess(actor: Actor, id: string) {
    const managed = await this.access.manage(actor, id);
    if (managed.seller.ownerId !== actor.id && managed.onBehalfOf !== managed.seller.ownerId)
      throw SellersErrors.ownerOnly();
    return managed;
  }

  /** A verified store's public page: the store and its photos. */
  async publicProfile(id: string) {
    const seller = await this.getPublic(id);
    return { seller, photos: await this.media.describe(seller.photoIds) };
  }

  /** A store buyers may see: verified (a suspended or unreviewed store is not found). */
  async getPublic(id: string): Promise<Seller> {
    const seller = await this.sellers.findById(id);
    if (!seller || seller.status !== 'verified') throw SellersErrors.notFound();
    return seller;
  }

  /**
   * How often the store shipped perishable orders within their deadline: a whole percentage
   * of the orders counted so far, or null before there is any.
   */
  onTimeShipping(seller: Seller): { counted: number; percent: number | null } {
    const counted = seller.shippingDeadlinesMet + seller.shippingDeadlinesMissed;
    return { counted, percent: counted === 0 ? null : Math.floor((seller.shippingDeadlinesMet * 100) / counted) };
  }
}
