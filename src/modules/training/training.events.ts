import type { CohortStatus } from './cohort-state';
import type { EnrollmentStatus } from './enrollment-state';

declare module '../../queue/event-map' {
  interface EventMap {
    'cohort.status-changed': { cohortId: string; from: CohortStatus | null; to: CohortStatus; actorId: string | null };
    /** `traineeId` and the cohort's `trainerId` let livestreams keep who may open a practice room. */
    'enrollment.status-changed': {
      enrollmentId: string;
      cohortId: string;
      traineeId: string;
      trainerId: string;
      from: EnrollmentStatus | null;
      to: EnrollmentStatus;
    };
  }
}
export {};
