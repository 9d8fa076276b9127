import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrator';
import { withDatabase } from '../utils/database-url';

/**
 * Once per test run: the PostgreSQL to test against (DATABASE_URL, or an embedded one when
 * it is unset, like `npm start`), and a template database built by the real migrations
 * that every test file clones.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    // Under ./var like `npm start`'s: as root, the database runs as the OS user postgres and
    // cannot enter a private temporary folder.
    const dataDir = join(__dirname, '..', '..', 'var', `pg-test-${process.pid}`);
    const db = await startEmbeddedPostgres({
      dataDir,
      port: 55000 + (process.pid % 5000),
      database: 'postgres',
      persistent: false,
    });
    process.env.DATABASE_URL = db.url;
    process.env.FURROW_TEST_PG_DIR = dataDir;
    (globalThis as { __furrowEmbedded?: typeof db }).__furrowEmbedded = db;
  }
  const template = `furrow_template_${process.pid}`;
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(process.env.DATABASE_URL, template));
  process.env.FURROW_TEST_TEMPLATE_DB = template;
}
