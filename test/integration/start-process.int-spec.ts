import { freePort, SourceProcess, spawnSource } from '../utils/source-process';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

/** Whether a process with this id still exists. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidsOf(start: SourceProcess, name: 'api' | 'worker'): number[] {
  const pattern = new RegExp(`"msg":"${name} starting","pid":(\\d+)`, 'g');
  return [...start.output().matchAll(pattern)].map((m) => Number(m[1]));
}

describe('npm start (src/start.ts) as a process', () => {
  let db: TestDatabase;
  let start: SourceProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterEach(async () => {
    if (start && start.child.exitCode === null && start.child.signalCode === null) {
      start.child.kill('SIGKILL');
      await start.exited();
    }
    start = undefined;
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function boot(): Promise<{ port: number }> {
    const port = await freePort();
    start = spawnSource('src/start.ts', { ...useTestEnvironment(db), LOG_LEVEL: 'warn', PORT: String(port) });
    await start.waitFor(`Furrow is running at http://localhost:${port}/`, 120_000);
    return { port };
  }

  it('restarts a worker that crashed while the api keeps serving, and stops all on SIGTERM to its PID', async () => {
    const { port } = await boot();
    const s = start!;
    // The address is a plain line, not only inside a JSON log line.
    expect(s.output()).toMatch(new RegExp(`^Furrow is running at http://localhost:${port}/`, 'm'));
    const [api] = pidsOf(s, 'api');
    const [worker] = pidsOf(s, 'worker');

    process.kill(worker, 'SIGKILL');
    await s.waitFor('worker exited unexpectedly (signal SIGKILL); restarting it in 1000 ms');
    // A second worker process, booted (its own "worker started" comes after it was started).
    await s.waitFor(/"worker starting"[\s\S]*"msg":"worker starting","pid":\d+[\s\S]*"worker started"/, 120_000);
    const restarted = pidsOf(s, 'worker')[1];
    expect(typeof restarted).toBe('number');
    expect(restarted).not.toBe(worker);
    expect(running(restarted)).toBe(true);
    expect(pidsOf(s, 'api')).toEqual([api]);
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);

    // Only its own PID: not the process group, as a service manager or `kill <pid>` does.
    s.child.kill('SIGTERM');
    expect(await s.exited()).toEqual({ code: 0, signal: null });
    expect(s.output()).toContain('"msg":"stopped"');
    expect(running(api)).toBe(false);
    expect(running(restarted)).toBe(false);
  }, 300_000);

  it('stops everything on SIGINT to its PID alone, even while the api and the worker are still booting', async () => {
    const port = await freePort();
    start = spawnSource('src/start.ts', { ...useTestEnvironment(db), LOG_LEVEL: 'warn', PORT: String(port) });
    const s = start;
    await s.waitFor(/"msg":"worker starting","pid":\d+/, 60_000);
    const [api] = pidsOf(s, 'api');
    const [worker] = pidsOf(s, 'worker');
    s.child.kill('SIGINT');
    expect(await s.exited()).toEqual({ code: 0, signal: null });
    expect(running(api)).toBe(false);
    expect(running(worker)).toBe(false);
    expect(s.output()).not.toContain('exited unexpectedly');
    expect(s.output()).not.toContain('Furrow is running');
  }, 120_000);
});
