import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig, ConfigError } from './config/app-config';
import type { EmbeddedDatabase } from './database/embedded-postgres';
import { spawnEmbeddedPostgres } from './database/embedded-postgres.spawn';
import { runMigrations } from './database/migrator';

/**
 * `npm start`: one command that runs Furrow. With DATABASE_URL unset it starts an embedded
 * PostgreSQL under ./var/pg; with REDIS_URL unset the queues live in PostgreSQL. Then it
 * applies migrations and runs the api and the worker as two child processes, and stops
 * all of it cleanly on SIGTERM or Ctrl-C.
 */
const ROOT = resolve(__dirname, '..', '..');
const VAR = join(ROOT, 'var');

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

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    log('DATABASE_URL is unset: starting the embedded PostgreSQL', { dataDir: 'var/pg' });
    embedded = await spawnEmbeddedPostgres({
      dataDir: join(VAR, 'pg'),
      port: config.database.embeddedPort,
      database: 'furrow',
      persistent: true,
    });
    databaseUrl = embedded.url;
  }
  if (!config.redisUrl) log('REDIS_URL is unset: queues run on PostgreSQL');
  const applied = await runMigrations(databaseUrl);
  log('migrations applied', { applied });

  const env: NodeJS.ProcessEnv = {
    ...config.childEnvironment(),
    DATABASE_URL: databaseUrl,
    JWT_SECRET: config.auth.jwtSecretFromEnv ?? devJwtSecret(),
  };
  if (embedded) await seedDemoData(env);
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      ),
    );
    await embedded?.stop();
    log('stopped');
    process.exit(code);
  };

  for (const name of ['api', 'worker'] as const) {
    const child = fork(join(__dirname, name === 'api' ? 'main.js' : 'worker.js'), [], { env, stdio: 'inherit' });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} exited unexpectedly`, { code, signal });
        void stop(1);
      }
    });
    children.set(name, child);
  }
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));

  await waitUntilReady(`http://127.0.0.1:${config.port}/health/ready`, () => stopping);
  if (!stopping) {
    log(`Furrow is running at http://localhost:${config.port}/  (API docs: http://localhost:${config.port}/api/docs)`);
  }
}

/** The embedded default shows a living marketplace: demo data on an empty database. */
function seedDemoData(env: NodeJS.ProcessEnv): Promise<void> {
  const child = fork(join(__dirname, 'demo', 'seed.js'), ['--if-empty'], { env, stdio: 'inherit' });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo seed exited with code ${code}`)))),
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
  process.exit(1);
});
