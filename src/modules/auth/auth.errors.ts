import { DomainError } from '../../common/errors/domain-error';

export const AuthErrors = {
  invalidCredentials: () =>
    new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'The account or password is not correct'),
  invalidRefreshToken: () =>
    new DomainError('unauthenticated', 'INVALID_REFRESH_TOKEN', 'The refresh token is not valid'),
  refreshTokenReused: () =>
    new DomainError(
      'unauthenticated',
      'REFRESH_TOKEN_REUSED',
      'This refresh token was already used; the login it belonged to has been ended',
    ),
  sessionEnded: () => new DomainError('unauthenticated', 'SESSION_ENDED', 'This login has ended; log in again'),
};
