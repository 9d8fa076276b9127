import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { SEAT_HOLDERS } from './enrollment-state';
import { EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { BUILTIN_ASSIGNMENTS, isBuiltinAssignment } from './assignments';
import { CohortAccess } from './cohort-access.service';
import { CohortsRepository } from './cohorts.repository';
import { assertSchedulable } from './cohorts.service';
import type { CreateAssignmentDto } from './dto/assignment.dto';
import type { AssignmentCompletion } from './entities/assignment-completion.entity';
import type { CohortAssignment } from './entities/cohort-assignment.entity';
import type { Cohort } from './entities/cohort.entity';
import type { Enrollment } from './entities/enrollment.entity';
import { ProgressRepository } from './progress.repository';
import { ProgressErrors, TrainingErrors } from './training.errors';

/** One assignment of a cohort: a built-in one (by its key) or one of the trainer's own (by its id). */
export interface CohortAssignmentView {
  key: string;
  kind: 'builtin' | 'custom';
  title: string | null;
  description: string;
  required: boolean;
}

/** An assignment as one enrollment stands with it. */
export interface AssignmentState extends CohortAssignmentView {
  completion: AssignmentCompletion | null;
}

/** Every assignment of a cohort: the built-in ones (required as its rule says), then the trainer's own. */
export function assignmentsOf(cohort: Cohort, customs: CohortAssignment[]): CohortAssignmentView[] {
  return [
    ...BUILTIN_ASSIGNMENTS.map((key) => ({
      key,
      kind: 'builtin' as const,
      title: null,
      description: '',
      required: cohort.requiredAssignments.includes(key),
    })),
    ...customs.map((c) => ({
      key: c.id,
      kind: 'custom' as const,
      title: c.title,
      description: c.description,
      required: c.required,
    })),
  ];
}

/** The assignments with one enrollment's completions. */
export function statesOf(assignments: CohortAssignmentView[], completions: AssignmentCompletion[]): AssignmentState[] {
  const byKey = new Map(completions.map((c) => [c.assignment, c]));
  return assignments.map((a) => ({ ...a, completion: byKey.get(a.key) ?? null }));
}

/**
 * A cohort's assignments: the trainer's own added, listed and removed, marked and unmarked
 * for a trainee; and a trainee's view of their own. Custom assignments change under the
 * cohort's row lock, so a removal and a mark cannot cross.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly progress: ProgressRepository,
    private readonly cohorts: CohortsRepository,
    private readonly access: CohortAccess,
  ) {}

  async create(actor: Actor, cohortId: string, input: CreateAssignmentDto): Promise<CohortAssignment> {
    return this.progress.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      assertSchedulable(cohort);
      return this.progress.insertCustom(em, { ...input, cohortId: cohort.id });
    });
  }

  async list(actor: Actor, cohortId: string): Promise<CohortAssignmentView[]> {
    const cohort = await this.access.manage(actor, cohortId);
    return assignmentsOf(cohort, await this.progress.customAssignments(cohort.id));
  }

  /** Only while nobody has it marked: a mark is part of someone's record. */
  async remove(actor: Actor, cohortId: string, assignmentId: string): Promise<void> {
    await this.progress.transaction(async (em) => {
      const cohort = await this.access.manageLocked(actor, cohortId, em);
      assertSchedulable(cohort);
      const custom = await this.progress.findCustom(em, cohort.id, assignmentId);
      if (!custom) throw TrainingErrors.assignmentNotFound();
      if (await this.progress.anyCompletionOf(em, custom.id)) throw ProgressErrors.hasMarks();
      await this.progress.deleteCustom(em, custom.id);
    });
  }

  /** The trainer marks a custom assignment done; marking it again keeps the first mark. */
  async mark(actor: Actor, enrollmentId: string, key: string, note?: string): Promise<AssignmentState> {
    return this.progress.transaction(async (em) => {
      const { enrollment, custom } = await this.markable(em, actor, enrollmentId, key);
      await this.progress.insertCompletions(em, [
        {
          enrollmentId: enrollment.id,
          assignment: custom.id,
          evidence: note ? { note } : {},
          completedAt: new Date(),
          markedBy: actor.id,
        },
      ]);
      return this.stateIn(em, enrollment, custom);
    });
  }

  async unmark(actor: Actor, enrollmentId: string, key: string): Promise<AssignmentState> {
    return this.progress.transaction(async (em) => {
      const { enrollment, custom } = await this.markable(em, actor, enrollmentId, key);
      await this.progress.deleteCompletion(em, enrollment.id, custom.id);
      return this.stateIn(em, enrollment, custom);
    });
  }

  /** An enrollment's assignments as its trainer sees them. */
  async forEnrollment(
    actor: Actor,
    enrollmentId: string,
  ): Promise<{ enrollment: Enrollment; states: AssignmentState[] }> {
    const enrollment = await this.progress.findEnrollment(enrollmentId);
    const cohort = enrollment && (await this.cohorts.findCohort(enrollment.cohortId));
    if (!enrollment || !cohort || !this.access.mayManage(actor, cohort)) throw TrainingErrors.enrollmentNotFound();
    return { enrollment, states: await this.statesFor(cohort, enrollment) };
  }

  /** The trainee's own assignments, with their evidence; anyone else's enrollment is not found. */
  async mine(
    actor: Actor,
    enrollmentId: string,
  ): Promise<{ enrollment: Enrollment; cohort: Cohort; states: AssignmentState[] }> {
    const enrollment = await this.progress.findEnrollment(enrollmentId);
    const cohort =
      enrollment && enrollment.traineeId === actor.id ? await this.cohorts.findCohort(enrollment.cohortId) : null;
    if (!enrollment || !cohort) throw TrainingErrors.enrollmentNotFound();
    return { enrollment, cohort, states: await this.statesFor(cohort, enrollment) };
  }

  private async statesFor(cohort: Cohort, enrollment: Enrollment): Promise<AssignmentState[]> {
    const [customs, completions] = await Promise.all([
      this.progress.customAssignments(cohort.id),
      this.progress.completionsOf([enrollment.id]),
    ]);
    return statesOf(assignmentsOf(cohort, customs), completions);
  }

  /**
   * The manager's enrollment (else ENROLLMENT_NOT_FOUND) and a custom assignment of its own
   * cohort (else ASSIGNMENT_NOT_FOUND); a built-in key is ASSIGNMENT_COMPLETES_ITSELF.
   */
  private async markable(em: EntityManager, actor: Actor, enrollmentId: string, key: string) {
    const enrollment = await this.progress.findEnrollment(enrollmentId, em);
    const cohort = enrollment && (await this.cohorts.lockCohort(em, enrollment.cohortId));
    if (!enrollment || !cohort || !this.access.mayManage(actor, cohort)) throw TrainingErrors.enrollmentNotFound();
    if (isBuiltinAssignment(key)) throw ProgressErrors.completesItself();
    assertSchedulable(cohort);
    // Read again under the cohort's lock: a withdrawal may have committed while this waited.
    const current = await this.progress.findEnrollment(enrollment.id, em);
    if (!current || !SEAT_HOLDERS.includes(current.status)) {
      throw new DomainError('conflict', 'ENROLLMENT_NOT_ACTIVE', 'This trainee has left the cohort', {
        status: current?.status,
      });
    }
    const custom = /^[0-9a-f-]{36}$/i.test(key) ? await this.progress.findCustom(em, cohort.id, key) : null;
    if (!custom) throw TrainingErrors.assignmentNotFound();
    return { enrollment, cohort, custom };
  }

  private async stateIn(em: EntityManager, enrollment: Enrollment, custom: CohortAssignment): Promise<AssignmentState> {
    return {
      key: custom.id,
      kind: 'custom',
      title: custom.title,
      description: custom.description,
      required: custom.required,
      completion: await this.progress.findCompletion(em, enrollment.id, custom.id),
    };
  }
}
