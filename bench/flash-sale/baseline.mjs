// The same-run baseline: the hot-row order as PostgreSQL alone does it, one statement per order
// ("take one unit of a hot row if any is left and insert the order"), at a few clients, on scratch
// tables of the bench's database. pgbench (Debian's postgresql-client) when it is installed; else a
// Node `pg` loop with as many clients, which costs more per statement on the client's side.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';
import pg from 'pg';

const SETUP = `
  CREATE TABLE bench_hot (id int PRIMARY KEY, n bigint NOT NULL);
  CREATE TABLE bench_orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), hot_id int NOT NULL,
                             client_id int NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
  INSERT INTO bench_hot VALUES (1, 1000000000);`;
const ORDER = `WITH t AS (UPDATE bench_hot SET n = n - 1 WHERE id = 1 AND n > 0 RETURNING id)
  INSERT INTO bench_orders (hot_id, client_id) SELECT id, :client_id FROM t;`;
const TEARDOWN = `DROP TABLE IF EXISTS bench_hot, bench_orders;`;

export const pgbenchPath = () => {
  const found = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
};

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function runPgbench(binary, url, clients, seconds) {
  const dir = mkdtempSync(join(tmpdir(), 'furrow-pgbench-'));
  const script = join(dir, 'hot-row-order.sql');
  writeFileSync(script, ORDER.replace(/\s+/g, ' ') + '\n');
  const u = new URL(url);
  const args = ['-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-f', script];
  args.push('-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'));
  args.push(u.pathname.slice(1));
  const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
      const latency = /latency average = ([\d.]+) ms/.exec(out)?.[1];
      if (code !== 0 || !tps) reject(new Error(`pgbench exited with ${code}: ${out.slice(-500)}`));
      else resolve({ tps: Number(tps), latencyMs: Number(latency), tool: `pgbench (${binary}), -M simple` });
    });
  });
}

async function runNodeLoop(url, clients, seconds) {
  const sql = ORDER.replace(':client_id', '$1');
  const until = performance.now() + seconds * 1000;
  const counts = await Promise.all(
    Array.from({ length: clients }, (_, i) =>
      withClient(url, async (client) => {
        let n = 0;
        while (performance.now() < until) {
          await client.query(sql, [i]);
          n++;
        }
        return n;
      }),
    ),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    tps: total / seconds,
    latencyMs: (clients * seconds * 1000) / total,
    tool: 'Node pg loop (no pgbench found)',
  };
}

/** The baseline's transactions per second, each one order taken from the hot row. */
export async function hotRowBaseline(url, { clients, seconds }) {
  await withClient(url, (c) => c.query(TEARDOWN + SETUP));
  try {
    const binary = pgbenchPath();
    const result = binary ? await runPgbench(binary, url, clients, seconds) : await runNodeLoop(url, clients, seconds);
    const { orders, left } = await withClient(
      url,
      async (c) =>
        (
          await c.query(
            `SELECT (SELECT count(*) FROM bench_orders)::int AS orders, (SELECT n FROM bench_hot WHERE id = 1)::bigint AS left`,
          )
        ).rows[0],
    );
    // The baseline is held to the same rule: every order took exactly one unit.
    const consistent = Number(left) + orders === 1_000_000_000;
    return { ...result, clients, seconds, orders, consistent };
  } finally {
    await withClient(url, (c) => c.query(TEARDOWN));
  }
}
