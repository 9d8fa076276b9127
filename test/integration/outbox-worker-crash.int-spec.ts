import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { PROBE_TABLE_SQL } from '../fixtures/probe.listener';
import { eventually } from '../utils/eventually';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

const ROOT = join(__dirname, '..', '..');

/** Runs test/fixtures/probe-worker.ts as a separate worker process. */
function spawnWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['-r', 'ts-node/register', join(ROOT, 'test/fixtures/probe-worker.ts')], {
    cwd: ROOT,
    env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_SWC: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return resolve({ code: child.exitCode, signal: child.signalCode });
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

describe('a worker stopped in the middle of a job', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let sql: Client;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    env = useTestEnvironment(db);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(PROBE_TABLE_SQL);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await sql?.end();
    await db?.drop();
  });

  it('leaves nothing half-done, and another worker delivers the event exactly once', async () => {
    const first = spawnWorker({ ...env, PROBE_HOLD_MS: '120000' });
    children.push(first.child);
    await eventually(async () => first.output().includes('probe worker ready'), {
      timeoutMs: 60_000,
      what: `the first worker to start:\n${first.output()}`,
    });

    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO outbox_events (type, payload) VALUES ('probe.happened', '{"marker":"crash"}') RETURNING id`,
    );
    const eventId = rows[0].id;
    await eventually(async () => first.output().includes(`probe holding ${eventId}`), {
      what: 'the first listener to be mid-transaction',
    });
    first.child.kill('SIGKILL');
    await exited(first.child);

    // Killed mid-job: nothing it did inside the listener's transaction survived.
    const midway = await sql.query('SELECT * FROM probe_deliveries WHERE event_id = $1', [eventId]);
    expect(midway.rows).toEqual([]);

    const second = spawnWorker({ ...env, PROBE_HOLD_MS: '0' });
    children.push(second.child);
    await eventually(
      async () => {
        const r = await sql.query('SELECT processed_at FROM outbox_events WHERE id = $1', [eventId]);
        return r.rows[0]?.processed_at != null;
      },
      { timeoutMs: 60_000, what: `the second worker to take the job over:\n${second.output()}` },
    );
    const delivered = await sql.query<{ listener: string; n: number }>(
      'SELECT listener, count(*)::int AS n FROM probe_deliveries WHERE event_id = $1 GROUP BY 1 ORDER BY 1',
      [eventId],
    );
    expect(delivered.rows).toEqual([
      { listener: 'first', n: 1 },
      { listener: 'second', n: 1 },
    ]);

    // And the second worker stops on SIGTERM after closing its queue worker and pool
    // (Nest re-raises the signal once its shutdown hooks have run).
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('finishes the job in hand before it exits on SIGTERM', async () => {
    const worker = spawnWorker({ ...env, PROBE_HOLD_MS: '2000' });
    children.push(worker.child);
    await eventually(async () => worker.output().includes('probe worker ready'), {
      timeoutMs: 60_000,
      what: `the worker to start:\n${worker.output()}`,
    });
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO outbox_events (type, payload) VALUES ('probe.happened', '{"marker":"graceful"}') RETURNING id`,
    );
    await eventually(async () => worker.output().includes(`probe holding ${rows[0].id}`), {
      what: 'the listener to be mid-transaction',
    });
    worker.child.kill('SIGTERM');
    expect(await exited(worker.child)).toEqual({ code: null, signal: 'SIGTERM' });

    const delivered = await sql.query('SELECT listener FROM probe_deliveries WHERE event_id = $1 ORDER BY 1', [
      rows[0].id,
    ]);
    expect(delivered.rows).toEqual([{ listener: 'first' }, { listener: 'second' }]);
    const event = await sql.query('SELECT processed_at FROM outbox_events WHERE id = $1', [rows[0].id]);
    expect(event.rows[0].processed_at).not.toBeNull();
  });
});
