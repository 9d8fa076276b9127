import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventPayload, EventType } from '../event-map';
import { OutboxEvent } from './outbox-event.entity';

/** Writes events into the outbox inside the caller's transaction. */
@Injectable()
export class OutboxService {
  async record<T extends EventType>(em: EntityManager, type: T, payload: EventPayload<T>): Promise<string> {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .values({ type, payload: payload as never })
      .returning(['id'])
      .execute();
    return (inserted.raw as Array<{ id: string }>)[0].id;
  }
}
