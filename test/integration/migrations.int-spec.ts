import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrator';
import { withDatabase } from '../utils/database-url';

describe('migrations', () => {
  const serverUrl = process.env.DATABASE_URL as string;
  const name = `furrow_mig_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('are applied exactly once when several processes migrate at the same time', async () => {
    const url = withDatabase(serverUrl, name);
    const results = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
    const applied = results.flat();
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(applied.length);

    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT name FROM migrations');
      expect(rows.map((r) => r.name).sort()).toEqual([...applied].sort());
    } finally {
      await db.end();
    }
    expect(await runMigrations(url)).toEqual([]);
  });
});
