import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/auth.decorators';
import { LiveOffer } from '../catalog/entities/live-offer.entity';
import { LiveOffersService } from '../catalog/live-offers.service';
import type { PinItemDto } from './dto/live-session.dto';
import { LiveSessionAccess } from './live-session-access.service';
import { PINNABLE } from './live-session-state';
import { LiveSessionsRepository } from './live-sessions.repository';
import { LiveSessionViews } from './live-session-views.service';
import { LivestreamErrors } from './livestreams.errors';

/**
 * Pinning and unpinning a session's items (catalog's live offers): while the session is
 * scheduled or live, under its row lock. Pinning sets the units aside from the variant's
 * stock at once; unpinning gives back what is unsold. Viewers see the change on their next poll.
 */
@Injectable()
export class LiveItemsService {
  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly access: LiveSessionAccess,
    private readonly offers: LiveOffersService,
    private readonly views: LiveSessionViews,
  ) {}

  async pin(actor: Actor, sessionId: string, input: PinItemDto): Promise<LiveOffer> {
    const pinned = await this.sessions.transaction(async (em) => {
      const session = await this.access.manageLocked(actor, sessionId, em);
      if (!PINNABLE.includes(session.status)) throw LivestreamErrors.notPinnable(session.status);
      if (!(await this.access.practiceRoomOpen(session))) throw LivestreamErrors.notInCohort();
      const startsAt = input.startsAt ?? null;
      const endsAt = input.endsAt ?? null;
      if (
        (startsAt && (startsAt < session.scheduledStartAt || startsAt >= session.scheduledEndAt)) ||
        (endsAt && (endsAt <= (startsAt ?? session.scheduledStartAt) || endsAt > session.scheduledEndAt))
      ) {
        throw LivestreamErrors.itemWindowOutside();
      }
      return this.offers.pin(em, {
        ...input,
        startsAt,
        endsAt,
        sessionId: session.id,
        sellerId: session.sellerId,
        sellingOpen: session.status === 'live',
        hostUserId: session.hostUserId,
        cohortId: session.cohortId,
        trainerId: session.trainerId,
      });
    });
    this.views.forget(sessionId);
    return pinned;
  }

  async unpin(actor: Actor, sessionId: string, itemId: string): Promise<LiveOffer> {
    const unpinned = await this.sessions.transaction(async (em) => {
      const session = await this.access.manageLocked(actor, sessionId, em);
      const offer = await this.offers.findOffer(itemId, em);
      if (!offer || offer.sessionId !== session.id) throw LivestreamErrors.itemNotFound();
      if (!PINNABLE.includes(session.status)) throw LivestreamErrors.notPinnable(session.status);
      return this.offers.unpin(em, offer);
    });
    this.views.forget(sessionId);
    return unpinned;
  }
}
