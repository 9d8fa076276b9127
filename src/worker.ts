import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { runProcess } from './app/run-process';
import { WorkerModule } from './app/worker.module';

/** The worker process: queue processors, the outbox relay and timers. No HTTP listener. */
runProcess('worker', async () => {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.enableShutdownHooks();
  await app.init();
  return app;
});
