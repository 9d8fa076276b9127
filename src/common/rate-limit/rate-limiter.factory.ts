import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterAbstract, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { redisOptionsFromUrl } from '../../queue/queue-connection';
import { DomainError } from '../errors/domain-error';

export interface LimitRule {
  /** Names the counter family, e.g. `login:ip`. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Counters shared by every api instance: in Redis when REDIS_URL is set, otherwise in
 * the `rate_limits` table of PostgreSQL.
 */
@Injectable()
export class RateLimiterFactory implements OnModuleDestroy {
  private redis: Redis | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  create(rule: LimitRule): RateLimiterAbstract {
    const common = { keyPrefix: `rl:${rule.name}`, points: rule.points, duration: rule.durationSeconds };
    if (this.config.redisUrl) {
      this.redis ??= new Redis({ ...redisOptionsFromUrl(this.config.redisUrl), maxRetriesPerRequest: 2 });
      // Under the queues' prefix: deployments (and test runs) sharing one Redis keep their own counters.
      const keyPrefix = `${this.config.queuePrefix}:${common.keyPrefix}`;
      return new RateLimiterRedis({ ...common, keyPrefix, storeClient: this.redis });
    }
    const pool = (this.dataSource.driver as unknown as { master: unknown }).master;
    return new RateLimiterPostgres({
      ...common,
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit();
  }
}

/** Consumes one point; throws RATE_LIMITED (429) with the seconds to wait when none is left. */
export async function consumeOrThrow(limiter: RateLimiterAbstract, key: string, code: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new DomainError('rate_limited', code, 'Too many attempts, try again later', { retryAfterSeconds });
    }
    throw rejection;
  }
}
