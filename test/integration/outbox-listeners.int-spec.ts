import { LoggerService, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CoreModule } from '../../src/app/core.module';
import { WorkerModule } from '../../src/app/worker.module';
import { EVENT_TYPES, LISTENERLESS_EVENTS } from '../../src/queue/event-map';
import { OutboxWorkerModule } from '../../src/queue/outbox/outbox.worker.module';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

/** Keeps what the worker logs at boot. */
class BootLog implements LoggerService {
  readonly entries: Array<{ message: unknown; params: unknown[] }> = [];
  log(message: unknown, ...params: unknown[]) {
    this.entries.push({ message, params });
  }
  error() {}
  warn() {}
  debug() {}
  verbose() {}
}

describe('the worker checks its outbox events and their listeners at boot', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('boots the real worker and logs every listed event with its listeners or why it has none', async () => {
    const bootLog = new BootLog();
    const module = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    module.useLogger(bootLog);
    try {
      await module.init();
      const entry = bootLog.entries.find((e) => e.params.includes('outbox events and their listeners'));
      const events = (entry?.message as { events: Record<string, unknown> }).events;
      expect(Object.keys(events).sort()).toEqual([...EVENT_TYPES].sort());
      expect(events['order.paid']).toEqual([
        'OrderNotificationsListener.paid',
        'AssignmentEventsListener.orderPaid',
        'LiveSalesListener.orderPaid',
      ]);
      expect(events['payment.succeeded']).toEqual([
        'OrderPaymentsListener.paymentSucceeded',
        'SeatPaymentsListener.paymentSucceeded',
      ]);
      expect(events['notification.requested']).toEqual(['NotificationsListener.requested']);
      expect(events['user.registered']).toEqual({ listenerless: LISTENERLESS_EVENTS['user.registered'] });
    } finally {
      await module.close();
    }
  });

  it('refuses to boot a worker whose events have nobody listening, naming each of them', async () => {
    // The outbox machinery without the modules' listeners: what a forgotten worker module looks like.
    @Module({ imports: [CoreModule, OutboxWorkerModule] })
    class BareWorkerModule {}
    const module = await Test.createTestingModule({ imports: [BareWorkerModule] }).compile();
    module.useLogger(false);
    try {
      const boot = module.init();
      await expect(boot).rejects.toThrow('order.paid has no listener and is not declared in LISTENERLESS_EVENTS');
      await expect(boot).rejects.toThrow('notification.requested has no listener');
      await expect(boot).rejects.toThrow('tracking.update-received has no listener');
    } finally {
      await module.close();
    }
  });
});
