import 'reflect-metadata';
import { AppConfig } from '../config/app-config';
import { runMigrations } from './migrator';

/** `npm run migration:run`: the one-shot migrate process. */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const applied = await runMigrations(config.databaseUrl);
  process.stdout.write(
    JSON.stringify({ level: 'info', msg: 'migrations applied', applied, time: new Date().toISOString() }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
