import { DomainError } from '../../common/errors/domain-error';

export const RegionsErrors = {
  notFound: (code: string) => new DomainError('not_found', 'REGION_NOT_FOUND', `No region has the code ${code}`),
  notACounty: (code: string) =>
    new DomainError('validation', 'NOT_A_COUNTY', `${code} is not a county-level division code`, { code }),
};
