import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { RegionsService } from '../regions/regions.service';
import { CohortAccess } from './cohort-access.service';
import { CohortNotices } from './cohort-notices.service';
import type { CohortStatus } from './cohort-state';
import { CohortsRepository } from './cohorts.repository';
import type { CreateCohortDto, CreateSessionDto, PatchCohortDto } from './dto/cohort.dto';
import { CohortSession } from './entities/cohort-session.entity';
import { Cohort } from './entities/cohort.entity';
import { EnrollmentsService } from './enrollments.service';
import { TrainingLifecycle } from './training-lifecycle.service';
import { seatsTaken } from './enrollment-state';
import { SeatFees } from './seat-fees.service';
import { SeatFeeErrors, TrainingErrors } from './training.errors';

/** Cohorts anyone may see: the trainer's drafts and cancelled cohorts stay with the trainer. */
const PUBLIC: readonly CohortStatus[] = ['open', 'running', 'finished'];

/** A trainer may still change what a cohort promises until it runs. */
const EDITABLE: readonly CohortStatus[] = ['draft', 'open'];

/** Why an enrollment ended when its cohort was cancelled (enrollment_status_changes.reason). */
export const COHORT_CANCELLED = 'COHORT_CANCELLED';

type CohortDates = Pick<Cohort, 'enrolmentOpensAt' | 'enrolmentClosesAt' | 'startsAt' | 'endsAt'>;

/** A trainer's cohorts and their sessions: creation, edits, opening, starting, cancelling (docs/training.md). */
@Injectable()
export class CohortsService {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly access: CohortAccess,
    private readonly lifecycle: TrainingLifecycle,
    private readonly regions: RegionsService,
    private readonly enrollments: EnrollmentsService,
    private readonly notices: CohortNotices,
    private readonly seatFees: SeatFees,
  ) {}

  async create(actor: Actor, input: CreateCohortDto): Promise<Cohort> {
    this.access.assertTrainer(actor);
    await this.regions.requireCounty(input.countyCode);
    assertDates(input);
    const fee = feeOf(input);
    await this.access.assertFeeCollector(actor.id, fee);
    return this.cohorts.transaction(async (em) => {
      const cohort = await this.cohorts.insertCohort(em, { ...input, ...fee, trainerId: actor.id, status: 'draft' });
      await this.cohorts.recordStatusChange(em, {
        cohortId: cohort.id,
        fromStatus: null,
        toStatus: 'draft',
        actorId: actor.id,
      });
      return cohort;
    });
  }

  /** A cohort as its trainer (or an admin) sees it. */
  manage(actor: Actor, cohortId: string): Promise<Cohort> {
    return this.access.manage(actor, cohortId);
  }

  /** A cohort anyone may see; a draft or cancelled one only for its trainer, else COHORT_NOT_FOUND. */
  async getVisible(actor: Actor | null, cohortId: string): Promise<Cohort> {
    const cohort = await this.cohorts.findCohort(cohortId);
    if (!cohort) throw TrainingErrors.cohortNotFound();
    if (PUBLIC.includes(cohort.status) || (actor && this.access.mayManage(actor, cohort))) return cohort;
    throw TrainingErrors.cohortNotFound();
  }

  sessions(cohort: Cohort): Promise<CohortSession[]> {
    return this.cohorts.sessionsOf(cohort.id);
  }

  /** Draft → open: needs a session, and a certificate rule its sessions can meet. */
  async open(actor: Actor, cohortId: string): Promise<Cohort> {
    return this.cohorts.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      const sessions = await this.cohorts.sessionsOf(cohort.id, em);
      assertHasSessions(sessions.length);
      assertRuleReachable(cohort.minSessionsAttended, sessions.length);
      return this.lifecycle.moveCohort(em, cohort, 'open', actor.id);
    });
  }

  /**
   * Changes what a draft or open cohort says. Under the cohort's lock, so no enrolment slips
   * in between counting the seats and lowering the capacity.
   */
  async update(actor: Actor, cohortId: string, patch: PatchCohortDto): Promise<Cohort> {
    if (patch.countyCode !== undefined) await this.regions.requireCounty(patch.countyCode);
    return this.cohorts.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      if (!EDITABLE.includes(cohort.status)) throw closed(cohort);
      const next = { ...cohort, ...patch };
      assertDates(next);
      const fee = feeOf(next);
      if (fee.seatFeeFen !== cohort.seatFeeFen || fee.feeSellerId !== cohort.feeSellerId) {
        // What a seat costs is what trainees were offered: it changes only before anyone could enrol.
        if (cohort.status !== 'draft') throw SeatFeeErrors.locked();
        await this.access.assertFeeCollector(cohort.trainerId, fee);
      }
      Object.assign(patch, fee);
      const sessions = await this.cohorts.sessionsOf(cohort.id, em);
      const outside = sessions.find((s) => s.startsAt < next.startsAt || s.startsAt >= next.endsAt);
      if (outside) {
        throw new DomainError('conflict', 'COHORT_SESSIONS_OUTSIDE_DATES', 'A session would fall outside the cohort', {
          sessionId: outside.id,
        });
      }
      if (patch.capacity !== undefined) {
        const enrolled = seatsTaken(await this.cohorts.seatCounts(cohort.id, em));
        if (patch.capacity < enrolled) {
          throw new DomainError(
            'conflict',
            'COHORT_CAPACITY_BELOW_ENROLLED',
            'The capacity cannot be below the trainees already enrolled',
            { enrolled, field: 'capacity' },
          );
        }
      }
      if (cohort.status !== 'draft') assertRuleReachable(next.minSessionsAttended, sessions.length);
      const grew = patch.capacity !== undefined && patch.capacity > cohort.capacity;
      Object.assign(cohort, patch);
      const saved = await this.cohorts.saveCohort(em, cohort);
      // More seats: whoever waits at the head of the queue gets them now, as on a withdrawal.
      if (grew) await this.enrollments.fillFreeSeats(em, cohort.id);
      return saved;
    });
  }

  /**
   * Draft or open → cancelled, and every seat and place in the queue withdrawn with it (a paid
   * seat's fee refunded), in one transaction under the cohort's lock, which also asks for the
   * message each of them gets.
   */
  async cancel(actor: Actor, cohortId: string, reason: string): Promise<Cohort> {
    return this.cohorts.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      const cancelled = await this.lifecycle.moveCohort(em, cohort, 'cancelled', actor.id, reason);
      const withdrawn = await this.cohorts.activeEnrollments(em, cohort.id);
      for (const enrollment of withdrawn) {
        await this.lifecycle.moveEnrollment(em, enrollment, 'withdrawn', actor.id, COHORT_CANCELLED);
        await this.seatFees.refundSeat(em, enrollment, COHORT_CANCELLED, actor.id);
      }
      await this.notices.tellCancelled(
        em,
        cancelled,
        withdrawn.map((e) => e.traineeId),
      );
      return cancelled;
    });
  }

  /** Open → running, by the trainer at the first class (the start-cohorts timer does it at the start otherwise). */
  async start(actor: Actor, cohortId: string): Promise<Cohort> {
    return this.cohorts.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      return this.lifecycle.moveCohort(em, cohort, 'running', actor.id);
    });
  }

  /** A session inside the cohort's dates, while the cohort is neither finished nor cancelled. */
  async addSession(actor: Actor, cohortId: string, input: CreateSessionDto): Promise<CohortSession> {
    return this.cohorts.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      assertSchedulable(cohort);
      assertInside(cohort, input.startsAt);
      return em.getRepository(CohortSession).save(em.getRepository(CohortSession).create({ ...input, cohortId }));
    });
  }
}

