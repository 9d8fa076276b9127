/**
 * Errors that mean "PostgreSQL is stalled or away right now", not "this request is wrong":
 * the caller should try again shortly (503 with Retry-After), and nothing is logged as a bug.
 * Recognised by the pg driver's SQLSTATE codes and messages, so this file knows no domain.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovery)
  '53300', // too_many_connections
  '08000', // connection_exception
  '08003', // connection_does_not_exist
  '08006', // connection_failure
]);

const UNAVAILABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

// pg and pg-pool raise plain Errors for these.
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect', // pool exhausted (connectionTimeoutMillis)
  'Connection terminated', // server went away, or connect timed out
  'Query read timeout', // query_timeout: the server stopped answering
  'Client has encountered a connection error',
];

export const RETRY_AFTER_SECONDS = 2;

export function isServiceUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NETWORK_CODES.has(code))) {
    return true;
  }
  if (UNAVAILABLE_MESSAGES.some((m) => error.message.startsWith(m))) return true;
  // TypeORM wraps the driver's error; Node's AggregateError (ECONNREFUSED on ::1 and 127.0.0.1) nests them.
  const nested = [(error as { driverError?: unknown }).driverError, error.cause];
  if (error instanceof AggregateError) nested.push(...(error.errors as unknown[]));
  return nested.some((inner) => inner !== error && isServiceUnavailable(inner));
}
