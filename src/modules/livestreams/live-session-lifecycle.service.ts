import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { LiveOffersService } from '../catalog/live-offers.service';
import { LiveSession } from './entities/live-session.entity';
import { assertLiveSessionTransition, LiveSessionStatus } from './live-session-state';
import { LiveSessionsRepository } from './live-sessions.repository';
import './livestreams.events';

/**
 * The one place a live session changes status: checked, stamped, kept in the history and
 * announced, in the caller's transaction. Going live opens its offers to buyers; ending or
 * cancelling unpins them all, their unsold units back in stock.
 */
@Injectable()
export class LiveSessionLifecycle {
  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly offers: LiveOffersService,
    private readonly outbox: OutboxService,
  ) {}

  async move(
    em: EntityManager,
    session: LiveSession,
    to: LiveSessionStatus,
    actorId: string | null,
    reason: string | null = null,
  ): Promise<LiveSession> {
    const from = session.status;
    assertLiveSessionTransition(from, to);
    const now = new Date();
    session.status = to;
    if (to === 'live') session.startedAt = now;
    if (to === 'ended') session.endedAt = now;
    const saved = await this.sessions.saveSession(em, session);
    await this.sessions.recordStatus(em, { sessionId: session.id, fromStatus: from, toStatus: to, actorId, reason });
    if (to === 'live') await this.offers.openSelling(em, session.id);
    if (to === 'ended' || to === 'cancelled') await this.offers.closeSelling(em, session.id);
    await this.outbox.record(em, 'live-session.status-changed', {
      sessionId: session.id,
      sellerId: session.sellerId,
      hostUserId: session.hostUserId,
      cohortId: session.cohortId,
      from,
      to,
      pinnedItems: (await this.offers.allOf(session.id, em)).length,
      at: now.toISOString(),
    });
    return saved;
  }
}
