import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { OutboxEvent } from '../../queue/outbox/outbox-event.entity';

// Any constant works; it only has to be the same for every api process of this database.
const JOB_METRICS_LEASE_KEY = 727_300_002;

export interface OutboxBacklog {
  undispatched: number;
  /** Age of the oldest undispatched row by the database's clock; 0 when there is none. */
  oldestAgeSeconds: number;
}

@Injectable()
export class OperationsRepository implements OnModuleDestroy {
  private lease: { runner: QueryRunner; since: number } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async outboxBacklog(): Promise<OutboxBacklog> {
    const row = await this.dataSource
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .select('count(*)::int', 'undispatched')
      .addSelect('coalesce(extract(epoch from now() - min(e.created_at)), 0)::float8', 'age')
      .where('e.dispatched_at IS NULL')
      .getRawOne<{ undispatched: number; age: number }>();
    return { undispatched: row?.undispatched ?? 0, oldestAgeSeconds: Math.max(0, row?.age ?? 0) };
  }

  /**
   * Whether this process holds the job-metrics lease, and since when (ms). The lease is a session
   * advisory lock on a pooled connection kept for it: a process that dies or loses its connection
   * loses the lease, and another api process takes it at its next scrape.
   */
  async jobMetricsLease(): Promise<{ since: number } | null> {
    if (this.lease && !(await this.stillConnected(this.lease.runner))) await this.dropLease();
    if (this.lease) return { since: this.lease.since };
    const runner = this.dataSource.createQueryRunner();
    try {
      const [{ held }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS held', [JOB_METRICS_LEASE_KEY])) as [
        { held: boolean },
      ];
      if (held) {
        this.lease = { runner, since: Date.now() };
        return { since: this.lease.since };
      }
    } catch {
      // No database now: no lease; the next scrape tries again.
    }
    await runner.release();
    return null;
  }

  async onModuleDestroy(): Promise<void> {
    await this.dropLease();
  }

  private async stillConnected(runner: QueryRunner): Promise<boolean> {
    if (runner.isReleased) return false;
    return runner.query('SELECT 1').then(
      () => true,
      () => false,
    );
  }

  private async dropLease(): Promise<void> {
    const lease = this.lease;
    this.lease = null;
    if (!lease || lease.runner.isReleased) return;
    // Unlocked before the connection goes back to the pool, where the lock would otherwise stay.
    await lease.runner.query('SELECT pg_advisory_unlock($1)', [JOB_METRICS_LEASE_KEY]).catch(() => undefined);
    await lease.runner.release();
  }
}
