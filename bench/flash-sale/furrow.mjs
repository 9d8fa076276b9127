/* global fetch -- Node's own (18+), which ESLint's config does not list */
// Furrow as production runs it (docker-compose.yml): a one-shot migrate, then the api and the worker
// from the built dist/, NODE_ENV=production, against a PostgreSQL database and a Redis of their own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';

/** The same server URL with another database name. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function onServer(serverUrl, work) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of the bench's own on the server; `drop` removes it whatever is still connected. */
export async function createBenchDatabase(serverUrl) {
  const name = `furrow_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(root, args, env, logFile) {
  const out = openSync(logFile, 'a');
  return spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', out, out] });
}

/** Runs `node dist/src/database/migrate.js` to completion. */
export async function migrate(root, env, logFile) {
  const child = run(root, ['dist/src/database/migrate.js'], env, logFile);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`migrate exited with code ${code}; see ${logFile}`);
}

/** SIGTERM (Nest's shutdown hooks finish what is in flight), SIGKILL after `graceMs`. */
async function terminate(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the worker and the api (`apiEnv` and `apiNodeFlags` are the api's alone, e.g. --cpu-prof) and waits for
 * /health/ready. Their output goes to `logDir` (the api logs each request at info, as in production).
 */
export async function startFurrow({ root, env, apiEnv = env, logDir, apiNodeFlags = [] }) {
  const port = Number(env.PORT);
  const worker = run(root, ['dist/src/worker.js'], env, join(logDir, 'worker.log'));
  const api = run(root, [...apiNodeFlags, 'dist/src/main.js'], apiEnv, join(logDir, 'api.log'));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await terminate(api);
    await terminate(worker);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const dead = [api, worker].find((c) => c.exitCode !== null);
    if (dead || Date.now() > deadline) {
      await stop();
      throw new Error(
        `${dead ? `${dead === api ? 'api' : 'worker'} exited with code ${dead.exitCode}` : 'api not ready in 60 s'}; ` +
          `see ${logDir}`,
      );
    }
    try {
      if ((await fetch(`${url}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return { url, api, worker, stop };
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds (user + system) a process has used, from /proc. */
export function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined; // gone, or not on Linux
  }
}

/** Resident memory of a process in MB, from /proc. */
export function rssMbOf(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** The server processes serving `database` (readable from /proc when PostgreSQL runs on this machine). */
export async function backendPids(serverUrl, database) {
  return onServer(serverUrl, async (c) => {
    const { rows } = await c.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
      database,
    ]);
    return rows.map((r) => r.pid);
  });
}

/** CPU seconds used so far by each of `pids`; `since` tells the seconds they used after an earlier reading, in all. */
export function cpuReading(pids) {
  const at = new Map(pids.map((pid) => [pid, cpuSecondsOf(pid)]));
  return {
    since(earlier) {
      let total = 0;
      for (const [pid, seconds] of at) {
        // A server process started during the burst (the pool growing) used all its CPU in it.
        const before = earlier.at.has(pid) ? earlier.at.get(pid) : 0;
        if (seconds !== undefined && before !== undefined) total += seconds - before;
      }
      return total;
    },
    at,
  };
}

/**
 * Samples, every `everyMs`, what the database's connections (the api's and the worker's pools) are
 * doing: waiting on a lock, running a statement, or idle inside a transaction (waiting for the
 * api's next statement). `stop` returns the samples, each with its time (performance.now()).
 */
export async function sampleConnections(databaseUrl, everyMs = 100) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const samples = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS lock,
                count(*) FILTER (WHERE state = 'active' AND wait_event_type IS DISTINCT FROM 'Lock')::int AS active,
                count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS "idleInTransaction"
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      samples.push({ at: performance.now(), ...rows[0] });
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return samples;
    },
  };
}

/** Deletes the keys under the run's queue prefix (queues and rate-limit counters). */
export async function clearRedisPrefix(redisUrl, prefix) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The .cpuprofile files `--cpu-prof-dir` left in `dir`. */
export const cpuProfilesIn = (dir) => readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
