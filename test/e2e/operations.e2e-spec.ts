import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/config/app-config';
import { queueRootOptions } from '../../src/queue/queue-connection';
import { QueueName } from '../../src/queue/queue-names';
import { loginUser, registerUser } from '../factories/user.factory';
import { PROBE_TABLE_SQL } from '../fixtures/probe.listener';
import { eventually } from '../utils/eventually';
import { startTestApi, TestApi } from '../utils/test-api';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { usesRedis, useTestEnvironment } from '../utils/test-env';
import { startTestWorker, TestWorker } from '../utils/test-worker';

const METRICS_TOKEN = 'scrape-token-for-the-operations-test';

/** The value of one sample line of the exposition text, e.g. `furrow_outbox_undispatched_events`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operations: queue dashboard and metrics', () => {
  let db: TestDatabase;
  let api: TestApi;
  let worker: TestWorker | undefined;
  let failingWorker: Worker | undefined;
  const admin = { email: 'ops-root@furrow.test', password: 'ops-root-password-123' };
  let adminToken: string;
  let buyerToken: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db, {
      SUPERADMIN_EMAIL: admin.email,
      SUPERADMIN_PASSWORD: admin.password,
      METRICS_TOKEN,
    });
    api = await startTestApi();
    adminToken = (await loginUser(api, admin)).accessToken;
    buyerToken = (await loginUser(api, await registerUser(api))).accessToken;
  });

  afterAll(async () => {
    await failingWorker?.close();
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  const scrape = async () => {
    const res = await api.http().get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    return res.text;
  };

  describe('queue dashboard', () => {
    it('refuses callers without a valid token (401) and non-admins (403)', async () => {
      for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/images/logo.svg']) {
        const anonymous = await api.http().get(path).expect(401);
        expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.any(String) });
        const buyer = await api.http().get(path).set('authorization', `Bearer ${buyerToken}`).expect(403);
        expect(buyer.body).toMatchObject({ code: 'FORBIDDEN', message: expect.any(String) });
      }
      await api.http().get('/admin/queues').set('authorization', 'Bearer not.a.token').expect(401);
      await api.http().get('/admin/queues').set('cookie', 'furrow_queue_dashboard=forged').expect(401);
      await api.http().get('/admin/queues').set('cookie', `furrow_queue_dashboard=${buyerToken}`).expect(403);
    });

    it('shows an admin every queue, retries allowed', async () => {
      const page = await api.http().get('/admin/queues').set('authorization', `Bearer ${adminToken}`).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('<title>Furrow queues</title>');
      expect(page.text).toContain('<base href="/admin/queues/"');

      const res = await api
        .http()
        .get('/admin/queues/api/queues')
        .set('authorization', `Bearer ${adminToken}`)
        .expect(200);
      const queues = res.body.queues as Array<{ name: string; readOnlyMode: boolean; allowRetries: boolean }>;
      expect(queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
      expect(queues.every((q) => !q.readOnlyMode && q.allowRetries)).toBe(true);
      // The datastore panel speaks to either backend (REDIS_URL set: Redis; unset: PostgreSQL).
      const stats = await api
        .http()
        .get('/admin/queues/api/redis/stats')
        .set('authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(stats.body.backend).toBe(usesRedis() ? 'redis' : 'postgres');
    });

    it('lets a browser in with the session cookie, and serves the page under the CSP', async () => {
      await api.http().post('/api/v1/admin/queues/session').expect(401);
      await api.http().post('/api/v1/admin/queues/session').set('authorization', `Bearer ${buyerToken}`).expect(403);
      const session = await api
        .http()
        .post('/api/v1/admin/queues/session')
        .set('authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(session.body.path).toBe('/admin/queues');
      const setCookie = String(session.headers['set-cookie']);
      expect(setCookie).toMatch(new RegExp(`^furrow_queue_dashboard=${adminToken.replace(/\./g, '\\.')};`));
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Strict/);
      expect(setCookie).toMatch(/; Path=\/admin\/queues(;|$)/);
      // The cookie lives as long as the access token (ACCESS_TOKEN_TTL_SECONDS, 900 by default).
      const expires = Date.parse(/Expires=([^;]+)/.exec(setCookie)![1]);
      expect(Date.parse(session.body.expiresAt)).toBe(expires);
      expect(Math.abs(expires - Date.now() - 900_000)).toBeLessThan(5_000);

      const cookie = setCookie.split(';')[0];
      const page = await api.http().get('/admin/queues').set('cookie', cookie).expect(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      // Every script is a file from /admin/queues/static ('self'); the one inline <script> is JSON data, not code.
      const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
      expect(scripts.filter((attrs) => !/\bsrc="static\//.test(attrs))).toEqual([
        ' id="__UI_CONFIG__" type="application/json"',
      ]);
      const assets = [...page.text.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThan(0);
      expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThan(0);
      for (const asset of assets) {
        const res = await api.http().get(`/admin/queues/${asset}`).set('cookie', cookie).expect(200);
        expect(res.headers['content-type']).toMatch(/javascript|css|image/);
      }
      await api.http().get('/admin/queues/api/queues').set('cookie', cookie).expect(200);

      // A change with the cookie must come from the dashboard's own origin.
      const crossSite = await api
        .http()
        .put('/admin/queues/api/queues/pause')
        .set('cookie', cookie)
        .set('sec-fetch-site', 'same-site')
        .expect(403);
      expect(crossSite.body.code).toBe('FORBIDDEN');

      const closed = await api
        .http()
        .delete('/api/v1/admin/queues/session')
        .set('authorization', `Bearer ${adminToken}`)
        .expect(204);
      expect(String(closed.headers['set-cookie'])).toMatch(
        /^furrow_queue_dashboard=; Path=\/admin\/queues; .*Max-Age=0/,
      );
    });
  });

  describe('/metrics', () => {
    it('wants the METRICS_TOKEN when one is configured', async () => {
      const none = await api.http().get('/metrics').expect(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      await api.http().get('/metrics').set('authorization', 'Bearer wrong-token-wrong-token').expect(401);
      await api.http().get('/metrics').set('authorization', `Bearer ${adminToken}`).expect(401);
      const ok = await api.http().get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      await api.http().get('/api/v1/metrics').expect(404);
    });

    it('times requests by route pattern, and reports queue depths and the outbox backlog', async () => {
      const orderId = '0b6f7a43-9c1e-4d5a-8f3b-2a1c7e9d4b60';
      await api.http().get(`/api/v1/orders/${orderId}`).set('authorization', `Bearer ${buyerToken}`).expect(404);
      // Nothing relays the outbox yet (no worker): registrations wait there, and this row, written 90 s ago.
      const waiting = sample(await scrape(), 'furrow_outbox_undispatched_events')!;
      const ds = api.app.get(DataSource);
      await ds.query(
        `INSERT INTO outbox_events (type, payload, created_at) VALUES ('probe.happened', '{"marker":"lag"}', now() - interval '90 seconds')`,
      );

      const text = await scrape();
      expect(
        sample(
          text,
          'furrow_http_request_duration_seconds_count{method="GET",route="/api/v1/orders/:id",status_code="404"}',
        ),
      ).toBe(1);
      expect(text).not.toContain(orderId);
      for (const queue of Object.values(QueueName)) {
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
          expect(sample(text, `furrow_queue_jobs{queue="${queue}",state="${state}"}`)).toBe(0);
        }
      }
      expect(sample(text, 'furrow_outbox_undispatched_events')).toBe(waiting + 1);
      expect(sample(text, 'furrow_outbox_lag_seconds')).toBeGreaterThanOrEqual(90);
      expect(sample(text, 'furrow_outbox_lag_seconds')).toBeLessThan(150);
      // Default process metrics, and every metric under the furrow_ prefix.
      expect(text).toContain('# TYPE furrow_process_cpu_user_seconds_total counter');
      expect(text).toContain('# TYPE furrow_nodejs_eventloop_lag_seconds gauge');
      const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
      expect(names.filter((n) => !n.startsWith('furrow_'))).toEqual([]);
    });

    it('is open without METRICS_TOKEN, and only one api process reports job durations', async () => {
      const saved = process.env.METRICS_TOKEN;
      delete process.env.METRICS_TOKEN;
      const open = await startTestApi();
      process.env.METRICS_TOKEN = saved;
      try {
        await scrape(); // The first api holds the job-metrics lease from its first scrape on.
        const text = (await open.http().get('/metrics').expect(200)).text;
        expect(text).toContain('furrow_queue_jobs{queue="events",state="waiting"}');
        expect(text).not.toContain('furrow_queue_job_duration_seconds_count');
      } finally {
        await open.close();
      }
    });
  });

  describe('failed jobs and job durations', () => {
    it('keeps a failed job, shows it, and lets an admin retry it', async () => {
      const notifications = api.app.get<Queue>(getQueueToken(QueueName.notifications));
      const attempts = new Map<string, number>();
      // A worker of this test only: the first run of each job fails, a retried run succeeds.
      failingWorker = new Worker(
        QueueName.notifications,
        async (job: Job) => {
          const n = (attempts.get(job.id!) ?? 0) + 1;
          attempts.set(job.id!, n);
          if (n === 1) throw new Error('the first run fails on purpose');
          return { ran: n };
        },
        queueRootOptions(AppConfig.fromEnv()) as never,
      );
      const job = await notifications.add('ops.test-failure', { marker: 'retry-me' }, { attempts: 1 });
      await eventually(async () => (await job.getState()) === 'failed', { what: 'the job to fail' });
      const failedRun = await scrape();
      expect(sample(failedRun, 'furrow_queue_job_duration_seconds_count{queue="notifications",status="failed"}')).toBe(
        1,
      );
      expect(sample(failedRun, 'furrow_queue_jobs{queue="notifications",state="failed"}')).toBe(1);

      const listing = await api
        .http()
        .get('/admin/queues/api/queues')
        .query({ activeQueue: QueueName.notifications, status: 'failed', page: 1, jobsPerPage: 10 })
        .set('authorization', `Bearer ${adminToken}`)
        .expect(200);
      const queue = (listing.body.queues as Array<{ name: string; counts: { failed: number }; jobs: unknown[] }>).find(
        (q) => q.name === QueueName.notifications,
      )!;
      expect(queue.counts.failed).toBe(1);
      expect(queue.jobs).toEqual([
        expect.objectContaining({
          id: job.id,
          name: 'ops.test-failure',
          failedReason: 'the first run fails on purpose',
        }),
      ]);

      const retry = `/admin/queues/api/queues/${QueueName.notifications}/${job.id}/retry`;
      await api.http().put(retry).set('authorization', `Bearer ${buyerToken}`).expect(403);
      await api.http().put(retry).set('authorization', `Bearer ${adminToken}`).expect(204);
      await eventually(async () => (await notifications.getJob(job.id!))?.returnvalue?.ran === 2, {
        what: 'the retried job to complete',
      });
      const done = await api
        .http()
        .get(`/admin/queues/api/queues/${QueueName.notifications}/${job.id}`)
        .set('authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(done.body.status).toBe('completed');
      await failingWorker.close();
      failingWorker = undefined;
    });

    it('observes how long finished jobs ran, and the outbox drains', async () => {
      worker = await startTestWorker();
      await worker.dataSource.query(PROBE_TABLE_SQL);
      const eventId = await worker.dataSource.transaction((em) =>
        worker!.outbox.record(em, 'probe.happened', { marker: 'duration' }),
      );
      await eventually(
        async () => {
          const [row] = await worker!.dataSource.query(`SELECT processed_at FROM outbox_events WHERE id = $1`, [
            eventId,
          ]);
          return row?.processed_at != null;
        },
        { what: 'the event to be processed' },
      );

      const text = await eventually(
        async () => {
          const t = await scrape();
          return (
            (sample(t, 'furrow_queue_job_duration_seconds_count{queue="events",status="completed"}') ?? 0) >= 2 && t
          );
        },
        { what: 'the events jobs to be measured' },
      );
      expect(sample(text, 'furrow_queue_job_duration_seconds_count{queue="notifications",status="completed"}')).toBe(1);
      expect(
        sample(text, 'furrow_queue_job_duration_seconds_bucket{le="+Inf",queue="events",status="completed"}'),
      ).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'furrow_outbox_undispatched_events')).toBe(0);
      expect(sample(text, 'furrow_outbox_lag_seconds')).toBe(0);
      expect(sample(text, 'furrow_queue_jobs{queue="events",state="completed"}')).toBeGreaterThanOrEqual(2);

      // Another scrape measures nothing twice.
      const again = await scrape();
      expect(sample(again, 'furrow_queue_job_duration_seconds_count{queue="notifications",status="completed"}')).toBe(
        1,
      );
    });
  });
});
