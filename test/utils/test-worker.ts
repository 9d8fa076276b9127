import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../src/app/worker.module';
import { OutboxService } from '../../src/queue/outbox/outbox.service';
import { ProbeListener } from '../fixtures/probe.listener';

export interface TestWorker {
  module: TestingModule;
  dataSource: DataSource;
  outbox: OutboxService;
  close(): Promise<void>;
}

/** The real worker (relay, sweeper, events processor) in this process, with the probe listeners. */
export async function startTestWorker(): Promise<TestWorker> {
  const module = await Test.createTestingModule({ imports: [WorkerModule], providers: [ProbeListener] }).compile();
  module.useLogger(false);
  await module.init();
  return {
    module,
    dataSource: module.get(DataSource),
    outbox: module.get(OutboxService),
    close: () => module.close(),
  };
}
