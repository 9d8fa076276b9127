import { DomainError } from '../../common/errors/domain-error';

export const UsersErrors = {
  notFound: () => new DomainError('not_found', 'USER_NOT_FOUND', 'User not found'),
  emailTaken: () => new DomainError('conflict', 'EMAIL_TAKEN', 'An account with this e-mail already exists'),
  phoneTaken: () => new DomainError('conflict', 'PHONE_TAKEN', 'An account with this phone number already exists'),
  cannotRevokeOwnAdmin: () =>
    new DomainError('conflict', 'CANNOT_REVOKE_OWN_ADMIN', 'An admin cannot take the admin role from themselves'),
};
