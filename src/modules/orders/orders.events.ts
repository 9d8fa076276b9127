declare module '../../queue/event-map' {
  interface EventMap {
    'order.placed': { orderId: string; groupId: string; buyerId: string; sellerId: string };
    /** `goodsFen` and `paidAt` (ISO) let training count a trainee's sales without reading orders. */
    'order.paid': { orderId: string; sellerId: string; goodsFen: number; paidAt: string };
    /** `paidAt` (ISO, null when it never was): training takes a paid order's goods out of a trainee's sales. */
    'order.cancelled': { orderId: string; sellerId: string; reason: string; paidAt: string | null };
    'order.expired': { orderId: string; sellerId: string };
    'order.shipped': { orderId: string; sellerId: string };
    'order.delivered': { orderId: string; sellerId: string };
    'order.completed': { orderId: string; sellerId: string };
    /** The parcel came back undelivered (e.g. refused at the door); the order is closed. */
    'order.returned': { orderId: string; sellerId: string; reason: string; paidAt: string | null };
  }
}
export {};
