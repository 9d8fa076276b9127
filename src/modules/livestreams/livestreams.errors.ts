import { DomainError } from '../../common/errors/domain-error';

/** Error codes of live selling (README lists them with their statuses). */
export const LivestreamErrors = {
  sessionNotFound: () => new DomainError('not_found', 'LIVE_SESSION_NOT_FOUND', 'Live session not found'),
  itemNotFound: () => new DomainError('not_found', 'LIVE_ITEM_NOT_FOUND', 'Live item not found'),
  storeNotVerified: () =>
    new DomainError('conflict', 'STORE_NOT_VERIFIED', 'A store goes live once it is verified', { field: 'sellerId' }),
  windowOutOfOrder: () =>
    new DomainError('validation', 'INVALID_LIVE_SESSION_WINDOW', 'The session ends after it starts, within a day', {
      field: 'scheduledEndAt',
    }),
  notInCohort: () =>
    new DomainError(
      'conflict',
      'NOT_A_TRAINEE_OF_COHORT',
      'A practice room is opened by a trainee holding a seat in the cohort',
      { field: 'cohortId' },
    ),
  windowPassed: (scheduledEndAt: Date) =>
    new DomainError('conflict', 'LIVE_SESSION_WINDOW_PASSED', 'The session’s scheduled window is over', {
      scheduledEndAt: scheduledEndAt.toISOString(),
    }),
  notPinnable: (status: string) =>
    new DomainError('conflict', 'LIVE_SESSION_CLOSED', `Items cannot change in a ${status} session`, { status }),
  itemWindowOutside: () =>
    new DomainError('validation', 'LIVE_ITEM_WINDOW_OUTSIDE_SESSION', 'An item’s window lies inside the session’s', {
      field: 'startsAt',
    }),
};
