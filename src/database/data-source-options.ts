import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

/**
 * How long a request may wait on PostgreSQL. A healthy pool hands out a connection in
 * milliseconds and no request query of Furrow runs for seconds, so waiting longer only
 * stacks up requests behind a stall: the caller gets a 503 and tries again instead.
 * 0 turns a limit off (migrations: building an index may take as long as it takes).
 */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection, including opening a new one. */
  acquireTimeoutMs: number;
  /** Server side: PostgreSQL cancels a statement running longer (57014). */
  statementTimeoutMs: number;
  /** Server side: a statement waiting this long for a row or table lock gives up (55P03). */
  lockTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  acquireTimeoutMs: 2_000,
  statementTimeoutMs: 15_000,
  lockTimeoutMs: 5_000,
};

// The client gives up this long after the server should have: a connection whose server
// vanished without closing it (network cut, host gone) would otherwise wait forever.
const CLIENT_READ_MARGIN_MS = 5_000;

/** One definition of the database connection for the app, the worker, the migration CLI and tests. */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    // Passed to pg's Pool and from there to every Client it opens.
    extra: {
      max: poolSize,
      connectionTimeoutMillis: timeouts.acquireTimeoutMs,
      statement_timeout: timeouts.statementTimeoutMs,
      lock_timeout: timeouts.lockTimeoutMs,
      query_timeout: timeouts.statementTimeoutMs ? timeouts.statementTimeoutMs + CLIENT_READ_MARGIN_MS : 0,
    },
  };
}
