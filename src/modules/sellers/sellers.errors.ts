import { DomainError } from '../../common/errors/domain-error';

export const SellersErrors = {
  notFound: () => new DomainError('not_found', 'SELLER_NOT_FOUND', 'Store not found'),
  noConsent: () =>
    new DomainError(
      'forbidden',
      'ASSISTANCE_CONSENT_REQUIRED',
      'The trainee has not consented to this trainer managing a store for them',
    ),
  notTrainer: () => new DomainError('forbidden', 'TRAINER_ROLE_REQUIRED', 'Only a trainer may act for a trainee'),
  traineeNotFound: () => new DomainError('not_found', 'TRAINEE_NOT_FOUND', 'No such trainee'),
  trainerNotFound: () => new DomainError('not_found', 'TRAINER_NOT_FOUND', 'No such trainer'),
  ownerOnly: () => new DomainError('forbidden', 'STORE_OWNER_ONLY', "Only the store's owner manages its staff"),
  userNotFound: () => new DomainError('not_found', 'USER_NOT_FOUND', 'No account has this e-mail or phone'),
  alreadyMember: () => new DomainError('conflict', 'ALREADY_A_MEMBER', 'This account already works in the store'),
  staffNotFound: () => new DomainError('not_found', 'STAFF_NOT_FOUND', 'This account is not on the staff'),
  consentNotFound: () => new DomainError('not_found', 'CONSENT_NOT_FOUND', 'You have given this trainer no consent'),
  consentExists: () => new DomainError('conflict', 'CONSENT_EXISTS', 'This trainer already has your consent'),
};
