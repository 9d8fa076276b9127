import { z } from 'zod';
import { CARRIER_CODES, CarrierCode, SHIPPING_SERVICES } from '../carriers';
import { SHIPMENT_STATUSES } from '../shipment-state';
import { ShipmentView } from '../shipments.service';

export const shipSchema = z.strictObject({
  carrier: z.enum(CARRIER_CODES as [CarrierCode, ...CarrierCode[]]),
  trackingNumber: z.string().trim().min(6).max(40),
  service: z.enum(SHIPPING_SERVICES).default('standard'),
});
export type ShipDto = z.infer<typeof shipSchema>;

export const shipmentSchema = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  carrier: z.enum(CARRIER_CODES as [CarrierCode, ...CarrierCode[]]),
  trackingNumber: z.string(),
  service: z.enum(SHIPPING_SERVICES),
  status: z.enum(SHIPMENT_STATUSES),
  shippedAt: z.string(),
  deliveredAt: z.string().nullable(),
  timeline: z.array(
    z.object({
      status: z.enum(SHIPMENT_STATUSES).nullable(),
      rawStatus: z.string(),
      description: z.string(),
      location: z.string().nullable(),
      at: z.string(),
      source: z.enum(['seller', 'push', 'poll', 'buyer']),
    }),
  ),
  history: z.array(
    z.object({ from: z.enum(SHIPMENT_STATUSES).nullable(), to: z.enum(SHIPMENT_STATUSES), at: z.string() }),
  ),
});

export const toShipmentResponse = (v: ShipmentView): z.infer<typeof shipmentSchema> => ({
  id: v.shipment.id,
  orderId: v.shipment.orderId,
  carrier: v.shipment.carrier,
  trackingNumber: v.shipment.trackingNumber,
  service: v.shipment.service,
  status: v.shipment.status,
  shippedAt: v.shipment.createdAt.toISOString(),
  deliveredAt: v.shipment.deliveredAt?.toISOString() ?? null,
  timeline: v.timeline.map((e) => ({
    status: e.status,
    rawStatus: e.rawStatus,
    description: e.description,
    location: e.location,
    at: e.occurredAt.toISOString(),
    source: e.source,
  })),
  history: v.history.map((h) => ({ from: h.fromStatus, to: h.toStatus, at: h.createdAt.toISOString() })),
});

export const carriersSchema = z.array(
  z.object({
    code: z.enum(CARRIER_CODES as [CarrierCode, ...CarrierCode[]]),
    name: z.string(),
    nameEn: z.string(),
    coldChain: z.boolean(),
  }),
);
