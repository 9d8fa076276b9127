import type { SellerStatus } from './seller-state';

declare module '../../queue/event-map' {
  interface EventMap {
    'seller.status-changed': { sellerId: string; from: SellerStatus | null; to: SellerStatus; actorId: string };
  }
}
