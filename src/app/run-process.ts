import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError } from '../config/app-config';

/**
 * Boots a process and reports a failed boot as one clear line (a bad variable names
 * itself) with exit code 1. Nest's shutdown hooks close it on SIGTERM: in-flight
 * requests and jobs finish first.
 */
export function runProcess(name: 'api' | 'worker', boot: () => Promise<INestApplicationContext>): void {
  boot().then(
    () => {
      process.stdout.write(
        JSON.stringify({ level: 'info', process: name, msg: `${name} started`, time: new Date().toISOString() }) + '\n',
      );
    },
    (error: unknown) => {
      const message =
        error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
      process.stderr.write(`${name} failed to start: ${message}\n`);
      process.exit(1);
    },
  );
}
