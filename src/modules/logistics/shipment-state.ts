export const SHIPMENT_STATUSES = [
  'awaiting_pickup',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'returned',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/**
 * DESIGN.md §4: awaiting_pickup → picked_up → in_transit → out_for_delivery → delivered; any
 * non-final → exception; exception → in_transit | delivered | returned. Couriers skip steps
 * (a parcel's first scan is often already "in transit"), so a step may jump forward; it never
 * goes back, which is what keeps late-arriving old events from regressing a shipment.
 */
const TRANSITIONS: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  awaiting_pickup: ['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception'],
  picked_up: ['in_transit', 'out_for_delivery', 'delivered', 'exception'],
  in_transit: ['out_for_delivery', 'delivered', 'exception'],
  out_for_delivery: ['delivered', 'exception'],
  exception: ['in_transit', 'delivered', 'returned'],
  delivered: [],
  returned: [],
};

export const canMoveShipment = (from: ShipmentStatus, to: ShipmentStatus): boolean => TRANSITIONS[from].includes(to);
