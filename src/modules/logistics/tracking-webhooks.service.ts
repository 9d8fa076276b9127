import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { CommonErrors } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { OutboxService } from '../../queue/outbox/outbox.service';
import { CARRIER_CODES, CarrierCode, normaliseTrackingNumber } from './carriers';
import { Shipment } from './entities/shipment.entity';
import { TrackingUpdate } from './entities/tracking-update.entity';
import { LogisticsErrors } from './logistics.errors';
import { ShipmentTracking } from './shipment-tracking.service';

/** What a provider pushes: one parcel's new steps (`state` in Kuaidi100's codes or our status names). */
export const trackingUpdateSchema = z.strictObject({
  id: z.string().trim().min(1).max(200),
  carrier: z.enum(CARRIER_CODES as [CarrierCode, ...CarrierCode[]]),
  trackingNumber: z.string().trim().min(6).max(40),
  events: z
    .array(
      z.strictObject({
        state: z.string().trim().min(1).max(20),
        description: z.string().trim().min(1).max(500),
        location: z.string().trim().max(200).nullish(),
        time: z.iso.datetime({ offset: true }),
      }),
    )
    .min(1)
    .max(200),
});
export type TrackingUpdateBody = z.infer<typeof trackingUpdateSchema>;

/**
 * Pushed tracking updates: checked (HMAC-SHA256 over `<timestamp>.<raw body>` with the
 * provider's secret, timestamp within the tolerance), stored once by the provider's id, and
 * applied by the worker from the outbox, so a crash between receiving and applying loses nothing.
 */
@Injectable()
export class TrackingWebhooks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly tracking: ShipmentTracking,
  ) {}

  async receive(
    provider: string,
    headers: { timestamp?: string; signature?: string },
    rawBody: Buffer,
  ): Promise<{ duplicate: boolean }> {
    this.verify(provider, headers, rawBody);
    let body: TrackingUpdateBody;
    try {
      body = trackingUpdateSchema.parse(JSON.parse(rawBody.toString('utf8')));
    } catch (error) {
      const issues =
        error instanceof z.ZodError
          ? error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
          : [{ path: '', message: 'not JSON' }];
      throw CommonErrors.validation(issues);
    }
    return this.dataSource.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(TrackingUpdate)
        .values({ provider, externalId: body.id, body: body as never })
        .orIgnore()
        .returning(['id'])
        .execute();
      const row = (inserted.raw as Array<{ id: string }>)[0];
      if (!row) return { duplicate: true };
      await this.outbox.record(em, 'tracking.update-received', { trackingUpdateId: row.id });
      return { duplicate: false };
    });
  }

  /** Worker: applies a stored update to every shipment with that carrier and number. */
  async apply(em: EntityManager, trackingUpdateId: string): Promise<void> {
    const update = await em
      .getRepository(TrackingUpdate)
      .findOne({ where: { id: trackingUpdateId }, lock: { mode: 'pessimistic_write' } });
    if (!update || update.appliedAt) return;
    const body = update.body as TrackingUpdateBody;
    const shipments = await em.getRepository(Shipment).find({
      where: { carrier: body.carrier, trackingNumber: normaliseTrackingNumber(body.trackingNumber) },
      lock: { mode: 'pessimistic_write' },
    });
    const steps = body.events.map((e) => ({
      state: e.state,
      description: e.description,
      location: e.location ?? null,
      occurredAt: new Date(e.time),
    }));
    for (const shipment of shipments) await this.tracking.apply(em, shipment, 'push', steps);
    update.appliedAt = new Date();
    await em.getRepository(TrackingUpdate).save(update);
  }

  private verify(provider: string, headers: { timestamp?: string; signature?: string }, rawBody: Buffer): void {
    const secret = this.config.logistics.webhookSecrets[provider];
    if (!secret) throw LogisticsErrors.unknownProvider();
    const timestamp = Number(headers.timestamp);
    if (!Number.isInteger(timestamp)) throw LogisticsErrors.badSignature();
    if (Math.abs(Date.now() / 1000 - timestamp) > this.config.logistics.webhookToleranceSeconds) {
      throw LogisticsErrors.staleSignature();
    }
    const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
    const given = Buffer.from((headers.signature ?? '').replace(/^v1=/, ''), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw LogisticsErrors.badSignature();
  }
}
