/**
 * The worker's boot check of the outbox: every listed event type has a listener, or is declared
 * listenerless with a reason (LISTENERLESS_EVENTS in src/queue/event-map.ts), never both. An
 * event nobody hears is a message lost without a trace; a stale "listenerless" line hides a
 * listener someone forgot to mention.
 */
export interface EventListenerReport {
  /** Event type → the listeners that hear it, or the reason it has none. */
  events: Record<string, string[] | { listenerless: string }>;
  problems: string[];
}

export function checkEventListeners(
  listed: readonly string[],
  listenerless: Readonly<Record<string, string | undefined>>,
  listenersByType: ReadonlyMap<string, readonly string[]>,
): EventListenerReport {
  const events: EventListenerReport['events'] = {};
  const problems: string[] = [];
  for (const type of listed) {
    const listeners = listenersByType.get(type) ?? [];
    const reason = listenerless[type];
    if (listeners.length > 0) {
      events[type] = [...listeners];
      if (reason !== undefined) {
        problems.push(`${type} is declared listenerless but ${listeners.join(', ')} listens to it`);
      }
    } else if (reason !== undefined) {
      events[type] = { listenerless: reason };
    } else {
      problems.push(`${type} has no listener and is not declared in LISTENERLESS_EVENTS`);
    }
  }
  for (const type of Object.keys(listenerless)) {
    if (!listed.includes(type)) problems.push(`${type} is declared listenerless but is not in EVENT_TYPES`);
  }
  // Listeners of types outside the list are test fixtures (TestEventMap): shown, not refused.
  for (const [type, listeners] of listenersByType) {
    if (!listed.includes(type)) events[type] = [...listeners];
  }
  return { events, problems };
}

export class OutboxListenersError extends Error {
  constructor(problems: string[]) {
    super(
      `the outbox events and their listeners disagree (src/queue/event-map.ts):\n  - ${problems.join('\n  - ')}\n` +
        'Give each event a listener, or a line in LISTENERLESS_EVENTS saying why nobody listens.',
    );
    this.name = 'OutboxListenersError';
  }
}
