import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { withTimeout } from '../../common/with-timeout';
import { ALL_QUEUES } from './all-queues.provider';
import { JobDurationReader } from './job-duration.reader';
import { OperationsRepository } from './operations.repository';

const PREFIX = 'furrow_';
const JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children', 'completed', 'failed'] as const;
/** Below Prometheus' default scrape timeout (10 s). */
const READ_TIMEOUT_MS = 5_000;
/** Requests Fastify matched to no route; their raw URLs would make one series per URL. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * The api's Prometheus metrics. Each api process has its own registry: request timings are its
 * own; queue depths and the outbox backlog are read from the shared stores at scrape time, so
 * every process reports the same values (aggregate them with max, not sum); job durations are
 * reported by one api process at a time (see JobDurationReader).
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  private readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests served by this api process, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });
  private readonly queueJobs = new Gauge({
    name: `${PREFIX}queue_jobs`,
    help: 'Jobs in each queue by state, read from BullMQ at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: `${PREFIX}queue_job_duration_seconds`,
    help: 'finishedOn - processedOn of completed and failed jobs, by queue (one api process reports them)',
    labelNames: ['queue', 'status'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });
  private readonly outboxLag = new Gauge({
    name: `${PREFIX}outbox_lag_seconds`,
    help: 'Seconds since the oldest not yet dispatched outbox event was written; 0 when none waits',
    registers: [this.registry],
  });
  private readonly outboxUndispatched = new Gauge({
    name: `${PREFIX}outbox_undispatched_events`,
    help: 'Outbox events not yet handed to the events queue',
    registers: [this.registry],
  });

  private readonly readFailures = new Counter({
    name: `${PREFIX}metrics_read_failures_total`,
    help: 'Scrapes that could not read a store (queues, outbox, job_durations); its metrics were left out',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor(
    @Inject(ALL_QUEUES) private readonly queues: Queue[],
    private readonly repository: OperationsRepository,
    private readonly jobDurations: JobDurationReader,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** From a Fastify onResponse hook: labelled by the route's pattern, never by the raw URL. */
  observeRequest(request: FastifyRequest, reply: FastifyReply): void {
    this.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_code: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  }

  /** The exposition text. A store that does not answer is counted and logged rather than failing the scrape. */
  async render(): Promise<string> {
    await Promise.all([
      this.refresh(
        'queues',
        () => this.readQueueDepths(),
        () => this.queueJobs.reset(),
      ),
      this.refresh(
        'outbox',
        () => this.readOutboxBacklog(),
        () => {
          // Unknown, not zero: a lag alert must not see "no backlog" while the database is away.
          this.outboxLag.set(Number.NaN);
          this.outboxUndispatched.set(Number.NaN);
        },
      ),
      this.refresh('job_durations', () => this.readJobDurations()),
    ]);
    return this.registry.metrics();
  }

  private async readQueueDepths(): Promise<void> {
    const counts = await Promise.all(this.queues.map((queue) => queue.getJobCounts(...JOB_STATES)));
    this.queueJobs.reset();
    this.queues.forEach((queue, i) => {
      for (const state of JOB_STATES) this.queueJobs.set({ queue: queue.name, state }, counts[i][state] ?? 0);
    });
  }

  private async readOutboxBacklog(): Promise<void> {
    const backlog = await this.repository.outboxBacklog();
    this.outboxLag.set(backlog.oldestAgeSeconds);
    this.outboxUndispatched.set(backlog.undispatched);
  }

  private async readJobDurations(): Promise<void> {
    for (const job of await this.jobDurations.readNew()) {
      this.jobDuration.observe({ queue: job.queue, status: job.status }, job.seconds);
    }
  }

  private async refresh(source: string, read: () => Promise<void>, onFailure?: () => void): Promise<void> {
    try {
      // With Redis away BullMQ commands wait for it indefinitely; a scrape must not.
      await withTimeout(read(), READ_TIMEOUT_MS, `no answer within ${READ_TIMEOUT_MS} ms`);
    } catch (err) {
      onFailure?.();
      this.readFailures.inc({ source });
      this.logger.warn({ err, source }, 'metrics: a store did not answer');
    }
  }
}
