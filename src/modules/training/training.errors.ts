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

/** Errors of seat fees and their payment (docs/training.md, "Seat fees"). */
export const SeatFeeErrors = {
  storeRequired: () =>
    new DomainError(
      'validation',
      'SEAT_FEE_STORE_REQUIRED',
      'A cohort with a seat fee names the store that collects it',
      {
        field: 'feeSellerId',
      },
    ),
  storeNotYours: () =>
    new DomainError('validation', 'SEAT_FEE_STORE_NOT_YOURS', 'Seat fees are collected by a store the trainer owns', {
      field: 'feeSellerId',
    }),
  storeNotVerified: (status: string) =>
    new DomainError('conflict', 'SEAT_FEE_STORE_NOT_VERIFIED', 'The store that collects seat fees must be verified', {
      field: 'feeSellerId',
      status,
    }),
  locked: () =>
    new DomainError('conflict', 'SEAT_FEE_LOCKED', 'The seat fee is fixed once the cohort opens', {
      field: 'seatFeeFen',
    }),
  notAwaitingPayment: (status: string) =>
    new DomainError('conflict', 'SEAT_NOT_AWAITING_PAYMENT', 'This enrollment has no seat waiting to be paid', {
      status,
    }),
  refundNotDue: () =>
    new DomainError('conflict', 'SEAT_REFUND_NOT_DUE', 'Only a seat whose refund failed is refunded again'),
  holdExpired: (heldUntil: Date) =>
    new DomainError('conflict', 'SEAT_HOLD_EXPIRED', 'The time to pay for this seat has passed', {
      heldUntil: heldUntil.toISOString(),
    }),
};
