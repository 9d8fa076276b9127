declare module '../../queue/event-map' {
  interface EventMap {
    'product.status-changed': { productId: string; sellerId: string; from: string | null; to: string; actorId: string };
  }
}
export {};
