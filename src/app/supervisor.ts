import type { ChildProcess } from 'node:child_process';

export interface SupervisedProcess {
  name: string;
  /** Starts one instance; called again for each restart. */
  start(): ChildProcess;
}

export interface SupervisorOptions {
  /** Wait before the first restart; doubles with each quick crash in a row. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** A process that exits sooner than this after starting crashed "quickly". */
  quickCrashMs: number;
  /** That many quick crashes in a row: it will not get better by itself, so give up. */
  maxQuickCrashes: number;
  /** After SIGTERM, how long in-flight requests and jobs may take before SIGKILL. */
  stopGraceMs: number;
  log(msg: string, extra?: Record<string, unknown>): void;
  /** Called once when a process is given up on; the caller stops everything. */
  onGiveUp(message: string): void;
}

export const DEFAULT_SUPERVISOR_OPTIONS = {
  initialBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  quickCrashMs: 30_000,
  maxQuickCrashes: 5,
  stopGraceMs: 30_000,
} satisfies Partial<SupervisorOptions>;

interface Slot {
  spec: SupervisedProcess;
  child?: ChildProcess;
  startedAt: number;
  quickCrashes: number;
  restartTimer?: NodeJS.Timeout;
}

/**
 * Keeps `npm start`'s api and worker running: one that crashes is started again after a
 * backoff while the other keeps serving, instead of one crash taking everything down. A
 * process that keeps crashing right after it starts (a bad variable, a missing table) is
 * given up on with a message saying so. In the production shape compose does this job.
 */
export class Supervisor {
  private readonly slots: Slot[];
  private stopping = false;

  constructor(
    processes: SupervisedProcess[],
    private readonly options: SupervisorOptions,
  ) {
    this.slots = processes.map((spec) => ({ spec, startedAt: 0, quickCrashes: 0 }));
  }

  start(): void {
    for (const slot of this.slots) this.launch(slot);
  }

  /** The live child of each process, by name (for logs and tests). */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.slots.map((s) => [s.spec.name, s.child?.pid]));
  }

  /** SIGTERM to every process (SIGKILL after the grace period); no restarts from now on. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.slots.map((slot) => {
        clearTimeout(slot.restartTimer);
        return slot.child ? terminate(slot.child, this.options.stopGraceMs) : undefined;
      }),
    );
  }

  private launch(slot: Slot): void {
    const child = slot.spec.start();
    slot.child = child;
    slot.startedAt = Date.now();
    // A child that cannot be started at all emits 'error' (and maybe no 'exit'): a crash like any other.
    let ended = false;
    const end = (code: number | null, signal: NodeJS.Signals | null) => {
      if (ended) return;
      ended = true;
      this.exited(slot, child, code, signal);
    };
    child.once('exit', end);
    child.once('error', (error) => {
      this.options.log(`${slot.spec.name} could not be run: ${error.message}`, { code: null, signal: null });
      end(null, null);
    });
  }

  private exited(slot: Slot, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || slot.child !== child) return;
    const { name } = slot.spec;
    const ranMs = Date.now() - slot.startedAt;
    slot.quickCrashes = ranMs < this.options.quickCrashMs ? slot.quickCrashes + 1 : 0;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (slot.quickCrashes >= this.options.maxQuickCrashes) {
      this.stopping = true;
      this.options.onGiveUp(
        `${name} crashed ${slot.quickCrashes} times in a row, each within ${Math.round(this.options.quickCrashMs / 1000)} s ` +
          `of starting (last: ${how}); not restarting it again: see its error above`,
      );
      return;
    }
    const delayMs = Math.min(
      this.options.initialBackoffMs * 2 ** Math.max(0, slot.quickCrashes - 1),
      this.options.maxBackoffMs,
    );
    this.options.log(`${name} exited unexpectedly (${how}); restarting it in ${delayMs} ms`, {
      code,
      signal,
      ranMs,
      crashesInARow: slot.quickCrashes,
    });
    slot.restartTimer = setTimeout(() => {
      if (!this.stopping) this.launch(slot);
    }, delayMs);
  }
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it has exited. */
export function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
