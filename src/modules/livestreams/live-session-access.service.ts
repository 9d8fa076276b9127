import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { SellersService } from '../sellers/sellers.service';
import { LiveSession } from './entities/live-session.entity';
import { LiveSessionsRepository } from './live-sessions.repository';
import { LivestreamErrors } from './livestreams.errors';

/**
 * Who may run a live session: the members of its store (and a trainer the owner consented to,
 * as for the store itself), the trainer of its practice room while the host holds a seat, or an
 * admin. Anyone else gets
 * LIVE_SESSION_NOT_FOUND (404), never a hint that it exists.
 */
@Injectable()
export class LiveSessionAccess {
  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly sellers: SellersService,
  ) {}

  /**
   * The host counts as a member of the store, no more: one removed from it loses the session
   * too. The trainer co-manages a practice room while its host still holds a seat.
   */
  async mayManage(actor: Actor, session: LiveSession): Promise<boolean> {
    if (actor.roles.includes('admin')) return true;
    if (session.trainerId === actor.id && (await this.practiceRoomOpen(session))) return true;
    return this.managesStore(actor, session.sellerId);
  }

  /** A practice room is one while its host holds a seat in the cohort (a plain session always is). */
  async practiceRoomOpen(session: LiveSession): Promise<boolean> {
    if (session.cohortId === null) return true;
    return (await this.sessions.findSeat(session.cohortId, session.hostUserId))?.seated === true;
  }

  /** The session's row, locked, for someone who may run it. */
  async manageLocked(actor: Actor, sessionId: string, em: EntityManager): Promise<LiveSession> {
    const session = await this.sessions.lockSession(em, sessionId);
    if (!session || !(await this.mayManage(actor, session))) throw LivestreamErrors.sessionNotFound();
    return session;
  }

  async manage(actor: Actor, sessionId: string): Promise<LiveSession> {
    const session = await this.sessions.findSession(sessionId);
    if (!session || !(await this.mayManage(actor, session))) throw LivestreamErrors.sessionNotFound();
    return session;
  }

  /** Whether the actor runs the store (SELLER_NOT_FOUND from sellers means no). */
  async managesStore(actor: Actor, sellerId: string): Promise<boolean> {
    try {
      await this.sellers.getManaged(actor, sellerId);
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'SELLER_NOT_FOUND') return false;
      throw error;
    }
  }
}
