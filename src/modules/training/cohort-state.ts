import { transitionTable } from '../../common/transition-table';

export const COHORT_STATUSES = ['draft', 'open', 'running', 'finished', 'cancelled'] as const;
export type CohortStatus = (typeof COHORT_STATUSES)[number];

/** DESIGN.md §4: draft → open → running → finished; draft | open → cancelled. */
const TRANSITIONS: Record<CohortStatus, readonly CohortStatus[]> = {
  draft: ['open', 'cancelled'],
  open: ['running', 'cancelled'],
  running: ['finished'],
  finished: [],
  cancelled: [],
};

const table = transitionTable('cohort', 'INVALID_COHORT_TRANSITION', TRANSITIONS);
export const canCohortTransition = table.can;
export const assertCohortTransition = table.assert;

export const COHORT_FORMATS = ['in_person', 'online', 'mixed'] as const;
export type CohortFormat = (typeof COHORT_FORMATS)[number];
