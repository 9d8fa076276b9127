import { NotificationKind } from './notification-kinds';

declare module '../../queue/event-map' {
  interface EventMap {
    /**
     * Any module asks for a notification with this event (nobody imports notifications).
     * `params` fill the kind's templates: ids, order numbers, carrier names; never a phone
     * number or an address. One delivery per (this event, recipient, channel).
     */
    'notification.requested': {
      kind: NotificationKind;
      recipientUserId: string;
      params: Record<string, string | number>;
    };
  }
}
export {};
