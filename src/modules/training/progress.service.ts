import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/auth.decorators';
import { Fen, sum } from '../../common/money';
import { SellersService } from '../sellers/sellers.service';
import { AssignmentState, assignmentsOf, CohortAssignmentView, statesOf } from './assignments.service';
import { CohortAccess } from './cohort-access.service';
import type { AssignmentCompletion } from './entities/assignment-completion.entity';
import type { Cohort } from './entities/cohort.entity';
import type { Enrollment } from './entities/enrollment.entity';
import type { TraineeSale } from './entities/trainee-sale.entity';
import { ProgressRepository } from './progress.repository';
import { settledGoodsFen } from './trainee-sales.service';
import { TrainingErrors } from './training.errors';

const DAY_MS = 24 * 3600_000;
/** The impact measure: trainees with a sale by this many days after the cohort ends. */
export const SALE_WINDOW_DAYS = 30;

export interface TraineeProgress {
  enrollment: Enrollment;
  name: string;
  /** Sessions attended (present or late). */
  attended: number;
  assignments: AssignmentState[];
  /** Settled goods of the trainee's sales paid since the enrollment began. */
  gmvFen: Fen;
  firstSaleAt: Date | null;
  /** What the cohort's trainer did on the trainee's store for them, oldest first. */
  trainerActions: Array<{ action: string; at: Date }>;
}

export interface ProgressBoard {
  cohort: Cohort;
  /** Sessions that have started by now. */
  sessionsHeld: number;
  assignments: CohortAssignmentView[];
  trainees: TraineeProgress[];
  totals: {
    trainees: number;
    withSale: number;
    withSaleInWindow: number;
    /** Whole percent of trainees with a sale by SALE_WINDOW_DAYS after the end; null with no trainees. */
    shareWithSaleInWindow: number | null;
    gmvFen: Fen;
  };
}

/**
 * A cohort's progress board (docs/training.md): per trainee, attendance, assignments, sales
 * since enrolment and the trainer's actions for them, and the cohort's totals. A fixed number
 * of queries, whatever the number of trainees.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly progress: ProgressRepository,
    private readonly access: CohortAccess,
    private readonly sellers: SellersService,
  ) {}

  async board(actor: Actor, cohortId: string, now = new Date()): Promise<ProgressBoard> {
    const cohort = await this.access.manage(actor, cohortId);
    const listed = await this.progress.boardEnrollments(cohort.id);
    const enrollmentIds = listed.map((l) => l.enrollment.id);
    const traineeIds = [...new Set(listed.map((l) => l.enrollment.traineeId))];
    const [sessionsHeld, attended, customs, completions, sales, actions] = await Promise.all([
      this.progress.sessionsHeldBy(cohort.id, now),
      this.progress.attendedCounts(enrollmentIds),
      this.progress.customAssignments(cohort.id),
      this.progress.completionsOf(enrollmentIds),
      this.progress.salesOf(traineeIds),
      this.sellers.assistedActionsBy(cohort.trainerId, traineeIds),
    ]);
    const assignments = assignmentsOf(cohort, customs);
    const completionsBy = groupBy(completions, (c: AssignmentCompletion) => c.enrollmentId);
    const salesBy = groupBy(sales, (s: TraineeSale) => s.traineeId);
    const actionsBy = groupBy(actions, (a) => a.onBehalfOfId);
    const windowEnd = new Date(cohort.endsAt.getTime() + SALE_WINDOW_DAYS * DAY_MS);
    let withSaleInWindow = 0;
    const trainees = listed.map(({ enrollment, name }) => {
      const counted = (salesBy.get(enrollment.traineeId) ?? []).filter(
        (s) => s.paidAt >= enrollment.createdAt && settledGoodsFen(s) > 0,
      );
      if (counted.some((s) => s.paidAt <= windowEnd)) withSaleInWindow++;
      return {
        enrollment,
        name,
        attended: attended.get(enrollment.id) ?? 0,
        assignments: statesOf(assignments, completionsBy.get(enrollment.id) ?? []),
        gmvFen: sum(counted.map(settledGoodsFen)),
        firstSaleAt: counted[0]?.paidAt ?? null,
        trainerActions: (actionsBy.get(enrollment.traineeId) ?? []).map((a) => ({ action: a.action, at: a.createdAt })),
      };
    });
    return {
      cohort,
      sessionsHeld,
      assignments,
      trainees,
      totals: {
        trainees: trainees.length,
        withSale: trainees.filter((t) => t.firstSaleAt !== null).length,
        withSaleInWindow,
        shareWithSaleInWindow: trainees.length ? Math.floor((withSaleInWindow * 100) / trainees.length) : null,
        gmvFen: sum(trainees.map((t) => t.gmvFen)),
      },
    };
  }

  /** One trainee's line of the board, for the trainer's detail page. */
  async trainee(
    actor: Actor,
    cohortId: string,
    enrollmentId: string,
  ): Promise<{ board: ProgressBoard; trainee: TraineeProgress }> {
    const board = await this.board(actor, cohortId);
    const trainee = board.trainees.find((t) => t.enrollment.id === enrollmentId);
    if (!trainee) throw TrainingErrors.enrollmentNotFound();
    return { board, trainee };
  }
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
