import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity';

/** Every query of the outbox. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Locks up to `limit` undispatched events; other relays skip them while the caller's transaction lives. */
  claimUndispatched(em: EntityManager, limit: number): Promise<Array<{ id: string }>> {
    return em.query(
      `SELECT id FROM outbox_events
        WHERE dispatched_at IS NULL
        ORDER BY created_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** Events enqueued long ago that no listener run has finished: their jobs were lost or are stuck. */
  claimStale(em: EntityManager, olderThanMs: number, limit: number): Promise<Array<{ id: string }>> {
    return em.query(
      `SELECT id FROM outbox_events
        WHERE processed_at IS NULL
          AND dispatched_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY dispatched_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [olderThanMs, limit],
    );
  }

  async markDispatched(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(
      `UPDATE outbox_events SET dispatched_at = now(), dispatch_count = dispatch_count + 1 WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  findEvent(id: string): Promise<OutboxEvent | null> {
    return this.dataSource.getRepository(OutboxEvent).findOneBy({ id });
  }

  /** Claims the (event, listener) pair inside `em`; false when it already ran. */
  async claimDelivery(em: EntityManager, eventId: string, listener: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO event_deliveries (event_id, listener) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [eventId, listener],
    );
    return rows.length === 1;
  }

  async markProcessed(id: string): Promise<void> {
    await this.dataSource.getRepository(OutboxEvent).update({ id }, { processedAt: () => 'now()' });
  }
}
