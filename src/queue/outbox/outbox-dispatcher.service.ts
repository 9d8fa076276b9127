import { Injectable, Logger } from '@nestjs/common';
import { OutboxEnvelope, EventType } from '../event-map';
import { OutboxListenerRegistry } from './outbox-listener.registry';
import { OutboxRepository } from './outbox.repository';

/**
 * Runs an outbox event through each of its listeners, each in its own transaction that
 * also records the delivery, so a listener that already ran is skipped on any re-run.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger(OutboxDispatcher.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly listeners: OutboxListenerRegistry,
  ) {}

  async dispatch(eventId: string): Promise<void> {
    const event = await this.outbox.findEvent(eventId);
    if (!event) {
      // Its transaction rolled back after all, or it was pruned: nothing to deliver.
      this.logger.warn({ eventId }, 'outbox event not found');
      return;
    }
    if (event.processedAt) return;
    const envelope = {
      id: event.id,
      type: event.type as EventType,
      payload: event.payload,
      occurredAt: event.createdAt,
    } as OutboxEnvelope;
    for (const listener of this.listeners.listenersFor(event.type)) {
      await this.outbox.transaction(async (em) => {
        if (!(await this.outbox.claimDelivery(em, event.id, listener.name))) return;
        await listener.handle(envelope, em);
      });
    }
    await this.outbox.markProcessed(event.id);
  }
}
