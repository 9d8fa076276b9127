import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DemoModule } from './demo.module';
import { DemoSeeder } from './demo-seeder.service';

/**
 * `npm run seed`: the demo marketplace, idempotently. With `--if-empty` (as `npm start`
 * runs it) it does nothing once any store exists.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(DemoModule, {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const seeder = app.get(DemoSeeder);
    if (process.argv.includes('--if-empty') && !(await seeder.isEmpty())) return;
    const result = await seeder.seed();
    process.stdout.write(
      JSON.stringify({
        level: 'info',
        process: 'seed',
        msg: 'demo data in place',
        ...result,
        time: new Date().toISOString(),
      }) + '\n',
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
