declare module '../../queue/event-map' {
  interface EventMap {
    'order.placed': { orderId: string; groupId: string; buyerId: string; sellerId: string };
    /**
     * `goodsFen` and `paidAt` (ISO) let training count a trainee's sales without reading orders;
     * `live` (an order bought in a live session) lets livestreams report the session's sales.
     */
    'order.paid': { orderId: string; sellerId: string; goodsFen: number; paidAt: string; live: LiveSale | null };
    /**
     * `paidAt` (ISO, null when it never was): training takes a paid order's goods out of a
     * trainee's sales; `liveSessionId` out of a session's report.
     */
    'order.cancelled': ClosedOrder;
    'order.expired': { orderId: string; sellerId: string };
    'order.shipped': { orderId: string; sellerId: string };
    'order.delivered': { orderId: string; sellerId: string };
    'order.completed': { orderId: string; sellerId: string };
    /** The parcel came back undelivered (e.g. refused at the door); the order is closed. */
    'order.returned': ClosedOrder;
  }
}

type ClosedOrder = {
  orderId: string;
  sellerId: string;
  reason: string;
  paidAt: string | null;
  liveSessionId: string | null;
};

/** What an order bought in a live session: its buyer and its lines at live prices, by live offer. */
export interface LiveSale {
  sessionId: string;
  buyerId: string;
  lines: Array<{ offerId: string; quantity: number; lineTotalFen: number }>;
}
