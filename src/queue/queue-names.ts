/**
 * Queue names (nouns) and, per queue, its job names (`<module>.<verb-noun>`) and payloads.
 * Payloads carry ids, never personal data. A later issue adds the reports queue here.
 */
export const QueueName = {
  events: 'events',
  timers: 'timers',
  payments: 'payments',
  notifications: 'notifications',
  logistics: 'logistics',
  training: 'training',
  livestreams: 'livestreams',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface JobPayloads {
  events: {
    'outbox.dispatch-event': { eventId: string };
  };
  timers: {
    /** Repeating: expires unpaid orders past their deadline and releases their stock. */
    'orders.expire-overdue': Record<string, never>;
    /** Repeating: makes payables of completed orders available once delivery plus the hold period has passed. */
    'orders.release-payables': Record<string, never>;
    /** Repeating: completes delivered orders the buyer did not confirm within ORDER_AUTO_COMPLETE_DAYS. */
    'orders.auto-complete': Record<string, never>;
    /** Repeating: reminds a store, once, of a delivered cash-on-delivery order whose cash it has not recorded. */
    'orders.remind-uncollected-cash': Record<string, never>;
    /** Repeating: reminds stores of perishable orders to ship, and cancels and refunds those too late. */
    'orders.enforce-shipping-deadlines': Record<string, never>;
  };
  payments: {
    /** Repeating: compares recent PaymentIntents with our payments and repairs what a lost webhook missed. */
    'payments.reconcile-stripe': Record<string, never>;
    /** Repeating: sends Stripe refunds recorded by the worker (e.g. for a payment that came too late). */
    'payments.send-refunds': Record<string, never>;
    /** Daily: pays stores what is available (Stripe Connect transfers; bank payouts for finance). */
    'payments.run-payouts': Record<string, never>;
    /** Repeating: sends again the provider payouts (Connect transfers) an outage left pending. */
    'payments.send-payouts': Record<string, never>;
  };
  notifications: {
    /** Sends one stored notification delivery (SMS or e-mail); safe to run twice. */
    'notifications.send-delivery': { deliveryId: string };
  };
  logistics: {
    /** Repeating: asks the tracking provider about shipments that get no pushed updates. */
    'logistics.poll-tracking': Record<string, never>;
    /** Subscribes a shipped order's parcel at the tracking provider, so it pushes the steps; job id per order. */
    'logistics.subscribe-tracking': { orderId: string };
  };
  training: {
    /** Repeating: reminds enrolled trainees of sessions starting within a day, and within an hour (once each). */
    'training.remind-sessions': Record<string, never>;
    /** Repeating: open cohorts whose start has come begin running. */
    'training.start-cohorts': Record<string, never>;
    /** Releases held seats whose fee was not paid in time (TRAINING_SEAT_HOLD_HOURS). */
    'training.release-seat-holds': Record<string, never>;
  };
  livestreams: {
    /** Repeating: ends sessions left live past their scheduled end plus LIVE_SESSION_OVERRUN_MINUTES. */
    'livestreams.end-overdue': Record<string, never>;
  };
}

export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobPayloads[Q][N];

export const DISPATCH_EVENT_JOB: JobName<'events'> = 'outbox.dispatch-event';
