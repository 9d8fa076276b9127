import { QueryFailedError } from 'typeorm';

/** Whether a query failed on this unique index or constraint (PostgreSQL 23505), e.g. a race's backstop. */
export function isUniqueViolationOf(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && driver.constraint === constraint;
}
