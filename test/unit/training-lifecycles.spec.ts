import {
  assertCohortTransition,
  canCohortTransition,
  COHORT_STATUSES,
  CohortStatus,
} from '../../src/modules/training/cohort-state';
import {
  assertEnrollmentTransition,
  canEnrollmentTransition,
  ENROLLMENT_STATUSES,
  EnrollmentStatus,
} from '../../src/modules/training/enrollment-state';

/** Every pair of statuses not in `allowed`. */
function refusedOf<S extends string>(statuses: readonly S[], allowed: Array<[S, S]>): Array<[S, S]> {
  return statuses
    .flatMap((from) => statuses.map((to) => [from, to] as [S, S]))
    .filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));
}

describe('cohort lifecycle', () => {
  const allowed: Array<[CohortStatus, CohortStatus]> = [
    ['draft', 'open'],
    ['open', 'running'],
    ['running', 'finished'],
    ['draft', 'cancelled'],
    ['open', 'cancelled'],
  ];
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canCohortTransition(from, to)).toBe(true);
    expect(() => assertCohortTransition(from, to)).not.toThrow();
  });
  it.each(refusedOf(COHORT_STATUSES, allowed))('refuses %s → %s with INVALID_COHORT_TRANSITION', (from, to) => {
    expect(canCohortTransition(from, to)).toBe(false);
    expect(() => assertCohortTransition(from, to)).toThrow(
      expect.objectContaining({ code: 'INVALID_COHORT_TRANSITION' }),
    );
  });
});

describe('enrollment lifecycle', () => {
  const allowed: Array<[EnrollmentStatus, EnrollmentStatus]> = [
    ['waitlisted', 'enrolled'],
    ['waitlisted', 'awaiting_payment'],
    ['awaiting_payment', 'enrolled'],
    ['awaiting_payment', 'withdrawn'],
    ['enrolled', 'withdrawn'],
    ['waitlisted', 'withdrawn'],
    ['enrolled', 'completed'],
    ['enrolled', 'not_completed'],
  ];
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canEnrollmentTransition(from, to)).toBe(true);
    expect(() => assertEnrollmentTransition(from, to)).not.toThrow();
  });
  it.each(refusedOf(ENROLLMENT_STATUSES, allowed))('refuses %s → %s with INVALID_ENROLLMENT_TRANSITION', (from, to) => {
    expect(canEnrollmentTransition(from, to)).toBe(false);
    expect(() => assertEnrollmentTransition(from, to)).toThrow(
      expect.objectContaining({ code: 'INVALID_ENROLLMENT_TRANSITION' }),
    );
  });
});
