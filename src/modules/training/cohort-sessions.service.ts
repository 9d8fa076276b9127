import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/auth.decorators';
import { DomainError } from '../../common/errors/domain-error';
import { CohortAccess } from './cohort-access.service';
import { CohortsRepository } from './cohorts.repository';
import { assertHasSessions, assertInside, assertRuleReachable, assertSchedulable } from './cohorts.service';
import type { PatchSessionDto } from './dto/cohort.dto';
import { CohortSession } from './entities/cohort-session.entity';
import { TrainingErrors } from './training.errors';

/**
 * Re-timing and removing a cohort's sessions, only before they start. Each runs under the
 * cohort's lock (the session count behind the certificate rule cannot change meanwhile) and
 * the session's own (the reminder timer claims session rows the same way).
 */
@Injectable()
export class CohortSessionsService {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly access: CohortAccess,
  ) {}

  async update(actor: Actor, cohortId: string, sessionId: string, patch: PatchSessionDto): Promise<CohortSession> {
    return this.cohorts.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      assertSchedulable(cohort);
      const session = await this.cohorts.lockSession(em, cohort.id, sessionId);
      if (!session) throw TrainingErrors.sessionNotFound();
      assertNotStarted(session);
      if (patch.startsAt !== undefined) {
        assertInside(cohort, patch.startsAt);
        if (patch.startsAt.getTime() !== session.startsAt.getTime()) {
          // The trainees were reminded of the old time: they are reminded again of the new one.
          session.dayReminderSentAt = null;
          session.hourReminderSentAt = null;
        }
      }
      Object.assign(session, patch);
      return this.cohorts.saveSession(em, session);
    });
  }

  /** A session held, or with attendance on it, stays; a published cohort keeps a session and a rule it can meet. */
  async remove(actor: Actor, cohortId: string, sessionId: string): Promise<void> {
    await this.cohorts.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      assertSchedulable(cohort);
      const session = await this.cohorts.lockSession(em, cohort.id, sessionId);
      if (!session) throw TrainingErrors.sessionNotFound();
      assertNotStarted(session);
      if (await this.cohorts.hasAttendance(em, session.id)) {
        throw new DomainError('conflict', 'SESSION_HAS_ATTENDANCE', 'A session with attendance recorded stays');
      }
      if (cohort.status !== 'draft') {
        const left = (await this.cohorts.sessionsOf(cohort.id, em)).length - 1;
        assertHasSessions(left);
        assertRuleReachable(cohort.minSessionsAttended, left);
      }
      await this.cohorts.deleteSession(em, session.id);
    });
  }
}

function assertNotStarted(session: CohortSession): void {
  if (session.startsAt.getTime() <= Date.now()) {
    throw new DomainError('conflict', 'SESSION_ALREADY_STARTED', 'A session that has started cannot change', {
      startsAt: session.startsAt.toISOString(),
    });
  }
}
