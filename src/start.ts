import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join } from 'node:path';
import { DEFAULT_SUPERVISOR_OPTIONS, Supervisor, terminate } from './app/supervisor';
import { AppConfig, ConfigError } from './config/app-config';
import type { EmbeddedDatabase } from './database/embedded-postgres';
import { spawnEmbeddedPostgres } from './database/embedded-postgres.spawn';
import { runMigrations } from './database/migrator';

/**
 * `npm start`: one command that runs Furrow. With DATABASE_URL unset it starts an embedded
 * PostgreSQL (under ./var/pg, or EMBEDDED_PG_DATA_DIR); with REDIS_URL unset the queues live in
 * PostgreSQL. Then it applies migrations and runs the api and the worker as two child
 * processes, restarts either if it crashes, and stops all of it on SIGTERM or SIGINT sent to
 * this process alone or to its whole process group (Ctrl-C).
 */

// Built (dist/src/start.js) or from source (src/start.ts under ts-node): children are the
// sibling files with the same extension, and the checkout is where package.json is.
const EXT = extname(__filename);
const ROOT = findRoot(__dirname);
const VAR = join(ROOT, 'var');

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function log(msg: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(
    JSON.stringify({ level: 'info', process: 'start', msg, ...extra, time: new Date().toISOString() }) + '\n',
  );
}

/** A dev secret kept under ./var so logins survive restarts; production sets JWT_SECRET. */
function devJwtSecret(): string {
  const file = join(VAR, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(VAR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

let embedded: EmbeddedDatabase | undefined;
let supervisor: Supervisor | undefined;
let bootChild: ChildProcess | undefined;
let stopping: Promise<void> | undefined;

/** Stops whatever has been started so far, in reverse order, then exits with `code`. */
function stop(code: number): Promise<void> {
  stopping ??= (async () => {
    log('stopping');
    if (bootChild) await terminate(bootChild, DEFAULT_SUPERVISOR_OPTIONS.stopGraceMs);
    await supervisor?.stop();
    await embedded?.stop();
    log('stopped');
    process.exit(code);
  })();
  return stopping;
}

async function main(): Promise<void> {
  // First of all: a signal during boot (embedded database, migrations, seed) stops cleanly too.
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));
  const config = AppConfig.fromEnv();
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    const dataDir = isAbsolute(config.database.embeddedDataDir)
      ? config.database.embeddedDataDir
      : join(ROOT, config.database.embeddedDataDir);
    log('DATABASE_URL is unset: starting the embedded PostgreSQL', { dataDir });
    embedded = await spawnEmbeddedPostgres({
      dataDir,
      port: config.database.embeddedPort,
      database: 'furrow',
      persistent: true,
    });
    databaseUrl = embedded.url;
  }
  if (stopping) return;
  if (!config.redisUrl) log('REDIS_URL is unset: queues run on PostgreSQL');
  const applied = await runMigrations(databaseUrl);
  log('migrations applied', { applied });

  const env: NodeJS.ProcessEnv = {
    ...config.childEnvironment(),
    DATABASE_URL: databaseUrl,
    JWT_SECRET: config.auth.jwtSecretFromEnv ?? devJwtSecret(),
  };
  if (embedded && !stopping) await seedDemoData(env);
  if (stopping) return;

  supervisor = new Supervisor(
    (['api', 'worker'] as const).map((name) => ({
      name,
      start: () => {
        const child = fork(join(__dirname, `${name === 'api' ? 'main' : 'worker'}${EXT}`), [], {
          env,
          stdio: 'inherit',
        });
        log(`${name} starting`, { pid: child.pid });
        return child;
      },
    })),
    {
      ...DEFAULT_SUPERVISOR_OPTIONS,
      log,
      onGiveUp: (message) => {
        process.stderr.write(`furrow: ${message}\n`);
        void stop(1);
      },
    },
  );
  supervisor.start();

  await waitUntilReady(`http://127.0.0.1:${config.port}/health/ready`, () => Boolean(stopping));
  if (!stopping) {
    const address = `http://localhost:${config.port}/`;
    log('ready', { address });
    // A plain line for people, apart from the JSON lines for machines.
    process.stdout.write(`\nFurrow is running at ${address}  (API docs: ${address}api/docs)\n\n`);
  }
}

/** The embedded default shows a living marketplace: demo data on an empty database. */
function seedDemoData(env: NodeJS.ProcessEnv): Promise<void> {
  const child = fork(join(__dirname, 'demo', `seed${EXT}`), ['--if-empty'], { env, stdio: 'inherit' });
  bootChild = child;
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      bootChild = undefined;
      if (code === 0 || stopping) resolve();
      else reject(new Error(`demo seed exited with code ${code}`));
    }),
  );
}

async function waitUntilReady(url: string, cancelled: () => boolean): Promise<void> {
  while (!cancelled()) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`furrow failed to start: ${message}\n`);
  void stop(1);
});
