declare module '../../queue/event-map' {
  interface EventMap {
    /** A provider pushed a tracking update; the worker applies it. */
    'tracking.update-received': { trackingUpdateId: string };
    'shipment.status-changed': { shipmentId: string; orderId: string; status: string };
  }
}
export {};
