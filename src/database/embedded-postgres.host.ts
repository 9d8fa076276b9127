import 'reflect-metadata';
import { EmbeddedOptions, startEmbeddedPostgres } from './embedded-postgres';

/**
 * Runs the embedded PostgreSQL in its own process group, so that Ctrl-C in a terminal
 * reaches the api and the worker (which finish their work) but not the database they
 * are finishing it on. `npm start` forks this and tells it when to stop; if `npm start`
 * dies, the IPC channel closes and the database is stopped too.
 */
async function host(): Promise<void> {
  const options = JSON.parse(process.argv[2]) as EmbeddedOptions;
  const db = await startEmbeddedPostgres(options);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= db.stop().finally(() => process.exit(0));
    return stopping;
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  process.send?.({ url: db.url });
}

host().catch((error: unknown) => {
  process.stderr.write(
    `embedded PostgreSQL failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
