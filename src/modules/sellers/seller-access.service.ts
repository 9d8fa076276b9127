import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { Seller } from './entities/seller.entity';
import { SellersErrors } from './sellers.errors';
import { SellersRepository } from './sellers.repository';

/** A store as one actor may manage it: as a member, or as a trainer the owner consented to. */
export interface ManagedSeller {
  seller: Seller;
  /** The trainee the actor is acting for; null when the actor is a member of the store. */
  onBehalfOf: string | null;
}

/** Who may manage which store. Anyone else gets SELLER_NOT_FOUND (404), not a hint that it exists. */
@Injectable()
export class SellerAccess {
  constructor(private readonly sellers: SellersRepository) {}

  async manage(actor: Actor, sellerId: string, em?: EntityManager): Promise<ManagedSeller> {
    const seller = await this.sellers.findById(sellerId, em);
    if (!seller) throw SellersErrors.notFound();
    if (await this.sellers.isMember(seller.id, actor.id)) return { seller, onBehalfOf: null };
    if (actor.roles.includes('trainer') && (await this.sellers.activeConsent(seller.ownerId, actor.id))) {
      return { seller, onBehalfOf: seller.ownerId };
    }
    throw SellersErrors.notFound();
  }

  /** Writes the audit entry of an action a trainer took for a trainee, inside the action's transaction. */
  async audit(
    em: EntityManager,
    actor: Actor,
    managed: ManagedSeller,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    if (!managed.onBehalfOf) return;
    await this.sellers.recordAudit(em, {
      sellerId: managed.seller.id,
      actorId: actor.id,
      onBehalfOfId: managed.onBehalfOf,
      action,
      details,
    });
  }
}
