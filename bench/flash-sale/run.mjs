#!/usr/bin/env node
// The flash sale (issue 13, Deliver 6): a live item with a small allocation, many buyers tapping
// "buy" at once. Furrow runs as in production (built dist/, NODE_ENV=production, api + worker,
// PostgreSQL and Redis) on a database of its own; live checkouts (cash on delivery, a fresh
// Idempotency-Key each) at 64 and then 256 connections until the allocation is gone, plus a tail
// of refusals. Prints orders/s, latency, the answers by status, the checks (exactly the
// allocation sold, nobody over the limit, stock and allocation consistent, nothing negative, no
// 5xx), and in the same run the baseline: pgbench's one-statement hot-row order at 8 clients.
//
//   npm run bench:flash-sale                      # builds, then runs with the defaults below
//   node bench/flash-sale/run.mjs --connections 64 --allocation 200
//   node bench/flash-sale/run.mjs --profile       # where the time goes (not a record: it slows the api)
//
// PostgreSQL: the server of BENCH_DATABASE_URL or DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
// Redis: REDIS_URL (redis://127.0.0.1:6379/0); a database and a key prefix of the run's own, removed after.
// A benchmark, not a test: it exits 0 with the figures whether or not the goal is met, 1 when a
// check of correctness fails or it could not measure.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import { parseArgs } from 'node:util';
import { hotRowBaseline } from './baseline.mjs';
import { checkItem } from './checks.mjs';
import { summariseProfile } from './cpu-profile.mjs';
import * as furrow from './furrow.mjs';
import { burst, summarise, tapOrder } from './load.mjs';
import { startWireCounter } from './pg-wire-counter.mjs';
import { seedBuyers, seedSale } from './seed.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Issue 13's goal at 64 connections: at least the baseline's orders/s, p99 within 100 ms. */
const GOAL = { connections: 64, ratio: 1.0, p99Ms: 100 };

