import { Redis } from 'ioredis';
import { Client } from 'pg';

/**
 * Loses every queued job of this test file, as a Redis flush (or a restore of the queue store
 * from an old backup) would. Business data in PostgreSQL is untouched. On Redis only this file's
 * keys (its QUEUE_PREFIX) go: a FLUSHDB would also wipe the queues of whatever else shares the
 * database (other test processes on this machine pick Redis databases by Jest worker id too).
 */
export async function wipeQueueStore(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.REDIS_URL) {
    if (!env.QUEUE_PREFIX) throw new Error('wipeQueueStore needs the QUEUE_PREFIX of the test environment');
    const redis = new Redis(env.REDIS_URL);
    try {
      const pattern = `${env.QUEUE_PREFIX.replace(/[*?[\]\\]/g, '\\$&')}:*`;
      for (let cursor = '0'; ;) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
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
