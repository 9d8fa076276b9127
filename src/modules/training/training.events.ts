import type { CohortStatus } from './cohort-state';
import type { EnrollmentStatus } from './enrollment-state';

declare module '../../queue/event-map' {
  interface EventMap {
    'cohort.status-changed': { cohortId: string; from: CohortStatus | null; to: CohortStatus; actorId: string | null };
    'enrollment.status-changed': {
      enrollmentId: string;
      cohortId: string;
      from: EnrollmentStatus | null;
      to: EnrollmentStatus;
    };
  }
}
export {};
