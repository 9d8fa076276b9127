import { rm } from 'node:fs/promises';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.FURROW_TEST_TEMPLATE_DB;
  if (template && process.env.DATABASE_URL) {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).finally(() => admin.end());
  }
  await (globalThis as { __furrowEmbedded?: { stop(): Promise<void> } }).__furrowEmbedded?.stop();
  if (process.env.FURROW_TEST_PG_DIR) await rm(process.env.FURROW_TEST_PG_DIR, { recursive: true, force: true });
}
