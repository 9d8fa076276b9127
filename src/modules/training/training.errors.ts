import { DomainError } from '../../common/errors/domain-error';

/** Error codes of training (README lists them with their statuses). */
export const TrainingErrors = {
  cohortNotFound: () => new DomainError('not_found', 'COHORT_NOT_FOUND', 'Cohort not found'),
  sessionNotFound: () => new DomainError('not_found', 'COHORT_SESSION_NOT_FOUND', 'Session not found'),
  enrollmentNotFound: () => new DomainError('not_found', 'ENROLLMENT_NOT_FOUND', 'Enrollment not found'),
  assignmentNotFound: () => new DomainError('not_found', 'ASSIGNMENT_NOT_FOUND', 'Assignment not found'),
  certificateNotFound: () => new DomainError('not_found', 'CERTIFICATE_NOT_FOUND', 'Certificate not found'),
  notTrainer: () => new DomainError('forbidden', 'TRAINER_ROLE_REQUIRED', 'Only a trainer may run a cohort'),
};

/** Errors of assignments and progress (docs/training.md, "Assignments and progress"). */
export const ProgressErrors = {
  completesItself: () =>
    new DomainError(
      'conflict',
      'ASSIGNMENT_COMPLETES_ITSELF',
      'A built-in assignment completes itself from what the trainee does on Furrow',
    ),
  hasMarks: () =>
    new DomainError('conflict', 'ASSIGNMENT_HAS_MARKS', 'An assignment someone has done cannot be removed'),
};
