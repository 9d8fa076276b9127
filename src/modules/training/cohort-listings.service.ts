import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { Actor } from '../../common/auth/auth.decorators';
import {
  createdKeyOf,
  cursorTimestamp,
  decodeCursor,
  encodeCursor,
  Page,
  pageByCreated,
  PageQuery,
} from '../../common/http/pagination';
import { CohortAccess } from './cohort-access.service';
import { CohortsRepository } from './cohorts.repository';
import { CohortsService } from './cohorts.service';
import type { CohortListQuery } from './dto/cohort.dto';
import type { SeatCounts } from './enrollment-state';
import { CohortSession } from './entities/cohort-session.entity';
import { CohortStatusChange } from './entities/cohort-status-change.entity';
import { Cohort } from './entities/cohort.entity';

const PUBLIC_LIST = 'cohorts.public';
const TRAINER_LIST = 'cohorts.trainer';
const startKeyShape = { startsAt: cursorTimestamp, id: z.uuid() };

/** A cohort with what its page shows: sessions and seats. */
export interface CohortDetail {
  cohort: Cohort;
  sessions: CohortSession[];
  seats: SeatCounts;
}

/** Cohorts as people find them: the public list and page, and a trainer's own list and page. */
@Injectable()
export class CohortListingsService {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly access: CohortAccess,
    private readonly visible: CohortsService,
  ) {}

  /** Open and running cohorts, soonest start first. */
  async listPublic(query: CohortListQuery): Promise<Page<Cohort>> {
    const after = query.cursor ? decodeCursor(query.cursor, PUBLIC_LIST, startKeyShape) : undefined;
    const rows = await this.cohorts.listPublic({ countyCode: query.countyCode, after, limit: query.limit });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor(PUBLIC_LIST, { startsAt: last.startsAt.toISOString(), id: last.id })
          : null,
    };
  }

  /** A published cohort (open, running or finished) for anyone; else COHORT_NOT_FOUND. */
  async publicDetail(cohortId: string): Promise<CohortDetail> {
    return this.detailOf(await this.visible.getVisible(null, cohortId));
  }

  /** The caller's own cohorts, any status, newest first; TRAINER_ROLE_REQUIRED for anyone else. */
  async listOwn(actor: Actor, query: PageQuery): Promise<Page<Cohort>> {
    this.access.assertTrainer(actor);
    const rows = await this.cohorts.listByTrainer(actor.id, createdKeyOf(query.cursor, TRAINER_LIST), query.limit);
    return pageByCreated(rows, query.limit, TRAINER_LIST);
  }

  /** Seat counts of several cohorts at once (the trainer's list shows them). */
  seatsOf(cohortIds: string[]): Promise<Map<string, SeatCounts>> {
    return this.cohorts.seatCountsOf(cohortIds);
  }

  /** A cohort its trainer (or an admin) manages, any status, with its history. */
  async managedDetail(actor: Actor, cohortId: string): Promise<CohortDetail & { history: CohortStatusChange[] }> {
    const cohort = await this.access.manage(actor, cohortId);
    return { ...(await this.detailOf(cohort)), history: await this.cohorts.history(cohort.id) };
  }

  private async detailOf(cohort: Cohort): Promise<CohortDetail> {
    const [sessions, seats] = await Promise.all([
      this.cohorts.sessionsOf(cohort.id),
      this.cohorts.seatCounts(cohort.id),
    ]);
    return { cohort, sessions, seats };
  }
}
