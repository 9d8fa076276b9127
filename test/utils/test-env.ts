import { randomBytes } from 'node:crypto';
import { TestDatabase } from './test-database';

const redisFromRun = process.env.REDIS_URL;

/**
 * Points this test file's process at its own database and, when the run has a Redis, at
 * this Jest worker's own Redis database (so flushing it disturbs no other file running
 * at the same time). Without REDIS_URL the queues run on PostgreSQL, as in `npm start`.
 */
export function useTestEnvironment(db: TestDatabase, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '5',
    // Races of 200 requests on a pool of 5, on a machine running other suites, queue for longer
    // than production's 2 s; database-stalls.e2e-spec.ts sets the production value itself.
    DATABASE_ACQUIRE_TIMEOUT_MS: '30000',
    REDIS_URL: redisFromRun ? redisDatabaseUrl(redisFromRun) : undefined,
    QUEUE_PREFIX: `{furrow-test-${randomBytes(4).toString('hex')}}`,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    OUTBOX_POLL_INTERVAL_MS: '50',
    OUTBOX_SWEEP_INTERVAL_MS: '500',
    OUTBOX_REDISPATCH_AFTER_MS: '2000',
    // Every test registers and checks out from 127.0.0.1: the abuse limits are tested where set low.
    REGISTRATION_MAX_PER_ADDRESS: '100000',
    CHECKOUT_MAX_PER_BUYER: '100000',
    CHECKOUT_MAX_UNPAID_ORDERS: '100000',
    CHECKOUT_MAX_UNPAID_ORDERS_PER_VARIANT: '100000',
    SUPERADMIN_EMAIL: undefined,
    SUPERADMIN_PASSWORD: undefined,
    ...overrides,
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return { ...process.env };
}

/** Redis database 1..15 by Jest worker. */
function redisDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${(Number(process.env.JEST_WORKER_ID ?? '1') % 15) + 1}`;
  return parsed.toString();
}

export const usesRedis = (): boolean => Boolean(redisFromRun);
