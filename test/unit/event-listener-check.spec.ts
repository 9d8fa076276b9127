import { EVENT_TYPES, LISTENERLESS_EVENTS } from '../../src/queue/event-map';
import { checkEventListeners, OutboxListenersError } from '../../src/queue/outbox/event-listener-check';

describe('outbox boot check: every event has a listener or a reason for having none', () => {
  const listed = ['order.paid', 'order.placed', 'user.registered'];

  it('passes and reports listeners per event, and the reason of a listenerless one', () => {
    const report = checkEventListeners(
      listed,
      { 'order.placed': 'nobody reacts yet', 'user.registered': 'audit trail' },
      new Map([['order.paid', ['OrderNotificationsListener.paid', 'TrainingListener.paid']]]),
    );
    expect(report.problems).toEqual([]);
    expect(report.events).toEqual({
      'order.paid': ['OrderNotificationsListener.paid', 'TrainingListener.paid'],
      'order.placed': { listenerless: 'nobody reacts yet' },
      'user.registered': { listenerless: 'audit trail' },
    });
  });

  it('names an event that nobody listens to and that is not declared listenerless', () => {
    const report = checkEventListeners(listed, { 'order.placed': 'nobody reacts yet' }, new Map());
    expect(report.problems).toEqual([
      'order.paid has no listener and is not declared in LISTENERLESS_EVENTS',
      'user.registered has no listener and is not declared in LISTENERLESS_EVENTS',
    ]);
    expect(new OutboxListenersError(report.problems).message).toContain('order.paid has no listener');
  });

  it('refuses a listenerless declaration that has become stale or names an unknown event', () => {
    const report = checkEventListeners(
      listed,
      { 'order.paid': 'was true once', 'order.placed': 'x', 'user.registered': 'x', 'order.teleported': 'typo' },
      new Map([['order.paid', ['OrderNotificationsListener.paid']]]),
    );
    expect(report.problems).toEqual([
      'order.paid is declared listenerless but OrderNotificationsListener.paid listens to it',
      'order.teleported is declared listenerless but is not in EVENT_TYPES',
    ]);
  });

  it('shows listeners of test-only events without refusing them', () => {
    const report = checkEventListeners([], {}, new Map([['probe.happened', ['ProbeListener.first']]]));
    expect(report).toEqual({ events: { 'probe.happened': ['ProbeListener.first'] }, problems: [] });
  });

  it('declares every listenerless event among the listed ones, each with a reason', () => {
    for (const [type, reason] of Object.entries(LISTENERLESS_EVENTS)) {
      expect(EVENT_TYPES).toContain(type);
      expect(reason?.length).toBeGreaterThan(10);
    }
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
  });
});
