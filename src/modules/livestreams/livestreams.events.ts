import type { LiveSessionStatus } from './live-session-state';

declare module '../../queue/event-map' {
  interface EventMap {
    /** `pinnedItems`: how many items the session ever pinned (a session held with one completes `first_livestream_held`). */
    'live-session.status-changed': {
      sessionId: string;
      sellerId: string;
      hostUserId: string;
      cohortId: string | null;
      from: LiveSessionStatus | null;
      to: LiveSessionStatus;
      pinnedItems: number;
      at: string;
    };
  }
}
export {};
