import type { GrantableRole } from '../../common/auth/roles';

declare module '../../queue/event-map' {
  interface EventMap {
    'user.registered': { userId: string };
    'user.roles-changed': { userId: string; actorId: string; granted: GrantableRole[]; revoked: GrantableRole[] };
  }
}
