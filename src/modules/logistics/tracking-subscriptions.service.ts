import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrdersService } from '../orders/orders.service';
import { Shipment } from './entities/shipment.entity';
import { TrackingProvider } from './tracking-provider';

/**
 * Asks the tracking provider to push a new parcel's steps to us (Kuaidi100's subscription).
 * Runs as a job after the shipment committed, never inside a transaction; until the first push
 * lands the parcel is still polled, so a lost subscription only costs freshness.
 */
@Injectable()
export class TrackingSubscriptions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: TrackingProvider,
    private readonly orders: OrdersService,
  ) {}

  /** False when there was nothing to subscribe (no provider that pushes, no shipment, already pushed). */
  async subscribe(orderId: string): Promise<boolean> {
    if (!this.provider.enabled) return false;
    const shipment = await this.dataSource.getRepository(Shipment).findOneBy({ orderId });
    if (!shipment || shipment.pushed) return false;
    const order = await this.orders.findById(orderId);
    // SF Express shows a route only with the recipient's phone; the last four digits are enough.
    const phoneTail = order?.shippingAddress.phone.slice(-4) ?? '';
    return this.provider.subscribe(shipment.carrier, shipment.trackingNumber, phoneTail);
  }
}
