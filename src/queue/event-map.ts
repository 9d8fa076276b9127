/**
 * Every event that crosses a module boundary, by type. Each module adds its own events
 * from its `<module>.events.ts` by declaration merging:
 *
 *   declare module '../../queue/event-map' {
 *     interface EventMap { 'user.registered': { userId: string } }
 *   }
 *
 * Payloads are ids plus a few scalars: listeners re-read state.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventMap {}

export type EventType = keyof EventMap & string;
export type EventPayload<T extends EventType> = EventMap[T];

/** What a listener receives: the stored event, as written in the business transaction. */
export interface OutboxEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  payload: EventPayload<T>;
  occurredAt: Date;
}
