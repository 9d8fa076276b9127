import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { orderNumberOf } from '../orders/order-number';
import { OrdersService, REFUSED_AT_DOOR } from '../orders/orders.service';
import { CARRIERS } from './carriers';
import { ShipmentEvent } from './entities/shipment-event.entity';
import { ShipmentStatusChange } from './entities/shipment-status-change.entity';
import { Shipment } from './entities/shipment.entity';
import { canMoveShipment, ShipmentStatus } from './shipment-state';
import { TrackingStep } from './tracking-provider';
import { normaliseTrackingState } from './tracking-status';
import './logistics.events';

/**
 * Applies courier steps to a shipment: every new step joins the timeline once; a step moves the
 * shipment only forward (never back, whatever order the steps arrive in), and a move tells the
 * buyer once. Delivery delivers the order.
 */
@Injectable()
export class ShipmentTracking {
  constructor(
    private readonly orders: OrdersService,
    private readonly outbox: OutboxService,
  ) {}

  /** Starts a parcel's life: the store handed it over (the seller's own step in the timeline). */
  async start(em: EntityManager, shipment: Shipment): Promise<void> {
    const [event] = await this.appendSteps(em, shipment, 'seller', [
      { state: 'awaiting_pickup', description: '商家已发货', location: null, occurredAt: shipment.statusAt },
    ]);
    await em.getRepository(ShipmentStatusChange).insert({
      shipmentId: shipment.id,
      fromStatus: null,
      toStatus: 'awaiting_pickup',
      shipmentEventId: event?.id ?? null,
    });
    await this.notify(em, shipment, 'shipment.shipped');
  }

  /**
   * The buyer confirmed receipt of a parcel the courier never reported delivered (or never
   * reported at all): the shipment follows the order, so a completed order never leaves its
   * parcel awaiting pickup. The buyer's word is a step of the timeline like any other.
   */
  async deliveredPerBuyer(em: EntityManager, orderId: string, at: Date): Promise<void> {
    const shipment = await em
      .getRepository(Shipment)
      .findOne({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
    if (!shipment || !canMoveShipment(shipment.status, 'delivered')) return;
    const [event] = await this.appendSteps(em, shipment, 'buyer', [
      { state: 'delivered', description: '买家已确认收货', location: null, occurredAt: at },
    ]);
    if (!event) return;
    await this.move(em, shipment, 'delivered', event);
    await em.getRepository(Shipment).save(shipment);
  }

  /** Returns how many steps were new. */
  async apply(em: EntityManager, shipment: Shipment, source: 'push' | 'poll', steps: TrackingStep[]): Promise<number> {
    const added = await this.appendSteps(em, shipment, source, steps);
    const ordered = [...added].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    for (const event of ordered) {
      if (!event.status || !canMoveShipment(shipment.status, event.status)) continue;
      if (event.occurredAt < shipment.statusAt) continue; // an older step that arrived late
      await this.move(em, shipment, event.status, event);
    }
    if (source === 'push') shipment.pushed = true;
    await em.getRepository(Shipment).save(shipment);
    return added.length;
  }

  private async appendSteps(
    em: EntityManager,
    shipment: Shipment,
    source: ShipmentEvent['source'],
    steps: TrackingStep[],
  ): Promise<ShipmentEvent[]> {
    const added: ShipmentEvent[] = [];
    for (const step of steps) {
      const fingerprint = createHash('sha256')
        .update(`${step.occurredAt.toISOString()}|${step.description}`)
        .digest('hex');
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(ShipmentEvent)
        .values({
          shipmentId: shipment.id,
          status:
            source === 'seller'
              ? 'awaiting_pickup'
              : source === 'buyer'
                ? 'delivered'
                : normaliseTrackingState(step.state),
          rawStatus: step.state,
          description: step.description,
          location: step.location,
          occurredAt: step.occurredAt,
          source,
          fingerprint,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const row = (inserted.raw as Array<{ id: string }>)[0];
      if (row) added.push(await em.getRepository(ShipmentEvent).findOneByOrFail({ id: row.id }));
    }
    return added;
  }

  private async move(em: EntityManager, shipment: Shipment, to: ShipmentStatus, event: ShipmentEvent): Promise<void> {
    await em.getRepository(ShipmentStatusChange).insert({
      shipmentId: shipment.id,
      fromStatus: shipment.status,
      toStatus: to,
      shipmentEventId: event.id,
    });
    shipment.status = to;
    shipment.statusAt = event.occurredAt;
    if (to === 'delivered') shipment.deliveredAt = event.occurredAt;
    await this.outbox.record(em, 'shipment.status-changed', {
      shipmentId: shipment.id,
      orderId: shipment.orderId,
      status: to,
    });
    if (to === 'delivered') {
      await this.orders.markDelivered(em, shipment.orderId, 'COURIER_DELIVERED');
      await this.notify(em, shipment, 'shipment.delivered');
    } else if (to === 'returned') {
      // Refused at the door (or undeliverable): the order closes and its units go back, once.
      await this.orders.returnUndelivered(em, shipment.orderId, REFUSED_AT_DOOR);
      await this.notify(em, shipment, 'shipment.progress', to);
    } else {
      await this.notify(em, shipment, 'shipment.progress', to);
    }
  }

  private async notify(
    em: EntityManager,
    shipment: Shipment,
    kind: 'shipment.shipped' | 'shipment.progress' | 'shipment.delivered',
    status?: ShipmentStatus,
  ): Promise<void> {
    const carrier = CARRIERS[shipment.carrier];
    // The display values notifications renders in the reader's language: it knows no carriers.
    const params = {
      orderNumber: orderNumberOf({ id: shipment.orderId }),
      carrier: carrier.name,
      carrierEn: carrier.nameEn,
      trackingNumber: shipment.trackingNumber,
    };
    const recipientUserId = shipment.buyerId;
    await this.outbox.record(
      em,
      'notification.requested',
      kind === 'shipment.progress'
        ? { kind, recipientUserId, params: { ...params, status: status ?? shipment.status } }
        : { kind, recipientUserId, params },
    );
  }
}
