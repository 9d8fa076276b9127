import { createServer, Server, Socket } from 'node:net';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { withDatabase } from '../utils/database-url';
import { eventually } from '../utils/eventually';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

/** A public read that needs the database. */
const READ = '/api/v1/products';

async function timed(api: TestApi, path: string) {
  const started = Date.now();
  const res = await api.http().get(path);
  return { res, ms: Date.now() - started };
}

/**
 * A TCP hop between the api and PostgreSQL that the test can cut: while down it drops every
 * open connection (as a stopped server does) and holds new ones unanswered (as an unreachable
 * host does), which is the slow kind of failure; the machine's PostgreSQL keeps running.
 */
class DatabaseLink {
  private server: Server;
  private sockets = new Set<Socket>();
  private up = true;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (!this.up) return; // accepted, never answered
      const upstream = new Socket();
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      upstream.connect(this.target.port, this.target.host, () => {
        client.pipe(upstream);
        upstream.pipe(client);
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  cut(): void {
    this.up = false;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.up = true;
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('the api under a stalled or absent database', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  describe('with every pooled connection taken', () => {
    let api: TestApi;
    const held: QueryRunner[] = [];

    beforeAll(async () => {
      useTestEnvironment(db, { DATABASE_POOL_SIZE: '3', DATABASE_ACQUIRE_TIMEOUT_MS: '2000' });
      api = await startTestApi();
    });

    afterAll(async () => {
      await Promise.all(held.map((runner) => runner.release()));
      await api?.close();
    });

    it('sets the statement and lock timeouts on its connections', async () => {
      const [settings] = (await api.app
        .get(DataSource)
        .query(
          `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock`,
        )) as {
        statement: string;
        lock: string;
      }[];
      expect(settings).toEqual({ statement: '15s', lock: '5s' });
    });

    it('answers 503 SERVICE_UNAVAILABLE with Retry-After within about two seconds, then recovers', async () => {
      await api.http().get(READ).expect(200);
      const dataSource = api.app.get(DataSource);
      const pids: number[] = [];
      const sleeps: Promise<unknown>[] = [];
      for (let i = 0; i < 3; i++) {
        const runner = dataSource.createQueryRunner();
        await runner.connect();
        const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
        pids.push(pid);
        // A statement that outlives the test on each connection: the pool has none left to give.
        sleeps.push(runner.query('SELECT pg_sleep(60)').catch(() => undefined));
        held.push(runner);
      }
      const { res, ms } = await timed(api, READ);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(ms).toBeLessThan(3_000);
      expect(ms).toBeGreaterThanOrEqual(1_900); // it waited its acquire timeout, no longer

      // The stall ends (the sleeps are cancelled, the connections go back): no restart needed.
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      await admin.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
      await admin.end();
      await Promise.all(sleeps);
      await Promise.all(held.splice(0).map((runner) => runner.release()));
      await api.http().get(READ).expect(200);
    });
  });

  describe('with PostgreSQL out of reach', () => {
    let api: TestApi;
    let link: DatabaseLink;

    beforeAll(async () => {
      const target = new URL(db.url);
      link = new DatabaseLink({ host: target.hostname, port: Number(target.port || 5432) });
      await link.listen();
      const viaLink = new URL(withDatabase(db.url, db.name));
      viaLink.host = `127.0.0.1:${link.port}`;
      useTestEnvironment(db, { DATABASE_URL: viaLink.toString(), DATABASE_ACQUIRE_TIMEOUT_MS: '2000' });
      api = await startTestApi();
    });

    afterAll(async () => {
      await api?.close();
      await link?.close();
    });

    it('answers 503 within about two seconds while it is away, and 200 again once it is back', async () => {
      await api.http().get(READ).expect(200);
      link.cut();
      for (let attempt = 0; attempt < 2; attempt++) {
        const { res, ms } = await timed(api, READ);
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
        expect(res.headers['retry-after']).toBeDefined();
        expect(ms).toBeLessThan(3_000);
      }
      const ready = await api.http().get('/health/ready');
      expect(ready.status).toBe(503);

      link.restore();
      await eventually(async () => (await api.http().get(READ)).status === 200, {
        timeoutMs: 10_000,
        what: 'the api to answer 200 again once the database is back',
      });
      await api.http().get('/health/ready').expect(200);
    });
  });
});
