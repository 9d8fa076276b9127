import { DomainError } from '../../common/errors/domain-error';

export const NotificationsErrors = {
  /** Also for someone else's notification: whether it exists is not theirs to know. */
  notFound: () => new DomainError('not_found', 'NOTIFICATION_NOT_FOUND', 'Notification not found'),
};
