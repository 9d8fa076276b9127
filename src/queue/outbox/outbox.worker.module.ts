import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventsProcessor } from './events.processor';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxListenerRegistry } from './outbox-listener.registry';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

/** The outbox relay, the sweeper and the `events` processor: worker only. */
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRepository, OutboxListenerRegistry, OutboxDispatcher, OutboxRelay, EventsProcessor],
  exports: [OutboxRelay],
})
export class OutboxWorkerModule {}
