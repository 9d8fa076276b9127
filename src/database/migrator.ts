import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Any constant works; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK_KEY = 727_300_001;

/**
 * Applies pending migrations while holding a Postgres advisory lock, so several
 * processes starting at once migrate the database exactly once.
 */
export async function runMigrations(url: string): Promise<string[]> {
  // No statement or lock limit: a migration may rewrite a big table, and waits for the
  // app's row locks rather than failing half-way through a deploy.
  const dataSource = await new DataSource(
    dataSourceOptions(url, 2, { acquireTimeoutMs: 30_000, statementTimeoutMs: 0, lockTimeoutMs: 0 }),
  ).initialize();
  const lockRunner = dataSource.createQueryRunner();
  try {
    await lockRunner.connect();
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockRunner.release();
    await dataSource.destroy();
  }
}
