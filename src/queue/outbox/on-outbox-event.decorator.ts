import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventType, OutboxEnvelope } from '../event-map';

export const OUTBOX_LISTENER = 'furrow:outbox-listener';

/**
 * Marks a provider method as a listener of an outbox event. It runs in the worker, once
 * per event, inside a transaction whose EntityManager it receives: whatever it writes
 * through that manager commits together with the record that it has run.
 */
export const OnOutboxEvent = (type: EventType) => SetMetadata(OUTBOX_LISTENER, type);

export type OutboxListenerFn<T extends EventType = EventType> = (
  event: OutboxEnvelope<T>,
  em: EntityManager,
) => Promise<void>;
