import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { ALL_QUEUES } from './all-queues.provider';
import { OperationsRepository } from './operations.repository';

export interface FinishedJob {
  queue: string;
  status: FinishedStatus;
  seconds: number;
}

type FinishedStatus = 'completed' | 'failed';
const FINISHED: readonly FinishedStatus[] = ['completed', 'failed'];
const PAGE = 100;
/** Per queue and status and scrape; a backlog past this is not measured (the depth gauge shows it). */
const MAX_JOBS_PER_SCRAPE = 2_000;
/** Jobs are re-read this far behind the newest one seen, for workers whose clocks lag a little. */
const CLOCK_SKEW_MS = 10_000;

interface Cursor {
  /** Jobs that finished before this (ms) were measured by an earlier scrape, or predate the lease. */
  floor: number;
  /** `id@finishedOn` of jobs at or after the floor already measured (a retried job finishes anew). */
  seen: Map<string, number>;
}

/**
 * Job durations (finishedOn - processedOn) of completed and failed jobs, read from BullMQ at
 * scrape time: newest first, down to what the previous scrape already measured. Reading at
 * scrape time works the same on Redis and on PostgreSQL and needs nothing from the worker
 * process, which has no HTTP listener. A QueueEvents subscription would hold a blocking
 * connection per queue in every api process, and would miss what finished while none listened.
 *
 * Several api processes all see the same jobs, so only one of them measures at a time: the
 * holder of a PostgreSQL advisory lock (OperationsRepository.jobMetricsLease). Each job is counted
 * once across the fleet, and `sum` over instances in PromQL is right; the other processes expose
 * no job-duration series. A new holder starts with the jobs that finish after it took the lease.
 */
@Injectable()
export class JobDurationReader {
  private leaseSince: number | null = null;
  private readonly cursors = new Map<string, Cursor>();

  constructor(
    @Inject(ALL_QUEUES) private readonly queues: Queue[],
    private readonly repository: OperationsRepository,
  ) {}

  async readNew(): Promise<FinishedJob[]> {
    const lease = await this.repository.jobMetricsLease();
    if (lease?.since !== this.leaseSince) this.cursors.clear();
    this.leaseSince = lease?.since ?? null;
    if (!lease) return [];
    const batches = await Promise.all(
      this.queues.flatMap((queue) => FINISHED.map((status) => this.readQueue(queue, status, lease.since))),
    );
    return batches.flat();
  }

  private async readQueue(queue: Queue, status: FinishedStatus, since: number): Promise<FinishedJob[]> {
    const key = `${queue.name}:${status}`;
    const cursor = this.cursors.get(key) ?? { floor: since, seen: new Map<string, number>() };
    this.cursors.set(key, cursor);
    const found: FinishedJob[] = [];
    let newest = cursor.floor;
    for (let start = 0; start < MAX_JOBS_PER_SCRAPE; start += PAGE) {
      const jobs = (await queue.getJobs(status, start, start + PAGE - 1)) as Array<Job | undefined>;
      for (const job of jobs) {
        if (!job?.finishedOn || job.finishedOn < cursor.floor) continue;
        newest = Math.max(newest, job.finishedOn);
        const id = `${job.id}@${job.finishedOn}`;
        if (cursor.seen.has(id) || !job.processedOn) continue;
        cursor.seen.set(id, job.finishedOn);
        found.push({ queue: queue.name, status, seconds: Math.max(0, job.finishedOn - job.processedOn) / 1000 });
      }
      const oldest = jobs.findLast((job) => job?.finishedOn)?.finishedOn ?? 0;
      if (jobs.length < PAGE || oldest < cursor.floor) break;
    }
    cursor.floor = Math.max(cursor.floor, newest - CLOCK_SKEW_MS);
    for (const [id, finishedOn] of cursor.seen) if (finishedOn < cursor.floor) cursor.seen.delete(id);
    return found;
  }
}