/** A free cohort names no store; a paid one names the store that collects its fees. */
function feeOf(fields: { seatFeeFen: number; feeSellerId: string | null }) {
  return { seatFeeFen: fields.seatFeeFen, feeSellerId: fields.seatFeeFen === 0 ? null : fields.feeSellerId };
}

const closed = (cohort: Cohort) =>
  new DomainError('conflict', 'COHORT_CLOSED', `A ${cohort.status} cohort cannot change`, { status: cohort.status });

export function assertHasSessions(count: number): void {
  if (count === 0) {
    throw new DomainError('conflict', 'COHORT_HAS_NO_SESSIONS', 'A published cohort needs at least one session');
  }
}

/** The certificate rule cannot ask for more sessions than the cohort has. */
export function assertRuleReachable(minSessionsAttended: number, sessions: number): void {
  if (minSessionsAttended > sessions) {
    throw new DomainError(
      'conflict',
      'COHORT_RULE_UNREACHABLE',
      'The certificate rule asks for more sessions than the cohort has',
      { minSessionsAttended, sessions },
    );
  }
}

/** The enrolment window opens before it closes, the cohort starts before it ends, and enrolment closes by the end. */
export function assertDates(dates: CohortDates): void {
  const field =
    dates.enrolmentOpensAt >= dates.enrolmentClosesAt
      ? 'enrolmentClosesAt'
      : dates.startsAt >= dates.endsAt
        ? 'endsAt'
        : dates.enrolmentClosesAt > dates.endsAt
          ? 'enrolmentClosesAt'
          : null;
  if (field) {
    throw new DomainError('validation', 'INVALID_COHORT_DATES', 'The cohort dates are out of order', { field });
  }
}

export function assertSchedulable(cohort: Cohort): void {
  if (cohort.status === 'finished' || cohort.status === 'cancelled') throw closed(cohort);
}

export function assertInside(cohort: Cohort, startsAt: Date): void {
  if (startsAt < cohort.startsAt || startsAt >= cohort.endsAt) {
    throw new DomainError('validation', 'SESSION_OUTSIDE_COHORT', 'A session starts between the cohort start and end', {
      field: 'startsAt',
    });
  }
}
