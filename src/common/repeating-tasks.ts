import { Logger } from '@nestjs/common';

/**
 * In-process loops of a worker: each task runs again `intervalMs` after its previous run ended
 * (runs never overlap), a failure is logged and the loop goes on, and `stop` waits for the runs
 * in flight. For the loops that must not depend on the queue they repair (outbox relay, sweepers).
 */
export class RepeatingTasks {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly logger: Logger) {}

  every(intervalMs: number, name: string, task: () => Promise<unknown>): void {
    const schedule = () => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.stopped) return;
        const run = task()
          .catch((error: unknown) => this.logger.error({ err: error, task: name }, `${name} failed`))
          .finally(() => {
            this.running.delete(run);
            if (!this.stopped) schedule();
          });
        this.running.add(run);
      }, intervalMs);
      this.timers.add(timer);
    };
    schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }
}
