import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { OrdersService } from '../orders/orders.service';
import { Shipment } from './entities/shipment.entity';
import { ShipmentTracking } from './shipment-tracking.service';
import { TrackingProvider } from './tracking-provider';

const BATCH = 50;

/**
 * Asks the tracking provider about parcels that get no pushed updates. Each shipment is
 * claimed (its `polledAt` stamped under SKIP LOCKED) before the call, so several workers share
 * the work and no parcel is asked twice per interval; the network call runs outside any transaction.
 */
@Injectable()
export class TrackingPoller {
  private readonly logger = new Logger(TrackingPoller.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: TrackingProvider,
    private readonly tracking: ShipmentTracking,
    private readonly orders: OrdersService,
    private readonly config: AppConfig,
  ) {}

  async pollDue(): Promise<number> {
    if (!this.provider.enabled) return 0;
    const due = await this.claim();
    let applied = 0;
    for (const claimed of due) {
      const order = await this.orders.findById(claimed.orderId);
      const phoneTail = order?.shippingAddress.phone.slice(-4) ?? '';
      try {
        const steps = await this.provider.track(claimed.carrier, claimed.trackingNumber, phoneTail);
        applied += await this.dataSource.transaction(async (em) => {
          const shipment = await em
            .getRepository(Shipment)
            .findOneOrFail({ where: { id: claimed.id }, lock: { mode: 'pessimistic_write' } });
          return this.tracking.apply(em, shipment, 'poll', steps);
        });
      } catch (error) {
        // One parcel the provider cannot answer for must not stop the others; it is asked again next time.
        this.logger.warn({ shipmentId: claimed.id, err: (error as Error).message }, 'tracking poll failed');
      }
    }
    return applied;
  }

  private claim(): Promise<Shipment[]> {
    return this.dataSource.transaction(async (em) => {
      const due = await em
        .getRepository(Shipment)
        .createQueryBuilder('s')
        .where(`NOT s.pushed AND s.status NOT IN ('delivered', 'returned')`)
        .andWhere(`(s.polled_at IS NULL OR s.polled_at <= now() - make_interval(mins => :minutes))`, {
          minutes: this.config.logistics.pollIntervalMinutes,
        })
        .orderBy('s.polled_at', 'ASC', 'NULLS FIRST')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (due.length > 0) {
        await em.getRepository(Shipment).update(
          due.map((s) => s.id),
          { polledAt: () => 'now()' },
        );
      }
      return due;
    });
  }
}
