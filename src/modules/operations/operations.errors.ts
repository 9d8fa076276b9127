import { DomainError } from '../../common/errors/domain-error';

export const OperationsErrors = {
  metricsTokenRequired: () =>
    new DomainError('unauthenticated', 'UNAUTHENTICATED', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>'),
};
