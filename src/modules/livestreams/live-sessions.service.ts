import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { createdKeyOf, type Page, pageByCreated, type PageQuery } from '../../common/http/pagination';
import { LiveOffersService } from '../catalog/live-offers.service';
import { SellersService } from '../sellers/sellers.service';
import type { CreateLiveSessionDto, PatchLiveSessionDto } from './dto/live-session.dto';
import { LiveSession } from './entities/live-session.entity';
import { LiveSalesService } from './live-sales.service';
import { LiveSessionAccess } from './live-session-access.service';
import { LiveSessionLifecycle } from './live-session-lifecycle.service';
import { LiveSessionViews } from './live-session-views.service';
import { LiveSessionsRepository } from './live-sessions.repository';
import { LivestreamErrors } from './livestreams.errors';
import { DomainError } from '../../common/errors/domain-error';

/** A session lasts at most a day (a longer stream is several sessions). */
const MAX_SESSION_MS = 24 * 3_600_000;
const MANAGED_LIST = 'live-sessions.managed';

/**
 * A store's live sessions (docs/livestreams.md): scheduling, going live, ending, cancelling.
 * Status changes go through LiveSessionLifecycle under the session's row lock.
 */
@Injectable()
export class LiveSessionsService {
  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly access: LiveSessionAccess,
    private readonly lifecycle: LiveSessionLifecycle,
    private readonly sellers: SellersService,
    private readonly views: LiveSessionViews,
    private readonly offers: LiveOffersService,
    private readonly sales: LiveSalesService,
  ) {}

  /**
   * Schedules a session of a verified store the actor runs, hosted by the actor. With a
   * cohort it is a practice room: the host must hold a seat in it, and its trainer co-manages.
   */
  async create(actor: Actor, input: CreateLiveSessionDto): Promise<LiveSession> {
    if (!(await this.access.managesStore(actor, input.sellerId))) {
      throw new DomainError('not_found', 'SELLER_NOT_FOUND', 'Store not found', { field: 'sellerId' });
    }
    const store = await this.sellers.getById(input.sellerId);
    if (store.status !== 'verified') throw LivestreamErrors.storeNotVerified();
    assertWindow(input);
    // The host is the store's owner when a trainer schedules it for them (assisted onboarding).
    const hostUserId = (await this.sellers.memberUserIds(store.id)).includes(actor.id) ? actor.id : store.ownerId;
    let trainerId: string | null = null;
    if (input.cohortId) {
      const seat = await this.sessions.findSeat(input.cohortId, hostUserId);
      if (!seat?.seated) throw LivestreamErrors.notInCohort();
      trainerId = seat.trainerId;
    }
    return this.sessions.transaction(async (em) => {
      const session = await this.sessions.saveSession(em, {
        ...input,
        hostUserId,
        trainerId,
        status: 'scheduled',
      });
      await this.sessions.recordStatus(em, {
        sessionId: session.id,
        fromStatus: null,
        toStatus: 'scheduled',
        actorId: actor.id,
      });
      return session;
    });
  }

  /** Changes what a scheduled session says. */
  async update(actor: Actor, sessionId: string, patch: PatchLiveSessionDto): Promise<LiveSession> {
    return this.changed(sessionId, async (em) => {
      const session = await this.access.manageLocked(actor, sessionId, em);
      if (session.status !== 'scheduled') throw LivestreamErrors.notPinnable(session.status);
      const next = { ...session, ...patch };
      assertWindow(next);
      const outside = (await this.offers.pinnedOf(session.id, em)).some(
        (o) =>
          (o.startsAt !== null && (o.startsAt < next.scheduledStartAt || o.startsAt >= next.scheduledEndAt)) ||
          (o.endsAt !== null && o.endsAt > next.scheduledEndAt),
      );
      if (outside) throw LivestreamErrors.itemWindowOutside();
      return this.sessions.saveSession(em, next);
    });
  }

  /** Scheduled → live, by the host (or a co-manager), any time before the scheduled end. */
  async start(actor: Actor, sessionId: string): Promise<LiveSession> {
    return this.changed(sessionId, async (em) => {
      const session = await this.access.manageLocked(actor, sessionId, em);
      if (session.status === 'scheduled' && session.scheduledEndAt <= new Date()) {
        throw LivestreamErrors.windowPassed(session.scheduledEndAt);
      }
      // A practice room goes live only while its host is still a trainee of the cohort.
      if (!(await this.access.practiceRoomOpen(session))) throw LivestreamErrors.notInCohort();
      return this.lifecycle.move(em, session, 'live', actor.id);
    });
  }

  /** Live → ended: the unsold units of every item go back to stock. */
  async end(actor: Actor, sessionId: string): Promise<LiveSession> {
    return this.changed(sessionId, async (em) => {
      const session = await this.access.manageLocked(actor, sessionId, em);
      return this.lifecycle.move(em, session, 'ended', actor.id);
    });
  }

  /** Scheduled → cancelled: pinned items go back to stock. */
  async cancel(actor: Actor, sessionId: string, reason: string | null): Promise<LiveSession> {
    return this.changed(sessionId, async (em) => {
      const session = await this.access.manageLocked(actor, sessionId, em);
      return this.lifecycle.move(em, session, 'cancelled', actor.id, reason);
    });
  }

  /** Runs a change in one transaction; viewers read afresh once it commits. */
  private async changed(sessionId: string, work: (em: EntityManager) => Promise<LiveSession>) {
    const session = await this.sessions.transaction(work);
    this.views.forget(sessionId);
    return session;
  }

  get(actor: Actor, sessionId: string): Promise<LiveSession> {
    return this.access.manage(actor, sessionId);
  }

  /** What the session sold, for someone who runs it (docs/livestreams.md, "Report"). */
  async report(actor: Actor, sessionId: string) {
    const session = await this.access.manage(actor, sessionId);
    const em = this.sessions.manager;
    const [report, items] = await Promise.all([this.sales.report(session.id, em), this.offers.allOf(session.id, em)]);
    return { session, report, items };
  }

  /** The session for someone who runs it, with every item it ever pinned and its history. */
  async detail(actor: Actor, sessionId: string) {
    const session = await this.access.manage(actor, sessionId);
    const [items, history] = await Promise.all([
      this.offers.allOf(session.id, this.sessions.manager),
      this.sessions.history(session.id),
    ]);
    return { session, items, history };
  }

  /** Sessions of the stores the actor runs and the practice rooms they co-manage, newest first. */
  async listManaged(actor: Actor, query: PageQuery): Promise<Page<LiveSession>> {
    const stores = (await this.sellers.listManaged(actor)).map((s) => s.id);
    const rows = await this.sessions.listManaged(
      stores,
      actor.id,
      createdKeyOf(query.cursor, MANAGED_LIST),
      query.limit,
    );
    return pageByCreated(rows, query.limit, MANAGED_LIST);
  }
}

function assertWindow(window: Pick<LiveSession, 'scheduledStartAt' | 'scheduledEndAt'>): void {
  const length = window.scheduledEndAt.getTime() - window.scheduledStartAt.getTime();
  if (length <= 0 || length > MAX_SESSION_MS) throw LivestreamErrors.windowOutOfOrder();
}
