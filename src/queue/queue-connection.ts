import { createPostgresBackend, setDefaultBackendFactory, type QueueOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';

export type QueueBackendKind = 'redis' | 'postgres';

export function queueBackendKind(config: AppConfig): QueueBackendKind {
  return config.redisUrl ? 'redis' : 'postgres';
}

/** Redis connection options from a redis:// or rediss:// URL. */
export function redisOptionsFromUrl(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // BullMQ's blocking connections must never give up on a command.
    maxRetriesPerRequest: null,
  };
}

/**
 * Root BullMQ options. With REDIS_URL the queues live in Redis under a hash-tagged prefix
 * (all of a queue's keys share one Cluster slot); without it they live in PostgreSQL
 * through BullMQ's Postgres backend, in the `bullmq` schema of the app database.
 */
export function queueRootOptions(config: AppConfig): QueueOptions<unknown> & { prefix?: string } {
  if (config.redisUrl) {
    setDefaultBackendFactory();
    return { connection: redisOptionsFromUrl(config.redisUrl), prefix: config.queuePrefix };
  }
  setDefaultBackendFactory(createPostgresBackend);
  return { connection: { connectionString: config.databaseUrl, migrate: true, max: 5 } };
}
