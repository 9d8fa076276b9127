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
  consentNotFound: () => new DomainError('not_found', 'CONSENT_NOT_FOUND', 'You have given this trainer no consent'),
  consentExists: () => new DomainError('conflict', 'CONSENT_EXISTS', 'This trainer already has your consent'),
};
