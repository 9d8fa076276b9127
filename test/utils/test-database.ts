import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from './database-url';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

// Read before a test file points DATABASE_URL at its own database.
const serverUrl = process.env.DATABASE_URL;
const template = process.env.FURROW_TEST_TEMPLATE_DB;

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!template || !serverUrl) throw new Error('run tests through jest (global setup)');
  const name = `furrow_t${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await onServer((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      break;
    } catch (error) {
      // Another worker is cloning the same template at this instant.
      if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
