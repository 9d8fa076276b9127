import type { NotificationRequest } from './notification-request';

/**
 * Every event that crosses a module boundary, by type: the runtime list the worker checks at
 * boot (each type has a listener or says here why it has none). Adding an event: name it here,
 * declare its payload in the module's `<module>.events.ts` (below), and give it a listener or a
 * line in LISTENERLESS_EVENTS. The type checker refuses a payload whose type is not listed and
 * a listed type without a payload.
 */
export const EVENT_TYPES = [
  'user.registered',
  'user.roles-changed',
  'seller.status-changed',
  'notification.requested',
  'product.status-changed',
  'payment.succeeded',
  'payment.cancelled',
  'refund.succeeded',
  'stripe.event-received',
  'order.placed',
  'order.paid',
  'order.cancelled',
  'order.expired',
  'order.shipped',
  'order.delivered',
  'order.completed',
  'order.refunded',
  'order.returned',
  'tracking.update-received',
  'shipment.status-changed',
  'cohort.status-changed',
  'enrollment.status-changed',
  'live-session.status-changed',
] as const;

export type ListedEventType = (typeof EVENT_TYPES)[number];

/**
 * Events recorded with no listener yet, and why they are recorded anyway. The worker refuses
 * to boot when a listed event has neither a listener nor a line here, or has both.
 */
export const LISTENERLESS_EVENTS: Partial<Record<ListedEventType, string>> = {
  'user.registered': 'the audit trail of accounts; training will greet new trainees from it',
  'user.roles-changed': 'the audit trail of who was granted what; nothing reacts to a grant yet',
  'payment.cancelled':
    'orders cancel a cash-on-delivery payment themselves when its order closes unshipped; nobody else waits for it',
  'order.expired': 'the buyer sees the expiry on the order; no message is sent for it yet',
  'order.completed': 'the ledger releases money on delivery plus the hold period, not on this; impact will count it',
  'shipment.status-changed': 'logistics asks for the buyer notification itself; kept for the audit trail',
  'cohort.status-changed': 'the audit trail of cohorts; a cancellation asks for its messages in its own transaction',
};

/**
 * Payloads by type. The contracts every module shares are declared here; each module adds
 * its own events from its `<module>.events.ts` by declaration merging:
 *
 *   declare module '../../queue/event-map' {
 *     interface EventMap { 'user.registered': { userId: string } }
 *   }
 *
 * Payloads are ids plus a few scalars: listeners re-read state.
 */
export interface EventMap {
  /** Any module asks for a notification with this event (src/queue/notification-request.ts). */
  'notification.requested': NotificationRequest;
}

/**
 * Events that only tests record and listen to (their fixtures merge into this); they are in no
 * list above and src/ never records them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TestEventMap {}

type AllEvents = EventMap & TestEventMap;
export type EventType = keyof AllEvents & string;
export type EventPayload<T extends EventType> = AllEvents[T];

/** What a listener receives: the stored event, as written in the business transaction. */
export interface OutboxEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  payload: EventPayload<T>;
  occurredAt: Date;
}

// The runtime list and the payload declarations must agree: a type error below names the event.
type Unlisted = Exclude<keyof EventMap, ListedEventType>;
type WithoutPayload = Exclude<ListedEventType, keyof EventMap>;
export const _everyEventWithAPayloadIsListed: [Unlisted] extends [never] ? true : { addToEventTypes: Unlisted } = true;
export const _everyListedEventHasAPayload: [WithoutPayload] extends [never]
  ? true
  : { declareAPayloadFor: WithoutPayload } = true;
