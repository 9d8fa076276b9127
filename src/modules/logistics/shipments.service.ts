import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/auth.decorators';
import { OrdersService } from '../orders/orders.service';
import { SellerAccess } from '../sellers/seller-access.service';
import { SellersService } from '../sellers/sellers.service';
import { CARRIERS, CarrierCode, normaliseTrackingNumber, ShippingService } from './carriers';
import { ShipmentEvent } from './entities/shipment-event.entity';
import { ShipmentStatusChange } from './entities/shipment-status-change.entity';
import { Shipment } from './entities/shipment.entity';
import { LogisticsErrors } from './logistics.errors';
import { ShipmentTracking } from './shipment-tracking.service';

export interface ShipInput {
  carrier: CarrierCode;
  trackingNumber: string;
  service: ShippingService;
}

export interface ShipmentView {
  shipment: Shipment;
  timeline: ShipmentEvent[];
  history: ShipmentStatusChange[];
}

/** A store ships an order; buyers and the store follow the parcel. */
@Injectable()
export class ShipmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly access: SellerAccess,
    private readonly sellers: SellersService,
    private readonly tracking: ShipmentTracking,
  ) {}

  /**
   * The order leaves the farm: the tracking number must fit the carrier's format, chilled and
   * frozen goods need a cold-chain service, and a perishable order counts for the store's
   * on-time rate.
   */
  async ship(actor: Actor, sellerId: string, orderId: string, input: ShipInput): Promise<ShipmentView> {
    const managed = await this.access.manage(actor, sellerId);
    const carrier = CARRIERS[input.carrier];
    const trackingNumber = normaliseTrackingNumber(input.trackingNumber);
    if (!carrier.number.test(trackingNumber)) throw LogisticsErrors.invalidTrackingNumber(carrier.nameEn);
    const shipment = await this.dataSource.transaction(async (em) => {
      const order = await this.orders.lockForStore(em, sellerId, orderId);
      if (order.coldChain && input.service !== 'cold_chain') throw LogisticsErrors.coldChainRequired();
      if (input.service === 'cold_chain' && !carrier.coldChain) throw LogisticsErrors.noColdChain(carrier.nameEn);
      await this.orders.markShipped(em, order, { carrier: input.carrier, trackingNumber }, actor.id);
      if (order.shipBy) await this.sellers.recordShippingDeadline(em, sellerId, order.shippedAt! <= order.shipBy);
      const created = await em.getRepository(Shipment).save(
        em.getRepository(Shipment).create({
          orderId: order.id,
          sellerId,
          buyerId: order.buyerId,
          carrier: input.carrier,
          trackingNumber,
          service: input.service,
          status: 'awaiting_pickup',
          statusAt: order.shippedAt!,
        }),
      );
      await this.tracking.start(em, created);
      await this.access.audit(em, actor, managed, 'order.shipped', { orderId });
      return created;
    });
    return this.view(shipment);
  }

  async forBuyer(buyerId: string, orderId: string): Promise<ShipmentView> {
    await this.orders.getForBuyer(buyerId, orderId);
    return this.view(await this.find(orderId));
  }

  async forStore(actor: Actor, sellerId: string, orderId: string): Promise<ShipmentView> {
    await this.access.manage(actor, sellerId);
    await this.orders.getForStore(sellerId, orderId);
    return this.view(await this.find(orderId));
  }

  private async find(orderId: string): Promise<Shipment> {
    const shipment = await this.dataSource.getRepository(Shipment).findOneBy({ orderId });
    if (!shipment) throw LogisticsErrors.shipmentNotFound();
    return shipment;
  }

  private async view(shipment: Shipment): Promise<ShipmentView> {
    return {
      shipment,
      timeline: await this.dataSource
        .getRepository(ShipmentEvent)
        .find({ where: { shipmentId: shipment.id }, order: { occurredAt: 'ASC', createdAt: 'ASC' } }),
      history: await this.dataSource
        .getRepository(ShipmentStatusChange)
        .find({ where: { shipmentId: shipment.id }, order: { createdAt: 'ASC' } }),
    };
  }
}
