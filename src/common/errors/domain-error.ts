/**
 * Errors services throw. They carry a machine-readable code; the one exception filter
 * maps the kind to an HTTP status. Services never throw HTTP exceptions: they run in
 * the worker too.
 */
export type ErrorKind =
  'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unprocessable';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

export const CommonErrors = {
  validation: (issues: FieldIssue[]) =>
    new DomainError('validation', 'VALIDATION_FAILED', 'The request is not valid', { issues }),
  unauthenticated: () => new DomainError('unauthenticated', 'UNAUTHENTICATED', 'A valid access token is required'),
  forbidden: () => new DomainError('forbidden', 'FORBIDDEN', 'You are not allowed to do this'),
};
