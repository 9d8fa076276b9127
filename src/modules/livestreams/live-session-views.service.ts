import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { LiveOffersService, type LiveShowcaseItem } from '../catalog/live-offers.service';
import { LiveSession } from './entities/live-session.entity';
import { LiveSessionsRepository } from './live-sessions.repository';
import { LivestreamErrors } from './livestreams.errors';

/** What a viewer's poll gets: the session and its pinned items (the api's ETag answers a repeat with 304). */
export interface LiveSessionShowcase {
  session: LiveSession;
  items: LiveShowcaseItem[];
}

/**
 * How long a viewer's answer may be reused. Every viewer polls the same session, so one read
 * serves them all for this long; the host's own changes (pin, unpin, going live, ending)
 * forget it at once on this instance. Remaining counts are up to this old (checkout is exact).
 */
const SHOWCASE_TTL_MS = 1_000;

/** The public page of a live session, read once per second per session however many watch. */
@Injectable()
export class LiveSessionViews {
  private readonly cache = new LRUCache<string, LiveSessionShowcase>({ max: 1_000, ttl: SHOWCASE_TTL_MS });

  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly offers: LiveOffersService,
  ) {}

  async showcase(sessionId: string): Promise<LiveSessionShowcase> {
    const cached = this.cache.get(sessionId);
    if (cached) return cached;
    const em = this.sessions.manager;
    const session = await this.sessions.findSession(sessionId, em);
    if (!session) throw LivestreamErrors.sessionNotFound();
    const items = await this.offers.showcase(session.id, em);
    const fresh = { session, items };
    this.cache.set(sessionId, fresh);
    return fresh;
  }

  /** Called after a change the host made commits: the next poll reads afresh. */
  forget(sessionId: string): void {
    this.cache.delete(sessionId);
  }
}
