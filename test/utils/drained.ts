import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { OutboxListenerRegistry } from '../../src/queue/outbox/outbox-listener.registry';
import { QueueName } from '../../src/queue/queue-names';
import { eventually } from './eventually';
import { TestWorker } from './test-worker';

/** Job states in which a job can still do something. */
const PENDING_STATES = ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'] as const;

/**
 * The positive signal that nothing more is going to happen: every outbox event is processed,
 * each of its listeners' deliveries is recorded in `event_deliveries`, and no queue holds a job
 * that is waiting, delayed or running (the next run of a repeating timer aside). Assertions that
 * something did NOT happen (a second SMS, a status change) are made after this, never after a sleep.
 */
export async function drained(worker: TestWorker, { timeoutMs = 20_000 } = {}): Promise<void> {
  const registry = worker.module.get(OutboxListenerRegistry);
  const queues = Object.values(QueueName).map((name) => worker.module.get<Queue>(getQueueToken(name)));
  await eventually(
    async () => {
      const events: Array<{ id: string; type: string; processed: boolean; listeners: string[] }> =
        await worker.dataSource.query(
          `SELECT e.id, e.type, e.processed_at IS NOT NULL AS processed,
                  coalesce(array_agg(d.listener) FILTER (WHERE d.listener IS NOT NULL), '{}') AS listeners
             FROM outbox_events e LEFT JOIN event_deliveries d ON d.event_id = e.id
            GROUP BY e.id`,
        );
      const outboxDone = events.every(
        (e) => e.processed && registry.listenersFor(e.type).every((l) => e.listeners.includes(l.name)),
      );
      if (!outboxDone) return false;
      for (const queue of queues) {
        const jobs = await queue.getJobs([...PENDING_STATES]);
        // A job scheduler always keeps its next run delayed: that one is not pending work.
        if (jobs.some((job) => !job.repeatJobKey)) return false;
      }
      return true;
    },
    { timeoutMs, what: 'the outbox drained and every queued job done' },
  );
}
