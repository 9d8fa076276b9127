import { DomainError } from '../../common/errors/domain-error';

export const WebErrors = {
  signInRequired: () => new DomainError('unauthenticated', 'SIGN_IN_REQUIRED', 'Sign in to see this page'),
  csrfFailed: () =>
    new DomainError('forbidden', 'CSRF_TOKEN_INVALID', 'The form is out of date: reload the page and send it again'),
};
