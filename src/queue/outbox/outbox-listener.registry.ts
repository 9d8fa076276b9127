import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EVENT_TYPES, LISTENERLESS_EVENTS } from '../event-map';
import { checkEventListeners, OutboxListenersError } from './event-listener-check';
import { OUTBOX_LISTENER, OutboxListenerFn } from './on-outbox-event.decorator';

export interface RegisteredListener {
  /** Stable name, `ClassName.method`: the key of its deliveries. Renaming it re-delivers nothing old. */
  name: string;
  handle: OutboxListenerFn;
}

/**
 * Finds every `@OnOutboxEvent` method of the worker's providers at boot, logs which listeners
 * hear which event, and refuses to boot when an event has no listener and no stated reason.
 */
@Injectable()
export class OutboxListenerRegistry implements OnModuleInit {
  private readonly logger = new Logger(OutboxListenerRegistry.name);
  private readonly byType = new Map<string, RegisteredListener[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method] as OutboxListenerFn;
        const type = this.reflector.get<string | undefined>(OUTBOX_LISTENER, fn);
        if (!type) continue;
        const list = this.byType.get(type) ?? [];
        list.push({ name: `${instance.constructor.name}.${method}`, handle: fn.bind(instance) });
        this.byType.set(type, list);
      }
    }
    const names = new Map([...this.byType].map(([type, list]) => [type, list.map((l) => l.name)]));
    const { events, problems } = checkEventListeners(EVENT_TYPES, LISTENERLESS_EVENTS, names);
    if (problems.length > 0) throw new OutboxListenersError(problems);
    this.logger.log({ events }, 'outbox events and their listeners');
  }

  listenersFor(type: string): readonly RegisteredListener[] {
    return this.byType.get(type) ?? [];
  }
}
