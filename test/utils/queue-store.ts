import { Redis } from 'ioredis';
import { Client } from 'pg';

/**
 * Loses every queued job, as a Redis flush (or a restore of the queue store from an
 * old backup) would. Business data in PostgreSQL is untouched.
 */
export async function wipeQueueStore(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.REDIS_URL) {
    const redis = new Redis(env.REDIS_URL);
    try {
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
    return;
  }
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'bullmq' AND table_name LIKE '%job%'`,
    );
    if (rows.length === 0) throw new Error('no BullMQ job tables found in schema bullmq');
    await client.query(`TRUNCATE ${rows.map((r) => `bullmq."${r.table_name}"`).join(', ')} CASCADE`);
  } finally {
    await client.end();
  }
}
