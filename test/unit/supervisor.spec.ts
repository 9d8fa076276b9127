import { ChildProcess, spawn } from 'node:child_process';
import { Supervisor, SupervisorOptions } from '../../src/app/supervisor';

/** Real child processes: one that exits with code 3 at once, one that runs until SIGTERM. */
const crashing = () => spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
// They say "ready" once their SIGTERM handler is in place.
const serving = () =>
  spawn(process.execPath, [
    '-e',
    "process.on('SIGTERM', () => process.exit(0)); console.log('ready'); setInterval(() => {}, 1000)",
  ]);
const stubborn = () =>
  spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"]);
const ready = (child: ChildProcess) =>
  new Promise<void>((resolve) => child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

function harness(overrides: Partial<SupervisorOptions> = {}) {
  const logs: string[] = [];
  let gaveUp: ((message: string) => void) | undefined;
  const givenUp = new Promise<string>((resolve) => (gaveUp = resolve));
  const options: SupervisorOptions = {
    initialBackoffMs: 50,
    maxBackoffMs: 400,
    quickCrashMs: 5_000,
    maxQuickCrashes: 4,
    stopGraceMs: 5_000,
    log: (msg) => logs.push(msg),
    onGiveUp: (message) => gaveUp?.(message),
    ...overrides,
  };
  return { options, logs, givenUp };
}

/** Records every process a factory started, and when, and resolves when the `n`th one started. */
function recorder(make: (attempt: number) => ChildProcess) {
  const started: { child: ChildProcess; at: number }[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    started,
    start: () => {
      const child = make(started.length);
      started.push({ child, at: Date.now() });
      for (const w of waiters.filter((w) => started.length >= w.n)) w.resolve();
      return child;
    },
    startedTimes: (n: number) =>
      new Promise<void>((resolve) => (started.length >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}

describe('the supervisor of npm start', () => {
  let supervisor: Supervisor | undefined;

  afterEach(async () => {
    await supervisor?.stop();
    supervisor = undefined;
  });

  it('restarts a crashed process with a growing backoff while the other keeps running', async () => {
    const { options, logs } = harness();
    // The worker crashes on its first three starts, then stays up.
    const worker = recorder((attempt) => (attempt < 3 ? crashing() : serving()));
    const api = recorder(() => serving());
    supervisor = new Supervisor(
      [
        { name: 'api', start: api.start },
        { name: 'worker', start: worker.start },
      ],
      options,
    );
    supervisor.start();
    await worker.startedTimes(4);

    const gaps = worker.started.slice(1).map((s, i) => s.at - worker.started[i].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(50);
    expect(gaps[1]).toBeGreaterThanOrEqual(100);
    expect(gaps[2]).toBeGreaterThanOrEqual(200);
    expect(logs.filter((l) => l.startsWith('worker exited unexpectedly (exit code 3)'))).toHaveLength(3);
    expect(logs[2]).toContain('restarting it in 200 ms');
    // The api was never touched: one process, still the same, still running.
    expect(api.started).toHaveLength(1);
    expect(alive(api.started[0].child)).toBe(true);
    expect(supervisor.pids()).toEqual({ api: api.started[0].child.pid, worker: worker.started[3].child.pid });
  });

  it('treats a process that cannot be run at all as a crash, and gives up on it without crashing itself', async () => {
    const { options, givenUp, logs } = harness({ maxQuickCrashes: 2 });
    const missing = recorder(() => spawn('/nonexistent/furrow-binary', [], { stdio: 'ignore' }));
    supervisor = new Supervisor([{ name: 'worker', start: missing.start }], options);
    supervisor.start();
    expect(await givenUp).toContain('worker crashed 2 times in a row');
    expect(missing.started).toHaveLength(2);
    expect(
      logs.filter((l) => l.startsWith('worker could not be run: spawn /nonexistent/furrow-binary ENOENT')),
    ).toHaveLength(2);
  });

  it('gives up, with a message saying why, on a process that keeps crashing as it starts', async () => {
    const { options, givenUp, logs } = harness({ maxQuickCrashes: 3 });
    const worker = recorder(() => crashing());
    supervisor = new Supervisor([{ name: 'worker', start: worker.start }], options);
    supervisor.start();
    const message = await givenUp;
    expect(message).toMatch(/^worker crashed 3 times in a row, each within 5 s of starting \(last: exit code 3\)/);
    expect(worker.started).toHaveLength(3);
    expect(logs).toHaveLength(2);
  });

  it('stops every process on stop(), forcing one that ignores SIGTERM, and restarts none of them', async () => {
    const { options, logs } = harness({ stopGraceMs: 300 });
    const api = recorder(() => serving());
    const worker = recorder(() => stubborn());
    supervisor = new Supervisor(
      [
        { name: 'api', start: api.start },
        { name: 'worker', start: worker.start },
      ],
      options,
    );
    supervisor.start();
    await Promise.all([ready(api.started[0].child), ready(worker.started[0].child)]);
    await supervisor.stop();
    expect(api.started[0].child.exitCode).toBe(0);
    expect(worker.started[0].child.signalCode).toBe('SIGKILL');
    expect(api.started).toHaveLength(1);
    expect(worker.started).toHaveLength(1);
    expect(logs).toEqual([]);
  });
});
