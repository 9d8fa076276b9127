import type { GrantableRole } from './roles';

declare module '../../queue/event-map' {
  interface EventMap {
    'user.registered': { userId: string };
    'user.roles-changed': { userId: string; actorId: string; granted: GrantableRole[]; revoked: GrantableRole[] };
  }
}