const { values: o } = parseArgs({
  options: {
    connections: { type: 'string', default: '64,256' },
    allocation: { type: 'string', default: '500' },
    limit: { type: 'string', default: '1' },
    buyers: { type: 'string', default: '2000' },
    tail: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '300' },
    'baseline-clients': { type: 'string', default: '8' },
    'baseline-seconds': { type: 'string', default: '10' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const options = {
  connections: o.connections.split(',').map(Number),
  allocation: Number(o.allocation),
  limit: Number(o.limit),
  buyers: Number(o.buyers),
  tail: Number(o.tail),
  warmup: Number(o.warmup),
  baselineClients: Number(o['baseline-clients']),
  baselineSeconds: Number(o['baseline-seconds']),
  profile: o.profile,
  keep: o.keep,
};
const STOCK = 5_000;

const log = (msg) => process.stderr.write(`${msg}\n`);
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '—');
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Until the worker has handled every event the checkouts wrote (order.placed …), or `timeoutMs`. */
async function drained(databaseUrl, timeoutMs = 60_000) {
  const started = performance.now();
  for (;;) {
    const left = await furrow.onServer(databaseUrl, async (c) =>
      Number((await c.query(`SELECT count(*) FROM outbox_events WHERE processed_at IS NULL`)).rows[0].count),
    );
    if (left === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > timeoutMs) return undefined;
    await sleep(100);
  }
}

async function measureBurst(ctx, item, connections) {
  const { db, running, sale, buyers, serverUrl } = ctx;
  const taps = tapOrder(buyers);
  const pids = () => furrow.backendPids(serverUrl, db.name);
  const own = [running.api.pid, running.worker.pid];
  const cpuBefore = furrow.cpuReading([...own, ...(await pids())]);
  const clientBefore = process.cpuUsage();
  const sampler = await furrow.sampleConnections(db.url);
  const fromUs = monotonicUs();
  const outcome = await burst({
    base: running.url,
    sessionId: sale.sessionId,
    item,
    taps,
    connections,
    tail: options.tail,
  });
  const toUs = monotonicUs();
  const clientCpu = process.cpuUsage(clientBefore);
  const samples = await sampler.stop();
  const drainSeconds = await drained(db.url);
  const cpuAfter = furrow.cpuReading([...own, ...(await pids())]);
  const figures = summarise(outcome);
  const cpu = {
    api: cpuAfter.at.get(running.api.pid) - cpuBefore.at.get(running.api.pid),
    worker: cpuAfter.at.get(running.worker.pid) - cpuBefore.at.get(running.worker.pid),
    total: cpuAfter.since(cpuBefore),
    client: (clientCpu.user + clientCpu.system) / 1e6,
  };
  cpu.postgres = cpu.total - cpu.api - cpu.worker;
  // While the item sold: how the pools' connections spent their time.
  const lastSale = outcome.started + figures.sellingSeconds * 1000;
  const selling = samples.filter((s) => s.at >= outcome.started && s.at <= lastSale);
  const mean = (key) => selling.reduce((n, s) => n + s[key], 0) / Math.max(1, selling.length);
  const connectionsWhileSelling = {
    lock: mean('lock'),
    active: mean('active'),
    idleInTransaction: mean('idleInTransaction'),
    samples: selling.length,
  };
  const checks = await checkItem(db.url, {
    item,
    stockBefore: sale.stockBefore,
    productId: sale.productId,
    figures,
    results: outcome.results,
  });
  return {
    connections,
    figures,
    checks,
    cpu,
    connectionsWhileSelling,
    drainSeconds,
    window: { fromUs, toUs },
    exhaustedTaps: outcome.exhaustedTaps,
  };
}

function printBurst(b) {
  const f = b.figures;
  console.log(
    `\n${b.connections} connections: ${f.requests} requests in ${f.wholeSeconds.toFixed(2)} s (${f.requestsPerSecond.toFixed(0)}/s)`,
  );
  console.log(
    `  orders/s ${f.ordersPerSecond.toFixed(0)} (${f.sold} orders in ${f.sellingSeconds.toFixed(2)} s of selling)` +
      `  latency while selling p50 ${ms(f.selling.p50)} p99 ${ms(f.selling.p99)} max ${ms(f.selling.max)};` +
      ` all answers p50 ${ms(f.all.p50)} p99 ${ms(f.all.p99)}; 201s p99 ${ms(f.sold201p99)}`,
  );
  console.log(
    `  answers: ${Object.entries(f.byStatus)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}`,
  );
  const perRequest = (s) => `${((s * 1000) / f.requests).toFixed(2)} ms`;
  console.log(
    `  CPU per request (burst + the worker catching up): api ${perRequest(b.cpu.api)}, PostgreSQL ${perRequest(b.cpu.postgres)},` +
      ` worker ${perRequest(b.cpu.worker)}; per order sold ${((b.cpu.total * 1000) / Math.max(1, f.sold)).toFixed(1)} ms;` +
      ` load generator ${perRequest(b.cpu.client)}; worker caught up ${b.drainSeconds === undefined ? 'NOT within 60 s' : `${b.drainSeconds.toFixed(1)} s`} after`,
  );
  const c = b.connectionsWhileSelling;
  console.log(
    `  database connections while selling (mean of ${c.samples} samples): ${c.lock.toFixed(1)} waiting on a lock,` +
      ` ${c.active.toFixed(1)} running a statement, ${c.idleInTransaction.toFixed(1)} idle in a transaction (waiting for the api)`,
  );
  if (b.exhaustedTaps) console.log(`  (every buyer had tapped before the tail was complete)`);
  for (const c of b.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
}

function printProfile(wire, requests, profile) {
  const t = wire.totals;
  const per = (n) => (n / requests).toFixed(1);
  const avg = (b, k) => (b.transactions ? (b[k] / b.transactions).toFixed(1) : '—');
  console.log(`\nstatements (api ↔ PostgreSQL, over ${requests} checkout requests of the bursts):`);
  const transactions = t.committed.transactions + t.rolledBack.transactions;
  console.log(
    `  per request ${per(t.statements)} statements, ${per(t.roundTrips)} round trips, ${per(t.outside + transactions)} pool checkouts` +
      ` (${per(t.outside)} statements on their own outside the transaction, ${per(transactions)} transaction)`,
  );
  console.log(
    `  a sale's transaction: ${avg(t.committed, 'statements')} statements, ${avg(t.committed, 'roundTrips')} round trips (${t.committed.transactions});` +
      ` a refusal's: ${avg(t.rolledBack, 'statements')} statements (${t.rolledBack.transactions})`,
  );
  if (t.hotRow.holds) {
    console.log(
      `  the live offer's row stays locked for ${(t.hotRow.roundTrips / t.hotRow.holds).toFixed(1)} round trips,` +
        ` ${(t.hotRow.ms / t.hotRow.holds).toFixed(2)} ms on average (${t.hotRow.holds} holds)`,
    );
  }
  console.log('  by statement (tx = inside the checkout transaction), per request:');
  for (const [sql, n] of [...t.byStatement.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`    ${per(n).padStart(5)}  ${sql}`);
  }
  if (!profile) return;
  const pct = (r) => `${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`;
  console.log(`\napi CPU profile of the bursts (${profile.busyMs} ms busy, ${profile.idleMs} ms idle):`);
  console.log('  self time by area:');
  for (const r of profile.selfByArea) console.log(`    ${pct(r)}`);
  console.log('  inclusive time by area (on the stack):');
  for (const r of profile.inclusiveByArea) console.log(`    ${pct(r)}`);
  console.log('  self time by function:');
  for (const r of profile.selfByFunction) console.log(`    ${pct(r)}`);
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('no dist/: run `npm run build` first');
  const serverUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
  const work = mkdtempSync(join(tmpdir(), 'furrow-flash-sale-'));
  const runId = randomBytes(4).toString('hex');
  const queuePrefix = `{furrow-bench-${runId}}`;
  const admin = { email: `root-${runId}@bench.furrow`, password: randomBytes(16).toString('hex') };
  const jwtSecret = randomBytes(32).toString('hex');
  console.log(
    `flash sale: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version},` +
      ` load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}${options.profile ? '; PROFILING (figures not for the record)' : ''}`,
  );
  const db = await furrow.createBenchDatabase(serverUrl);
  let running;
  let wire;
  let failed = false;
  try {
    const server = await furrow.onServer(
      db.url,
      async (c) => (await c.query(`SELECT current_setting('server_version') AS v`)).rows[0].v,
    );
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(await furrow.freePort()),
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: jwtSecret,
      SUPERADMIN_EMAIL: admin.email,
      SUPERADMIN_PASSWORD: admin.password,
      MEDIA_LOCAL_DIR: join(work, 'media'),
    };
    log(`database ${db.name} on PostgreSQL ${server}; logs in ${work}`);
    await furrow.migrate(ROOT, env, join(work, 'migrate.log'));
    const apiEnv = { ...env };
    if (options.profile) {
      const upstream = new URL(db.url);
      wire = await startWireCounter({ host: upstream.hostname, port: Number(upstream.port || 5432) });
      upstream.host = `127.0.0.1:${wire.port}`;
      apiEnv.DATABASE_URL = upstream.toString();
    }
    running = await furrow.startFurrow({
      root: ROOT,
      env,
      apiEnv,
      logDir: work,
      apiNodeFlags: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(work, 'profile')}`] : [],
    });
    log(`api ${running.url} (pid ${running.api.pid}), worker pid ${running.worker.pid}; seeding`);
    const item = { livePriceFen: 4990, allocation: options.allocation, perBuyerLimit: options.limit };
    const warm = { livePriceFen: 2990, allocation: options.warmup, perBuyerLimit: 1 };
    const sale = await seedSale(running.url, admin, [warm, ...options.connections.map(() => item)], STOCK);
    const buyers = await seedBuyers(db.url, jwtSecret, options.buyers);
    log(`${buyers.length} buyers; warming up with ${options.warmup} live checkouts at 16 connections`);
    const [warmItem, ...burstItems] = sale.items;
    await burst({
      base: running.url,
      sessionId: sale.sessionId,
      item: warmItem,
      taps: buyers.slice(0, options.warmup),
      connections: 16,
      tail: 0,
    });
    await drained(db.url);
    wire?.reset();
    const ctx = { db, running, sale, buyers, serverUrl };
    const bursts = [];
    for (const [i, connections] of options.connections.entries()) {
      log(`burst at ${connections} connections`);
      bursts.push(await measureBurst(ctx, burstItems[i], connections));
    }
    log(`baseline: ${options.baselineClients} clients for ${options.baselineSeconds} s`);
    const baseline = await hotRowBaseline(db.url, {
      clients: options.baselineClients,
      seconds: options.baselineSeconds,
    });
    const memory = { api: furrow.rssMbOf(running.api.pid), worker: furrow.rssMbOf(running.worker.pid) };
    await running.stop();
    running = undefined;

    console.log(
      `PostgreSQL ${server}, Redis at ${new URL(redisUrl).host}; item: allocation ${options.allocation}, limit ${options.limit} per buyer,` +
        ` ${options.buyers} buyers (every 10th taps twice), tail of ${options.tail} requests after the sell-out`,
    );
    for (const b of bursts) printBurst(b);
    console.log(
      `\nbaseline, same run: ${baseline.tool}, one statement per order (decrement the hot row if > 0, insert the order),` +
        ` ${baseline.clients} clients, ${baseline.seconds} s: ${baseline.tps.toFixed(0)} orders/s, latency average ${baseline.latencyMs.toFixed(2)} ms` +
        ` (${baseline.consistent ? 'ok' : 'FAIL'}: ${baseline.orders} orders, one unit each)`,
    );
    for (const b of bursts) {
      console.log(
        `ratio Furrow/baseline at ${b.connections} connections: ${(b.figures.ordersPerSecond / baseline.tps).toFixed(3)}×`,
      );
    }
    const goal = bursts.find((b) => b.connections === GOAL.connections);
    if (goal) {
      const ratio = goal.figures.ordersPerSecond / baseline.tps;
      const met = ratio >= GOAL.ratio && goal.figures.selling.p99 <= GOAL.p99Ms;
      console.log(
        `goal at ${GOAL.connections} connections (≥ ${GOAL.ratio.toFixed(1)}× baseline, p99 ≤ ${GOAL.p99Ms} ms): ${met ? 'MET' : 'NOT MET'}` +
          ` (${ratio.toFixed(3)}×, p99 ${ms(goal.figures.selling.p99)})`,
      );
    }
    console.log(`resident memory after the run: api ${memory.api} MB, worker ${memory.worker} MB`);
    if (wire) {
      const requests = bursts.reduce((n, b) => n + b.figures.requests, 0);
      const [file] = furrow.cpuProfilesIn(join(work, 'profile'));
      const windows = bursts.map((b) => b.window);
      printProfile(wire, requests, file ? summariseProfile(join(work, 'profile', file), { windows }) : undefined);
    }
    failed = bursts.some((b) => b.checks.some((c) => !c.ok)) || !baseline.consistent;
  } finally {
    await running?.stop();
    await wire?.close();
    if (!options.keep) {
      await db.drop();
      await furrow.clearRedisPrefix(redisUrl, queuePrefix);
      if (!failed) rmSync(work, { recursive: true, force: true });
    } else {
      log(`kept database ${db.name} and ${work}`);
    }
  }
  if (failed) {
    console.log(`\na check FAILED: see above (the api's and the worker's logs are kept in ${work})`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`bench:flash-sale failed: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
