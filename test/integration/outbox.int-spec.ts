import { DataSource } from 'typeorm';
import { EventsProcessor } from '../../src/queue/outbox/events.processor';
import { PROBE_TABLE_SQL } from '../fixtures/probe.listener';
import { eventually } from '../utils/eventually';
import { wipeQueueStore } from '../utils/queue-store';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';
import { startTestWorker, TestWorker } from '../utils/test-worker';

describe('outbox → events queue → listeners', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let worker: TestWorker;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = useTestEnvironment(db);
    worker = await startTestWorker();
    ds = worker.dataSource;
    await ds.query(PROBE_TABLE_SQL);
  });

  afterAll(async () => {
    await worker?.close();
    await db?.drop();
  });

  const record = (marker: string) => ds.transaction((em) => worker.outbox.record(em, 'probe.happened', { marker }));

  const deliveriesOf = async (prefix: string) =>
    (await ds.query(
      `SELECT marker, listener, count(*)::int AS n FROM probe_deliveries WHERE marker LIKE $1 GROUP BY 1, 2`,
      [`${prefix}%`],
    )) as Array<{ marker: string; listener: string; n: number }>;

  const allProcessed = async (ids: string[]) => {
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1::uuid[]) AND processed_at IS NOT NULL`,
      [ids],
    );
    return n === ids.length;
  };

  it('never delivers an event written in a rolled-back transaction', async () => {
    await expect(
      ds.transaction(async (em) => {
        await worker.outbox.record(em, 'probe.happened', { marker: 'rollback-lost' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const committed = await record('rollback-kept');
    await eventually(() => allProcessed([committed]), { what: 'the committed event' });

    expect(await deliveriesOf('rollback-lost')).toEqual([]);
    expect(await ds.query(`SELECT 1 FROM outbox_events WHERE payload->>'marker' = 'rollback-lost'`)).toEqual([]);
    expect(await deliveriesOf('rollback-kept')).toHaveLength(2);
  });

  it('delivers each committed event to each listener exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => record(`once-${i}`)));
    await eventually(() => allProcessed(ids), { what: '40 events processed' });
    const rows = await deliveriesOf('once-');
    expect(rows).toHaveLength(80);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('loses nothing when the queue store is flushed mid-run', async () => {
    const processor = worker.module.get(EventsProcessor);
    const before = await Promise.all(Array.from({ length: 10 }, (_, i) => record(`flush-before-${i}`)));
    await eventually(() => allProcessed(before), { what: 'the first batch' });

    // Jobs are enqueued but not processed when the store is wiped.
    await processor.worker.pause(true);
    const stranded = await Promise.all(Array.from({ length: 15 }, (_, i) => record(`flush-stranded-${i}`)));
    await eventually(
      async () => {
        const [{ n }] = await ds.query(
          `SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1::uuid[]) AND dispatched_at IS NOT NULL`,
          [stranded],
        );
        return n === stranded.length;
      },
      { what: 'the relay to enqueue the stranded batch' },
    );
    await wipeQueueStore(env);
    processor.worker.resume();
    const after = await Promise.all(Array.from({ length: 5 }, (_, i) => record(`flush-after-${i}`)));

    // The sweeper finds the stranded events (dispatched, never processed) and enqueues them again.
    await eventually(() => allProcessed([...stranded, ...after]), { what: 'every event after the flush' });
    const rows = await deliveriesOf('flush-');
    expect(rows).toHaveLength((10 + 15 + 5) * 2);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });
});
